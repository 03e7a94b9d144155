module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'volume-info-client',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
