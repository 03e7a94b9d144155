// Public entry of @ferry/restore-service: the Restore controller — validation, the two-phase
// resource restore with progress from the backup tarball in the bucket, the restore's files,
// finalizing and restart safety. Every export is named.
export { startRestoreService, type RestoreService, type RestoreServiceDependencies } from './restore-service';
export { createRestoreReconciler, type RestoreCache, type RestoreReconcilerOptions } from './restore-reconciler';
export { RestoreServiceError, RestoreServiceErrorCode } from './errors';
export type { RestoreTimeouts } from './run/restore-context';
export { readRestoreServiceSettings, type RestoreServiceSettings } from './restore-service-settings';
// --- restore volume info and deletion ---
export {
  createRestoreDeletionReconciler,
  createRestoreDeletionController,
  type RestoreDeletionOptions,
  type RestoreDeletionControllerDependencies,
} from './restore-deletion';
// --- end restore volume info and deletion ---
// --- restore-bench: restore rate and ETA over HTTP ---
export { createRestoreProgressBoard, type RestoreLookup, type RestoreProgressBoard } from './progress/restore-progress-board';
export {
  restoreProgressPath,
  restoreProgressRouteAccess,
  restoreProgressRoutes,
  type ProblemDetails,
} from './progress/restore-progress-routes';
