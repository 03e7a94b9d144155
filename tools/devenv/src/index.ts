export { ensureBinaries, type Binaries } from './binaries';
export { terminal } from './terminal-output';
export { buildDataTree, describeTree, standardDataTree, type DataTreeSpec } from './data-tree';
export { startEnvironment, type Environment, type EnvironmentOptions } from './environment';
export { environmentInfoVariable, loadEnvironmentInfo, type EnvironmentInfo, type SimulatedNodeInfo } from './environment-info';
export { DevEnvError, DevEnvErrorCode } from './errors';
export { startNodeSimulator, type NodeSimulator, type NodeSimulatorOptions } from './node-simulator/node-simulator';
export { simulatorStorage } from './node-simulator/storage-setup';
export { csiMountPath, simulatorLayout, type SimulatorLayout } from './node-simulator/simulator-layout';
export { startMinio, type MinioServer, type S3Info } from './servers/minio-server';
export {
  awsCredentialsFile,
  createMinioStorageLocation,
  setRepositoryPassword,
  type MinioStorageLocationOptions,
} from './storage-location';
export {
  ferryServiceInstances,
  startFerryService,
  type FerryServiceHosts,
  type FerryServiceInstance,
  type FerryServiceProcess,
  type FerryServiceTarget,
} from './servers/ferry-service';
export { eventually, eventuallyPasses } from './eventually';
