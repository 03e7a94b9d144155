// The integration suite: every project's `integration/` tests, against one real environment
// (kube-apiserver, etcd, NATS, MinIO, restic, kopia, node simulator) started for the whole run.
module.exports = {
  ...require('./jest.preset.js'),
  displayName: 'integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/{apps,libs,tools}/*/integration/**/*.spec.ts'],
  globalSetup: '<rootDir>/tools/devenv/jest-global-setup.js',
  globalTeardown: '<rootDir>/tools/devenv/jest-global-teardown.js',
  testTimeout: 120_000,
  maxWorkers: 2,
  reporters: ['default', ['<rootDir>/tools/scripts/summary-reporter.js', { label: 'integration' }]],
};
