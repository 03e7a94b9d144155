module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'policy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
