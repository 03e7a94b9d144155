module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'volume-info',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  passWithNoTests: true,
};
