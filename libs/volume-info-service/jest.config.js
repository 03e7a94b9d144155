module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'volume-info-service',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
