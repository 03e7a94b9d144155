// Public entry of @ferry/controller-service: the data-path controller (DataUpload, DataDownload,
// PodVolumeBackup, PodVolumeRestore) over the exposer and mover services. Every export is named.

export { ControllerServiceError, ControllerServiceErrorCode } from './errors';
export { ControllerEventReason } from './event-reasons';
export { readControllerServiceSettings, type ControllerServiceSettings } from './controller-service-config';
export {
  ControllerHttpPath,
  controllerRouteAccess,
  controllerRoutes,
  type ControllerHttpViews,
  type OperationView,
} from './controller-http-routes';
export {
  moverNatsCredentialsAccess,
  moverNatsCredentialsPath,
  moverNatsCredentialsRoutes,
  nodeOfCaller,
} from './mover-nats-identity-route';
export { FerryAnnotation, type MoveTarget } from './resource-marks';
export { createRepositoryProvisioner, type RepositoryProvisioner } from './repository-provisioner';
export { createPodVolumeLocator, type PodVolumeLocator } from './pod-volume-locator';
export {
  dataPathProfiles,
  type DataDownloadResource,
  type DataPathProfile,
  type DataPathResource,
  type DataPathStatus,
  type DataUploadResource,
  type PodVolumeBackupResource,
  type PodVolumeRestoreResource,
} from './data-path-resources';
export {
  controllerStopGraceMs,
  startControllerService,
  type ControllerService,
  type ControllerServiceDependencies,
} from './controller-service';
// --- tracing ---
export { DataPathAttribute, dataPathAttributes, dataPathEndSpanName, tracedDataPathStore, type SpanAttributes } from './data-path-tracing';
