module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'resource-modifiers',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
