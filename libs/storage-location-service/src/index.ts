// Public entry of @ferry/storage-location-service: Velero's BackupStorageLocation controller —
// validation of each BSL's object store at its validation frequency, status phase, message and
// lastValidationTime, and the default-location rules. Every export is named.

export { validatedStatus } from './storage-location-status';
export { createObjectStoreValidator, type ObjectStoreValidatorOptions, type StorageLocationValidator } from './storage-location-validator';
export {
  createStorageLocationReconciler,
  type StorageLocationCache,
  type StorageLocationReconcilerOptions,
  type StorageLocationWriter,
} from './storage-location-reconciler';
export {
  startStorageLocationService,
  type StorageLocationService,
  type StorageLocationServiceDependencies,
} from './storage-location-service';
