module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'data-movement',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
