// Public entry of @ferry/mover-service: the data-movement service of one node — move
// jobs from JetStream run with restic or kopia on the node's exposed volumes, progress, cancel,
// results, and the HTTP API. Every export is named.

export { classifyError, MoverServiceError, MoverServiceErrorCode, type ClassifiedError } from './errors';
export { repositoryKey, repositoryLocation, repositoryWorkDir } from './storage-location-mapping';
export {
  createRepositoryAccessResolver,
  type RepositoryAccessResolver,
  type RepositoryAccessResolverOptions,
  type RepositoryRef,
} from './repository-access-resolver';
export {
  createNatsRepositoryClaims,
  type NatsRepositoryClaimsOptions,
  type RepositoryClaim,
  type RepositoryClaimRequest,
  type RepositoryClaims,
} from './repository-claim';
export { prepareRepository, type RepositoryPreparation, type RepositoryPreparationOptions } from './repository-preparer';
export { createSharedTasks, type SharedTasks } from './shared-task';
export { locateVolume, podVolumesDirectory, selectVolumePath, type VolumeCandidate } from './volume-locator';
export { findToolProcesses, pointsInto, reapOrphanTools, type ProcessEntry } from './orphan-tool-reaper';
export {
  createMoveJobRunner,
  MoveJobState,
  parentSnapshotOf,
  snapshotTags,
  type MoveJob,
  type MoveJobRunner,
  type MoveJobRunnerOptions,
  type MoveRunHooks,
  type MoveSummary,
} from './move-job-runner';
export { startMoveJobHandler, type MoveInFlight, type MoveJobHandler, type MoveJobHandlerOptions } from './move-job-handler';
export { deleteRequestedSnapshots, serveSnapshotDeletions, type SnapshotDeletionResponderOptions } from './snapshot-deletion-responder';
export { MoverHttpPath, moverRouteAccess, moverRoutes, type MoverJobsBody } from './mover-http-routes';
export { defaultKubeletRoot, defaultMoverWorkDir, readMoverServiceSettings, type MoverServiceSettings } from './mover-service-config';
export { startMoverService, type MoverService, type MoverServiceDependencies } from './mover-service';
