// Public entry of @ferry/storage-location: Velero's BackupStorageLocation rules as pure functions —
// from a BSL to its S3 coordinates and credential Secret, the AWS credentials file, the object
// store layout (keys and valid top-level folders), when a BSL is validated, and which BSL is the
// default; which file a DownloadRequest target names and Velero's DownloadRequest rules. Every
// export is named.

export { StorageLocationError, StorageLocationErrorCode } from './errors';
export {
  describeAwsCredentialsProblem,
  parseAwsCredentials,
  type AwsCredentials,
  type AwsCredentialsProblem,
  type AwsCredentialsResult,
} from './aws-credentials';
export { defaultCredentialSecret, storageLocationPlan, type StorageLocationPlan } from './storage-location-plan';
export {
  backupFileKeys,
  backupMetadataKey,
  backupPrefixKey,
  backupsPrefixKey,
  describeInvalidTopLevelDirectories,
  invalidTopLevelDirectories,
  restoreFileKeys,
  restoreLogKey,
  restorePrefixKey,
  rootPrefix,
  veleroTopLevelDirectories,
  type BackupFileKeys,
  type RestoreFileKeys,
} from './object-store-layout';
export {
  defaultValidationFrequencyMs,
  validationFrequency,
  validationTiming,
  type ValidationFrequency,
  type ValidationTiming,
} from './validation-schedule';
export {
  defaultLocationChanges,
  serverDefaultLocationName,
  type DefaultLocationCandidate,
  type DefaultLocationChanges,
} from './default-location';
export {
  downloadTargetFile,
  downloadTargetKey,
  downloadTargetOwner,
  type DownloadTarget,
  type DownloadTargetFile,
  type DownloadTargetOwner,
} from './download-target-keys';
export {
  decideDownloadTarget,
  downloadRequestAction,
  downloadTargetBackupName,
  downloadUrlTtlMs,
  failedDownloadStatus,
  processedDownloadStatus,
  type DownloadRequestAction,
  type DownloadRequestStatusPatch,
  type DownloadTargetDecision,
  type DownloadTargetLookup,
} from './download-request-rules';
