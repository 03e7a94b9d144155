module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'object-store',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
