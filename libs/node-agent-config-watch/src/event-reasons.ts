// The fixed vocabulary of Event reasons the node-agent ConfigMap watch records on the ConfigMap.

/** Event reasons recorded on the node-agent ConfigMap (a fixed vocabulary). */
export const NodeAgentConfigEventReason = {
  /** The node-agent ConfigMap was rejected or deleted; the last good configuration stays in effect. */
  InvalidNodeAgentConfig: 'InvalidNodeAgentConfig',
  /** A new node-agent configuration was applied. */
  NodeAgentConfigApplied: 'NodeAgentConfigApplied',
} as const;
/** One of {@link NodeAgentConfigEventReason}. */
export type NodeAgentConfigEventReason = (typeof NodeAgentConfigEventReason)[keyof typeof NodeAgentConfigEventReason];
