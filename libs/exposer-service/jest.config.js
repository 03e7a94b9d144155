module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'exposer-service',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
