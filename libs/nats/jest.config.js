module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'nats',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
