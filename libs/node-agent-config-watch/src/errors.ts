// Errors of the node-agent ConfigMap watch. Every error has a stable `code`, the `cause` it wraps
// and whether trying again can help.

/** Stable codes of the watch's failures. */
export const NodeAgentConfigWatchErrorCode = {
  /** The watcher was stopped (or its informer gave up) before its first list completed. */
  WatcherStopped: 'NODE_AGENT_CONFIG_WATCHER_STOPPED',
} as const;
/** One of {@link NodeAgentConfigWatchErrorCode}. */
export type NodeAgentConfigWatchErrorCode = (typeof NodeAgentConfigWatchErrorCode)[keyof typeof NodeAgentConfigWatchErrorCode];

/** A failure of the node-agent ConfigMap watch; `retryable` says whether trying again can help. */
export class NodeAgentConfigWatchError extends Error {
  readonly code: NodeAgentConfigWatchErrorCode;
  readonly retryable: boolean;

  constructor(code: NodeAgentConfigWatchErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'NodeAgentConfigWatchError';
    this.code = code;
    this.retryable = options.retryable ?? false;
  }
}
