// Public entry of @ferry/uploader: the Uploader role, restic and kopia implementations (each an
// argument builder, the process runner and output parsers), and their errors. Every export is named.
export { UploaderError, UploaderErrorCode } from './errors';
export { runProcess, type ProcessResult, type ProcessRun } from './process-runner';
export { ensureRepository } from './repository-setup';
export { estimateSourceBytes } from './source-size-estimate';
export type {
  BackupOptions,
  BackupParent,
  RepositoryAccess,
  RestoreOptions,
  S3RepositoryLocation,
  SnapshotDeletion,
  SnapshotInfo,
  TransferProgress,
  TransferSummary,
  Uploader,
} from './uploader';
export { partitionSnapshotIds } from './snapshot-deletion';
export { createResticUploader, type ResticUploaderOptions } from './restic/restic-uploader';
export { createKopiaUploader, type KopiaUploaderOptions } from './kopia/kopia-uploader';
// The pure command-line builders, so that a benchmark can run the plain tools with the same flags.
export {
  backupArgs as resticBackupArgs,
  forgetArgs as resticForgetArgs,
  initArgs as resticInitArgs,
  restoreArgs as resticRestoreArgs,
  resticEnvironment,
  resticGlobalOptions,
  resticSourceTag,
} from './restic/restic-args';
export {
  kopiaEnvironment,
  kopiaRepositoryArgs,
  kopiaSnapshotCreateArgs,
  kopiaSnapshotDeleteArgs,
  kopiaSnapshotRestoreArgs,
} from './kopia/kopia-args';
