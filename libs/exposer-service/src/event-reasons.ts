// The fixed vocabulary of Event reasons the exposer service records (the ConfigMap ones through
// @ferry/node-agent-config-watch, which records them with the same values).

/** Event reasons the exposer service records (a fixed vocabulary). */
export const ExposerEventReason = {
  /** The node-agent ConfigMap was rejected or deleted; the last good configuration stays in effect. */
  InvalidNodeAgentConfig: 'InvalidNodeAgentConfig',
  /** A new node-agent configuration was applied. */
  NodeAgentConfigApplied: 'NodeAgentConfigApplied',
} as const;
/** One of {@link ExposerEventReason}. */
export type ExposerEventReason = (typeof ExposerEventReason)[keyof typeof ExposerEventReason];
