module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'volume-history',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
