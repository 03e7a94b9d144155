module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'controller',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
