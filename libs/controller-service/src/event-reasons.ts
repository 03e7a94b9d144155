// Reasons of the Events the controller records on data-path resources (a fixed vocabulary, as
// Velero's controllers have).

/** Event reasons of the controller. */
export const ControllerEventReason = {
  /** Warning: the exposure did not get ready within the prepare timeout; the message is the diagnosis's cause. */
  PrepareTimeout: 'DataPathPrepareTimeout',
  /** Warning: the exposure failed (pod failed, snapshot unusable); the message is the cause. */
  ExposeFailed: 'DataPathExposeFailed',
  /** Warning: the spec lacks fields or names a missing BackupStorageLocation, pod or volume. */
  InvalidSpec: 'DataPathInvalidSpec',
  /** Warning: the mover failed (after the retries); the message is its classified error. */
  MoveFailed: 'DataPathMoveFailed',
  /** Normal: a retryable mover failure; another attempt was sent. */
  MoveRetried: 'DataPathMoveRetried',
  /** Normal: the data path was canceled. */
  Canceled: 'DataPathCanceled',
} as const;
/** One of {@link ControllerEventReason}. */
export type ControllerEventReason = (typeof ControllerEventReason)[keyof typeof ControllerEventReason];
