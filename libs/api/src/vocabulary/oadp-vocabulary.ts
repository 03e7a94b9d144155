// Vocabularies of the OADP VolumeSnapshotMover (datamover.oadp.openshift.io/v1alpha1) and of Ferry's
// DataMoverClass in the same group. OADP's CRDs declare no enums; these are the values its
// controller writes.

/** `VolumeSnapshotBackup.status.phase`. */
export const VolumeSnapshotBackupPhase = {
  InProgress: 'InProgress',
  SnapshotBackupDone: 'SnapshotBackupDone',
  Cleanup: 'Cleanup',
  Completed: 'Completed',
  Failed: 'Failed',
  PartiallyFailed: 'PartiallyFailed',
} as const;
/** One of {@link VolumeSnapshotBackupPhase}. */
export type VolumeSnapshotBackupPhase = (typeof VolumeSnapshotBackupPhase)[keyof typeof VolumeSnapshotBackupPhase];

/** `VolumeSnapshotRestore.status.phase`. */
export const VolumeSnapshotRestorePhase = {
  InProgress: 'InProgress',
  SnapshotRestoreDone: 'SnapshotRestoreDone',
  Cleanup: 'Cleanup',
  Completed: 'Completed',
  Failed: 'Failed',
  PartiallyFailed: 'PartiallyFailed',
} as const;
/** One of {@link VolumeSnapshotRestorePhase}. */
export type VolumeSnapshotRestorePhase = (typeof VolumeSnapshotRestorePhase)[keyof typeof VolumeSnapshotRestorePhase];

/** `status.batchingStatus` of VolumeSnapshotBackup/Restore (OADP's concurrency queue). */
export const BatchingStatus = { Queued: 'Queued', Processing: 'Processing', Completed: 'Completed' } as const;
/** One of {@link BatchingStatus}. */
export type BatchingStatus = (typeof BatchingStatus)[keyof typeof BatchingStatus];

/** Condition type OADP sets on VolumeSnapshotBackup/Restore, and its reasons. */
export const VolumeSnapshotMoverCondition = { Reconciled: 'Reconciled', ReasonComplete: 'Complete', ReasonError: 'Error' } as const;
/** One of {@link VolumeSnapshotMoverCondition}. */
export type VolumeSnapshotMoverCondition = (typeof VolumeSnapshotMoverCondition)[keyof typeof VolumeSnapshotMoverCondition];

/** Condition types of Ferry's DataMoverClass status. */
export const DataMoverClassConditionType = {
  /** The mover named in `spec.mover` runs and serves this class. */
  Ready: 'Ready',
  /** Another DataMoverClass claims the same `spec.datamover` value; neither is served. */
  Conflicting: 'Conflicting',
} as const;
/** One of {@link DataMoverClassConditionType}. */
export type DataMoverClassConditionType = (typeof DataMoverClassConditionType)[keyof typeof DataMoverClassConditionType];
