// Public entry of @ferry/restore: Velero's restore rules as pure functions — validation, item
// selection over @ferry/backup's collection rules, the version choice per group, the order of
// resource types, progress arithmetic, the restore item actions and existing-object decisions,
// phases. Every export is named.
export { RestoreRuleErrorCode, RestoreRuleError } from './errors';
export {
  nonRestorableResources,
  mostRecentCompletedBackup,
  validateRestore,
  type RestorePolicyOutcome,
  type RestoreValidationInput,
  type RestoreValidation,
} from './validation/restore-validation';
export { parseArchiveEntry, versionOfDir, isPreferredVersionDir, type ArchiveItemEntry } from './collection/archive-entry';
export {
  compareKubeAwareVersions,
  sortByKubePriority,
  chooseGroupVersion,
  type SourceGroupVersions,
  type TargetGroupVersions,
  type ChosenGroupVersion,
} from './collection/group-version-choice';
export {
  defaultRestorePriorities,
  parseRestorePriorities,
  formatRestorePriorities,
  orderedResources,
  type RestorePriorities,
} from './collection/restore-priorities';
export { restoreStatusAnnotation, mustHaveResources, restoreSelectionOf, type RestoreSelection } from './collection/restore-selection';
export { asObject, cloneJson, jsonEqual, mappedNamespace, nameOf, nestedValue, stringMapOf, type ItemJson } from './items/item-json';
export {
  resetMetadataAndStatus,
  addRestoreLabels,
  blankRestoreLabels,
  isCompletedItem,
  isMirrorPod,
  mirrorPodAnnotation,
} from './items/item-reset';
export {
  podAction,
  podClaimItems,
  jobAction,
  serviceAccountAction,
  secretAction,
  bindingAction,
  serviceAccountTokenType,
  type ActionOutput,
  type AdditionalItem,
} from './items/workload-actions';
export { serviceAction, lastAppliedConfigAnnotation } from './items/service-action';
export {
  persistentVolumeClaimAction,
  resetVolumeBindingInfo,
  volumeWithoutSnapshot,
  claimForRestore,
  type VolumeDecision,
} from './items/volume-actions';
export { customResourceDefinitionAction, namespaceForRestore } from './items/cluster-actions';
export {
  apiServiceAction,
  apiServiceManagedLabel,
  apiServiceSkipReason,
  admissionWebhookConfigurationAction,
  type SkippingActionOutput,
} from './items/registration-actions';
export {
  PluginConfigName,
  pluginConfigLabel,
  pluginConfigSelector,
  choosePluginConfig,
  restorePluginConfigsOf,
  failedPluginConfigs,
  noPluginConfigs,
  mappedStorageClasses,
  changeStorageClassAction,
  changeStorageClassResources,
  changeImageNameAction,
  changeImageNameResources,
  type PluginConfig,
  type RestorePluginConfigs,
} from './items/plugin-config-actions';
export { createMergePatch, mergeServiceAccounts, decideExistingObject, type ExistingObjectDecision } from './items/existing-object';
export {
  prepareRestoreItem,
  itemNamespaceOf,
  resourceKeyOf,
  isItemJson,
  type ItemRestoreSettings,
  type ItemRestoreFacts,
  type PreparedItem,
} from './items/restore-item-pipeline';
// --- restore hooks ---
export { restoreHooksFromSpec, type ResourceRestoreHook } from './hooks/restore-hooks';
export { execRestoreHookWarnings } from './hooks/exec-restore-hook-warnings';
// --- end restore hooks ---
export { ItemRestoreResult, RestorePassCounter, finalRestoreProgress, type RestoreProgress } from './outcome/restore-progress';
export { RestoredItems, encodeRestoredResourceList, type RestoredItemKey } from './outcome/restored-items';
export {
  defaultItemOperationTimeout,
  effectiveItemOperationTimeout,
  restoreAttemptsAnnotation,
  maxRestoreAttempts,
  restoreStepOf,
  phaseAfterRun,
  phaseAfterOperations,
  phaseAfterFinalizing,
  restoreAttempts,
  attemptsExhaustedReason,
  type RestoreStep,
} from './outcome/restore-phase';
// --- restore volumes ---
export {
  dataUploadResultUsage,
  dynamicPvRestoreLabel,
  claimNamespaceNameLabel,
  dataUploadResultConfigMap,
  dataUploadResultSelector,
  readDataUploadResult,
  dataDownloadOperationId,
  restoreUploaderSettings,
  dataDownloadFor,
  type DataUploadResult,
  type DataUploadResultTarget,
  type DataDownloadRequest,
} from './volumes/data-movement-restore';
export {
  dataUploadNameAnnotation,
  volumeSnapshotNameAnnotation,
  snapshotContentDeletionPolicyAnnotation,
  restoredSnapshotName,
  csiClaimAction,
  volumeSnapshotAction,
  volumeSnapshotContentAction,
  type CsiClaimContext,
  type CsiClaimOutput,
  type CsiSnapshotContext,
} from './volumes/csi-volume-actions';
export {
  podUidLabel,
  pvcUidLabel,
  podVolumeSources,
  podVolumeRestoreFor,
  type PodVolumeSource,
  type PodVolumeRestoreRequest,
} from './volumes/pod-volume-restores';
export {
  podVolumeBackupClaimAnnotation,
  backedUpVolumesOf,
  type VolumeBackupMethod,
  type BackedUpVolumesInput,
  type BackedUpVolumes,
} from './volumes/backed-up-volumes';
export {
  csiPvcRestorerName,
  dataDownloadOperation,
  restoreOperationCounts,
  type RestoreOperation,
} from './volumes/restore-item-operations';
// --- restore volume info ---
export {
  type RestoredClaim,
  type RestoredVolumeSnapshot,
  type RestoredPodVolume,
  type PodVolumeRestoreFacts,
  type DataDownloadFacts,
  type NativeSnapshotRestoreFacts,
  type RestoreVolumeInfoInputs,
} from './volume-info/restore-volume-info-inputs';
export { restoreVolumeInfos } from './volume-info/restore-volume-infos';
export { restoredClaimRefs, type RestoredClaimRef } from './volume-info/restored-claim-list';
export {
  claimSnapshotName,
  claimBoundVolume,
  restoredVolumeSnapshot,
  restoredPodVolumes,
  podVolumeRestoreFacts,
  dataDownloadFacts,
} from './volume-info/restore-volume-info-facts';
// --- end restore volume info ---
// --- restore deletion ---
export {
  hasRestoreFinalizer,
  finalizersWithoutRestoreFinalizer,
  finalizersWithRestoreFinalizer,
  restoreDeletionStep,
  type RestoreDeletionStep,
} from './deletion/restore-deletion-rules';
// --- end restore deletion ---
export {
  claimOperationPhases,
  dynamicVolumeTargets,
  needsVolumePatch,
  volumePatchFor,
  checkDynamicVolume,
  type DynamicVolumeTarget,
  type DynamicVolumeCheck,
  type DynamicVolumeState,
} from './volumes/dynamic-volume-patch';
// --- restore-bench: the priorities setting, restore rate and ETA ---
export { restorePrioritiesFromFlag } from './collection/restore-priorities';
export {
  estimateRestoreRate,
  RestoreRateWindow,
  restoreRateWindowMs,
  restoreSampleSpacingMs,
  type RestoreProgressSample,
  type RestoreRateEstimate,
} from './outcome/restore-rate';
export { restoreProgressView, type LiveRestoreRate, type RestoreProgressView } from './outcome/restore-progress-view';
