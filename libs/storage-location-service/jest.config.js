module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'storage-location-service',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
