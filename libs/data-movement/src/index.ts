// Public entry of @ferry/data-movement: pure logic of moving a volume's data (progress maths;
// phase machines of the data-movement resources). Every export is named; append new ones below.

export {
  defaultEmitIntervalMs,
  defaultRateWindowMs,
  estimateEtaSeconds,
  estimateProgress,
  isEmissionDue,
  pruneSamples,
  rateOverWindow,
  type ProgressEstimate,
  type ProgressSample,
} from './transfer-progress';
export { createProgressTracker, type ProgressTracker, type ProgressTrackerOptions } from './transfer-progress-tracker';
export {
  acceptedCancelTimeoutMs,
  canTransition,
  cancelingForceTimeoutMs,
  decideCancel,
  defaultPrepareTimeoutMs,
  emptyPodVolumeMessage,
  emptyVolumeMessage,
  endingTimestamps,
  isKnownPhase,
  isTerminalPhase,
  normalizePhase,
  prepareTimeoutMessage,
  type CancelAction,
  type CancelInput,
  type DataPathPhase,
  type EndingTimestamps,
} from './data-path-phase';
export {
  ControllerRole,
  decideDataMover,
  defaultUploader,
  ferryMoverName,
  podVolumeUploader,
  uploaderTypeConfigKey,
  type DataMoverDecision,
  type DataMoverInput,
  type MoverUploader,
} from './data-mover-selection';
export {
  dataDownloadSpecProblems,
  dataUploadSpecProblems,
  formatSpecProblems,
  podVolumeBackupSpecProblems,
  podVolumeRestoreSpecProblems,
  type SpecProblem,
} from './data-path-spec-check';
export {
  backupRepositoryName,
  dataDownloadMoveJob,
  dataUploadMoveJob,
  podVolumeBackupMoveJob,
  podVolumeRestoreMoveJob,
  type MoveJobContext,
  type MoveJobInput,
  type MoveVolumeLocation,
} from './move-job-builder';
export { volumeRecordRefOf, type VolumeRecordRef } from './volume-record-ref';
export {
  decideMoveRetry,
  defaultMaxMoveAttempts,
  moveJobAttempt,
  moveJobId,
  moveJobPrefix,
  type DataPathKind,
  type MoveRetryDecision,
} from './move-job-id';
export { createStatusWriteThrottle, defaultProgressWriteIntervalMs, type StatusWriteThrottle } from './status-write-throttle';
export { goDurationVariable, parseGoDuration } from './go-duration';
export { DataMovementError, DataMovementErrorCode } from './errors';
export {
  ClassSelectionSource,
  DataMoverClassKey,
  dataMoverClassClaims,
  isDefaultDataMoverClass,
  selectDataMoverClass,
  type ClaimForClassSelection,
  type DataMoverClassSelection,
} from './data-mover-class-selection';
export {
  locationOfRepository,
  parseRepositoryIdentifier,
  repositoryIdentifier,
  type ParsedRepositoryIdentifier,
  type RepositoryIdentifierResult,
} from './repository-identifier';
export {
  advanceSnapshotMoverStatus,
  completeSnapshotMoverStatus,
  dataPathOutcome,
  failSnapshotMoverStatus,
  isFinishedSnapshotMoverPhase,
  SnapshotMoverStep,
  snapshotMoverStep,
  type DataPathOutcome,
  type SnapshotMoverStatusCore,
} from './snapshot-mover-phase';
