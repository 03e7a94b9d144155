module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'kube-values',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
