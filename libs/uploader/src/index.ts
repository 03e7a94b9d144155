// Public entry of @ferry/uploader: the Uploader role, restic and kopia implementations (each an
// argument builder, the process runner and output parsers), and their errors. Every export is named.
export { UploaderError, UploaderErrorCode } from './errors';
export { runProcess, type ProcessResult, type ProcessRun } from './process-runner';
export type {
  BackupOptions, RepositoryAccess, RestoreOptions, S3RepositoryLocation, SnapshotInfo, TransferProgress, TransferSummary, Uploader,
} from './uploader';
export { createResticUploader, type ResticUploaderOptions } from './restic/restic-uploader';
export { createKopiaUploader, type KopiaUploaderOptions } from './kopia/kopia-uploader';
