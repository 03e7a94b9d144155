module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'restore-service',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
