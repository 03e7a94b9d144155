// Public entry of @ferry/volume-history: volume-info entries summarised (claim, method, handle,
// bytes, duration), per-volume records folded, and the cross-backup claim history index. Pure.
export {
  backupVolumeSummary,
  durationBetween,
  restoreVolumeSummary,
  sourceNamespaceOf,
  type BackupVolumeSummary,
  type ClaimRef,
  type RestoreVolumeSummary,
  type VolumeExposure,
  type VolumeSummary,
} from './volume-summary';
export {
  mergedRecordSummary,
  mergeVolumeRecord,
  VolumeRecordTargetKind,
  withRecordedFacts,
  type MergedVolumeRecord,
  type VolumeRecord,
  type VolumeRecordFacts,
  type VolumeRecordTarget,
} from './volume-record-merge';
export {
  createClaimHistoryIndex,
  HistorySource,
  type BackupReport,
  type ClaimBackupEntry,
  type ClaimHistory,
  type ClaimHistoryIndex,
  type ClaimRestoreEntry,
  type ObjectRef,
  type RestoreReport,
} from './claim-history-index';
export {
  generateBackupDocument,
  generateRestoreDocument,
  keyedBackupInputs,
  keyedRestoreInputs,
  newestInputs,
  type GeneratedVolumeDocument,
  type KeyedVolumeInput,
  type RecordedVolumeInput,
  type VolumeDocumentInput,
} from './volume-document-inputs';
