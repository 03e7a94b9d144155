// Public entry of @ferry/volume-policy: Velero's resource/volume policies and volume helper as
// pure functions — strict policy parsing with positions, condition matching, the snapshot and
// fs-backup decisions with reasons, and whole-backup planning. Every export is named.

export {
  PolicyIssueCode,
  VolumePolicyErrorCode,
  VolumePolicyError,
  InvalidResourcePoliciesError,
  formatPolicyIssue,
  isDecodingIssue,
  isDocumentRefusal,
  maxPolicyAliasCount,
  maxPolicyDocumentBytes,
  type PolicyIssue,
} from './errors';
export { globPatternError, namespacePatternError } from './glob-pattern';
export { parseCapacity, validateCapacity, capacityInRange, type CapacityRange, type CapacityParseResult } from './capacity-condition';
export {
  persistentVolumeSourceKinds,
  podVolumeSourceKinds,
  objectKey,
  claimNameOf,
  type PersistentVolumeSourceKind,
  type PodVolumeSourceKind,
  type ObjectMetaInput,
  type NfsSourceInput,
  type CsiSourceInput,
  type PersistentVolumeInput,
  type PersistentVolumeClaimInput,
  type PodVolumeInput,
  type PodInput,
  type PodVolumeMount,
} from './volume-inputs';
export { SupportedVolumeType, volumeAttributesOf, type VolumeAttributes, type VolumeFilterData } from './volume-attributes';
export {
  ConditionName,
  conditionsMatch,
  firstFailingCondition,
  matchStorageClass,
  matchNfs,
  matchCsi,
  matchPvcLabels,
  matchPvcPhase,
  matchVolumeMode,
  matchAccessModes,
  type CompiledConditions,
} from './volume-conditions';
export {
  PolicyOrigin,
  matchVolumePolicy,
  combinePolicies,
  type VolumeAction,
  type CompiledVolumePolicy,
  type IncludeExcludePolicy,
  type ResourcePolicies,
  type PolicyMatch,
} from './resource-policies';
export {
  parseResourcePolicies,
  parseResourcePoliciesOrThrow,
  type ParsePoliciesOptions,
  type ParsePoliciesResult,
} from './volume-policy-parser';
export { supportedPolicyVersion } from './policy-compiler';
export type { ResourceFilter, ClusterScopedFilterPolicy, NamespacedFilterPolicy } from './filter-policy-validator';
export {
  policyReferenceKind,
  isConfigMapPolicyReference,
  policyDocumentFromConfigMap,
  checkIncludeExcludeCompatibility,
  checkFilterPolicyCompatibility,
  type PolicyDocumentExtraction,
} from './policy-config-map';
export {
  volumesToBackup,
  volumesToExclude,
  legacyFsBackupRule,
  type LegacyFsBackupReason,
  type LegacyFsBackupResult,
} from './legacy-fs-backup-rule';
export {
  NeverFsBackupKind,
  renderReason,
  renderDecision,
  renderConditions,
  pvcNotBoundMessage,
  pvcNotFoundMessage,
  type ObjectRef,
  type PolicyMatchReason,
  type PvcNotBoundReason,
  type PvcNotFoundReason,
  type DecisionReason,
  type VolumeDecision,
} from './decision-reason';
export { backupVolumeSettingsOf, type BackupVolumeSettings } from './backup-volume-settings';
export { resolveBoundPv, claimRefOf, type PvBinding } from './pvc-binding';
export { shouldPerformSnapshot, type SnapshotSubject, type SnapshotDecisionInput } from './snapshot-decider';
export { shouldPerformFsBackup, type FsBackupDecisionInput } from './fs-backup-decider';
export { DataMoverSource, selectDataMover, type DataMoverChoice } from './data-mover-selector';
export { indexClaimMounts, claimMountsOfPv, findClaimMounts, type ClaimMountIndex } from './claim-mount-index';
export {
  planBackupVolumes,
  type BackupVolumePlanInput,
  type PlanTarget,
  type VolumePlanEntry,
  type BackupVolumePlan,
} from './backup-volume-planner';
export type { WorkStats } from './work-meter';
