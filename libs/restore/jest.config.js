module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'restore',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
