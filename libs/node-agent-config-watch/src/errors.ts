// Errors of the node-agent ConfigMap watch. Every error has a stable `code`, the `cause` it wraps
// and whether trying again can help.
import { FerryError } from '@ferry/errors';

/** Stable codes of the watch's failures. */
export const NodeAgentConfigWatchErrorCode = {
  /** The watcher was stopped (or its informer gave up) before its first list completed. */
  WatcherStopped: 'NODE_AGENT_CONFIG_WATCHER_STOPPED',
} as const;
/** One of {@link NodeAgentConfigWatchErrorCode}. */
export type NodeAgentConfigWatchErrorCode = (typeof NodeAgentConfigWatchErrorCode)[keyof typeof NodeAgentConfigWatchErrorCode];

/** A failure of the node-agent ConfigMap watch; `retryable` says whether trying again can help. */
export class NodeAgentConfigWatchError extends FerryError<NodeAgentConfigWatchErrorCode> {
  /** `retryable` defaults to false: say so explicitly where a retry helps. */
  constructor(code: NodeAgentConfigWatchErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(code, message, { cause: options.cause, retryable: options.retryable ?? false });
  }
}
