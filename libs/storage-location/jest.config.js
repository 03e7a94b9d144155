module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'storage-location',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
