module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'uploader',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
