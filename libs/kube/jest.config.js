module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'kube',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
