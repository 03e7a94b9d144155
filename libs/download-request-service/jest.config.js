module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'download-request-service',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
