// Public entry of @ferry/exposer-service: the exposer's Kubernetes-facing pieces. The roles (snapshot
// and restore exposers), the job handler and the HTTP API (the ConfigMap watch is @ferry/node-agent-config-watch). Every export is named.

export { ExposerServiceError, ExposerServiceErrorCode } from './errors';
export type { ExposedVolume, ExposureState, OperationRef, RestoreExposer, SnapshotExposer } from './exposer-roles';
export { createGenericRestoreExposer, OriginalReclaimPolicyAnnotation, type GenericRestoreExposerOptions } from './generic-restore-exposer';
export { createCsiSnapshotExposer, type CsiSnapshotExposerOptions, type CsiExposerPodSettings } from './csi-snapshot-exposer';
export {
  startExposureJobHandler,
  type ExposureInFlight,
  type ExposureJobHandler,
  type ExposureJobHandlerOptions,
} from './exposure-job-handler';
export { buildExposeResult, prepareDeadline, remainingMs, type ExposeOutcome, type ExposeResultPayload } from './exposure-timing';
export {
  createNodeAgentConfigTracker,
  ExposerHttpPath,
  exposerRouteAccess,
  exposerRoutes,
  type NodeAgentConfigStatus,
  type NodeAgentConfigTracker,
} from './exposer-http-routes';
export { defaultExposerPodImage, readExposerServiceSettings, type ExposerServiceSettings } from './exposer-service-config';
export {
  defaultExposers,
  startExposerService,
  type ExposerService,
  type ExposerServiceDependencies,
  type ExposersFactory,
} from './exposer-service';
