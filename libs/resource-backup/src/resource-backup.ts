// The factory of the resource collection the Backup controller calls (contract in
// resource-backup-request.ts).
import { BackupRun } from './backup-run';
import type { ResourceBackup, ResourceBackupDependencies } from './resource-backup-request';

/**
 * A {@link ResourceBackup} over `deps.kube`: each call collects one Backup's resources into its
 * tarball in the request's store (a multipart upload while written; nothing is left in the bucket
 * when it rejects). Per-item problems are in the result's `results`; it rejects with a
 * `ResourceBackupError` only when discovery, the upload or the signal stops the whole collection.
 */
export function createResourceBackup(deps: ResourceBackupDependencies): ResourceBackup {
  return (request) => new BackupRun(deps, request).run();
}
