// Public entry of @ferry/object-store: a BackupStorageLocation's bucket over S3 — opened from the
// BSL and its credential Secret, the ObjectStore role, presigned download URLs, and Velero's backup
// store check. Every export is named.

export { ObjectStoreError, ObjectStoreErrorCode } from './errors';
export { classifyS3Error, type S3RequestTarget } from './s3-error-classifier';
export { createS3Client, createS3ObjectStore, type ObjectStore, type ObjectStoreClientOptions } from './s3-object-store';
export type { UploadStreamOptions } from './s3-bucket-operations';
export {
  openStorageLocation,
  readStorageLocationAccess,
  type OpenedStorageLocation,
  type OpenStorageLocationOptions,
  type StorageLocationAccess,
} from './storage-location-opener';
export { presignObjectUrl, presignStorageLocationUrl, type PresignRequest } from './s3-url-presigner';
export { checkBackupStore } from './backup-store-check';
