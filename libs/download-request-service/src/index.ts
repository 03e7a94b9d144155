// Public entry of @ferry/download-request-service: Velero's DownloadRequest controller — presigned
// URLs of a backup's or restore's files in its BackupStorageLocation (Processed, expiring in 10
// minutes), newest Velero's Failed phase with the reason, and deletion of expired requests. Every
// export is named.

export {
  createDownloadRequestReconciler,
  type DownloadRequestReconcilerOptions,
  type DownloadRequestWriter,
  type DownloadTargetReader,
} from './download-request-reconciler';
export {
  createObjectStorePresigner,
  type DownloadUrlPresigner,
  type ObjectStorePresignerOptions,
  type PresignOutcome,
} from './download-url-presigner';
export {
  startDownloadRequestService,
  type DownloadRequestService,
  type DownloadRequestServiceDependencies,
} from './download-request-service';
