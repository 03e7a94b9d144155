module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'backup-service',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
