// Test support of the API lib: builders of Velero, OADP and snapshot objects (valid by default,
// overridable per test) and readers of the reference and generated CRD files. Specs and
// integration tests only; production code never imports this entry.

export {
  aBackupVolumeInfo,
  aDataMoverClass,
  aRestoreVolumeInfo,
  aVolumeSnapshot,
  aVolumeSnapshotBackup,
  aVolumeSnapshotClass,
  aVolumeSnapshotContent,
  aVolumeSnapshotRestore,
} from './oadp-snapshot-builders';
export {
  deployCrdRoot,
  listDeployCrdFiles,
  listReferenceCrdFiles,
  readDeployCrdText,
  readReferenceCrd,
  readReferenceCrdText,
  referenceCrdRoot,
  referenceFolderOf,
} from './reference-files';
export {
  aBackup,
  aBackupSpec,
  aBackupStorageLocation,
  aDeleteBackupRequest,
  aDownloadRequest,
  aRestore,
  aSchedule,
  aServerStatusRequest,
  aVolumeSnapshotLocation,
} from './velero-backup-builders';
export {
  aBackupRepository,
  aCondition,
  aDataDownload,
  aDataUpload,
  aMeta,
  aPodVolumeBackup,
  aPodVolumeRestore,
  aSelector,
  at,
  typeMeta,
} from './velero-builders';
