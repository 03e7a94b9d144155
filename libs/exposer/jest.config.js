module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'exposer-domain',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
