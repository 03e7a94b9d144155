export { ensureBinaries, type Binaries } from './binaries';
export { startEnvironment, type Environment, type EnvironmentOptions } from './environment';
export {
  environmentInfoVariable,
  loadEnvironmentInfo,
  type EnvironmentInfo,
  type SimulatedNodeInfo,
} from './environment-info';
export { DevEnvError, DevEnvErrorCode } from './errors';
export type { S3Info } from './servers/minio-server';
