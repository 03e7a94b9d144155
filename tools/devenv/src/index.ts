// The development environment as a library, for `npm start`, the CLI and the benchmarks: start an
// environment, set up a storage location on its MinIO, describe data trees. What only tests use
// is in `@ferry/devenv/testing` (./testing/index.ts).
export { ensureBinaries, type Binaries } from './binaries';
export { terminal } from './terminal-output';
export { describeTree } from './data-tree';
export { startEnvironment, type Environment, type EnvironmentOptions } from './environment';
export { environmentInfoVariable, type EnvironmentInfo, type SimulatedNodeInfo } from './environment-info';
export { DevEnvError, DevEnvErrorCode } from './errors';
export { type S3Info } from './servers/minio-server';
export {
  awsCredentialsFile,
  createMinioStorageLocation,
  setRepositoryPassword,
  type MinioStorageLocationOptions,
} from './storage-location';
// --- NATS security ---
export { ferryNatsNamespace, natsCredentialsFile } from './servers/nats-auth';
export { claimTestNatsNamespace, type ClaimedNatsNamespace } from './servers/nats-namespace-pool';
export { simulatedNodeName } from './node-simulator/node-registrar';
