module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'mover-service',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
