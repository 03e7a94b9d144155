module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'mover',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
