module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'resource-backup',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
