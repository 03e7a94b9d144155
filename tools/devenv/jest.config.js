module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'devenv',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
