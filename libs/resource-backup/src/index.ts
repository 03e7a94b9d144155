// Public entry of @ferry/resource-backup: one Backup's resources collected into Velero's tarball
// in the bucket. Every export is named.
export type {
  BackedUpObjectRef,
  ResourceBackup,
  ResourceBackupDependencies,
  ResourceBackupProgress,
  ResourceBackupRequest,
  ResourceBackupResult,
} from './resource-backup-request';
export { createResourceBackup } from './resource-backup';
export { ResourceBackupError, ResourceBackupErrorCode } from './errors';
export { finalizeBackupTarball, type FinalizeBackupTarballRequest, type FinalizeBackupTarballResult } from './backup-tarball-finalizer';
export { rewriteTarball, type TarballRewriteResult } from './tarball-rewrite';
// --- restore ---
// The restore reads discovery the same way and creates items through the same bounded pool.
export { discoverApiGroups } from './api-discovery';
export { mapWithLimit } from './bounded-pool';
// --- end restore ---
