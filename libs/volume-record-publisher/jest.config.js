module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'volume-record-publisher',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
