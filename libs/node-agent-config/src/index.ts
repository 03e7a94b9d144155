// Public entry of @ferry/node-agent-config: the node-agent ConfigMap
// (docs/velero-compatibility.md#node-agent-configmap) parsed strictly with key paths and fixes, and
// resolved per node, storage class and pod. Pure.

export {
  ConfigIssueCode,
  NodeAgentConfigErrorCode,
  NodeAgentConfigError,
  formatConfigIssue,
  type ConfigIssue,
  type ConfigIssueSeverity,
} from './errors';
export {
  parseNodeAgentConfig,
  parseNodeAgentConfigOrThrow,
  type ConfigMapLike,
  type ParsedNodeAgentConfig,
  type NodeAgentConfigParseResult,
} from './node-agent-config-parser';
export {
  BackupPvcAccessMode,
  concurrencyForNode,
  backupPvcFor,
  loadAffinityFor,
  podResourcesOf,
  type BackupPvcSettings,
  type NodeSelectorRequirement,
  type RequiredNodeAffinity,
} from './node-agent-config-resolver';
export { evaluatePodResources, type PodResourceRequirements, type PodResourcesEvaluation } from './pod-resources';
