module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'node-agent-config-watch',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
