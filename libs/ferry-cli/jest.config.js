module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'ferry-cli',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
