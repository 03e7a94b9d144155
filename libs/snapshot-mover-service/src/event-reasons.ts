// Reasons of the Events the snapshot mover records on VolumeSnapshotBackups and
// VolumeSnapshotRestores: a fixed vocabulary, as Velero's controllers have.

/** Event reasons of the snapshot mover. */
export const SnapshotMoverEventReason = {
  /** Normal: inputs resolved, phase InProgress; the message names the class and the repository. */
  Started: 'DataMoveStarted',
  /** Normal: the DataUpload / DataDownload was created; the message names it and its datamover. */
  DataPathCreated: 'DataPathCreated',
  /** Normal: the data is in the repository (VSB) or a snapshot of the restored data exists (VSR). */
  DataMoved: 'DataMoved',
  /** Normal: intermediate objects removed, phase Completed. */
  Completed: 'DataMoveCompleted',
  /** Warning: the request is invalid as written; the message names the field. */
  InvalidRequest: 'InvalidRequest',
  /** Warning: the data path failed or was canceled; the message carries its cause. */
  Failed: 'DataMoveFailed',
} as const;
/** One of {@link SnapshotMoverEventReason}. */
export type SnapshotMoverEventReason = (typeof SnapshotMoverEventReason)[keyof typeof SnapshotMoverEventReason];
