module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'exposer',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
