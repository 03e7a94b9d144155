module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'snapshot-mover-service',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
