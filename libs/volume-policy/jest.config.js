module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'volume-policy',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
