// Errors of the exposer service lib. Every error has a stable `code`, the `cause` it wraps and
// whether trying again can help.

/** Stable codes of the exposer service's failures. */
export const ExposerServiceErrorCode = {
  /** The node-agent ConfigMap watcher was stopped before its first list completed. */
  WatcherStopped: 'EXPOSER_CONFIG_WATCHER_STOPPED',
  /** A Kubernetes Event could not be written (events are best effort; reported, never thrown). */
  EventNotRecorded: 'EXPOSER_EVENT_NOT_RECORDED',
} as const;
/** One of {@link ExposerServiceErrorCode}. */
export type ExposerServiceErrorCode = (typeof ExposerServiceErrorCode)[keyof typeof ExposerServiceErrorCode];

/** A failure of the exposer service; `retryable` says whether trying again can help. */
export class ExposerServiceError extends Error {
  readonly code: ExposerServiceErrorCode;
  readonly retryable: boolean;

  constructor(code: ExposerServiceErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ExposerServiceError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}
