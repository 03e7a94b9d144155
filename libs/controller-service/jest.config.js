module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'controller-service',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
