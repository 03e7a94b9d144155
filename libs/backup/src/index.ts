// Public entry of @ferry/backup: Velero's backup rules as pure functions. Every export is named.

// --- rules: validation, status, results, volume info, Go JSON ---
export { BackupRuleErrorCode, BackupRuleError } from './errors';
export { GoMap, goMap, compareGoStrings, goJsonString, encodeGoJson, type GoJsonValue } from './encoding/go-json';
export {
  BackupDurationField,
  veleroDurationDefaults,
  durationProblems,
  effectiveDurations,
  type BackupDurationDefaults,
  type EffectiveDuration,
  type EffectiveDurations,
  type DurationProblem,
} from './status/backup-durations';
export { veleroServerDefaults, defaultedBackupSpec, type BackupServerDefaults } from './status/backup-spec-defaults';
export { expirationOf } from './status/backup-timestamps';
export {
  PreparedBackupKey,
  autoExcludedResources,
  defaultResourceTimeoutNs,
  prepareBackup,
  type PrepareBackupInput,
  type PreparedBackup,
} from './status/prepared-backup';
export {
  backupStatusVersion,
  backupFormatVersion,
  terminalBackupPhases,
  isTerminalBackupPhase,
  setsCompletionTimestamp,
  phaseAfterCollection,
  phaseAfterOperations,
  phaseAfterFinalizing,
  finalBackupPhase,
  operationTimedOutError,
  operationTimedOut,
  operationErrorMessage,
  type CollectionOutcome,
  type OperationsCheck,
  type BackupOutcome,
  type FinalPhase,
} from './status/backup-phase';
export { ProgressThrottle, progressIntervalMs, type BackupProgress } from './status/progress-throttle';
export {
  validateIncludesExcludes,
  validateScopedIncludesExcludes,
  validateNamespaceIncludesExcludes,
  usesOldResourceFilters,
  usesScopedResourceFilters,
} from './validation/includes-excludes';
export {
  chooseStorageLocation,
  storageLocationErrors,
  snapshotLocationErrors,
  type StorageLocationFacts,
  type SnapshotLocationFacts,
  type LocationList,
  type StorageLocationChoice,
} from './validation/location-checks';
export {
  PolicyConfigMapOrigin,
  PolicyLoadStage,
  resourcePolicyErrorMessage,
  includeExcludePolicyWithOldFilters,
  filterPoliciesWithOldFilters,
  type PolicyLoadFailure,
  type ResourcePoliciesOutcome,
} from './validation/resource-policy-outcome';
export { validateBackup, type BackupValidationInput } from './validation/backup-validation';
export {
  ResultLevel,
  emptyBackupResult,
  resultLogText,
  resultCount,
  mergeResults,
  mergeBackupResults,
  encodeBackupResults,
  BackupResultsBuilder,
  type BackupResult,
  type BackupResults,
  type ResultLogFields,
} from './results/backup-results';
export {
  SkipApproach,
  VeleroSkipReason,
  type ClaimRef,
  type VolumeFacts,
  type SkipReason,
  type CsiSnapshotFacts,
  type SnapshotOperationFacts,
  type DataUploadFacts,
  type PodVolumeBackupFacts,
  type VolumeInfoInput,
} from './volume-info/volume-info-inputs';
export {
  defaultVolumeInfoDataMover,
  dataMovementUploaderType,
  skippedReasonText,
  backupVolumeInfos,
} from './volume-info/backup-volume-infos';
export { encodeBackupVolumeInfos } from './volume-info/volume-info-json';
export { hooksNotSupported, podHookCommandAnnotation, specHookWarnings, podHookWarnings, type HookedPod } from './hooks/hook-warnings';
export { maxLabelValueLength, veleroLabelValue } from './labels/label-value';
// --- end rules ---

// --- persistence: the files of a backup in the bucket ---
export { indentGoJson } from './persistence/go-json-indent';
export { encodeBackupMetadata } from './persistence/backup-metadata-json';
export { LogLevel, logrusTextLine, type LogrusEntry } from './persistence/logrus-text-line';
export {
  encodeResourceList,
  encodeItemOperations,
  encodePodVolumeBackups,
  encodeNativeVolumeSnapshots,
} from './persistence/backup-documents';
export { decodeBackupResults } from './persistence/backup-results-reading';
// --- end persistence ---
// --- deletion ---
export {
  DeletionRefusal,
  decideDeletionRequest,
  deleteBackupRequestFor,
  deleteBackupRequestMaxAgeMs,
  deletionRequestLabels,
  deletionRequestSelector,
  isBackupRunning,
  locationNotFoundMessage,
  locationReadOnlyMessage,
  locationUnavailableMessage,
  runningBackupPhases,
  supersededRequests,
  type DeletionRequestDecision,
  type DeletionRequestFacts,
} from './deletion/deletion-request-rules';
export {
  GarbageCollectionFailure,
  decideGarbageCollection,
  defaultGarbageCollectionFrequencyMs,
  garbageCollectionFailureLabel,
  garbageCollectionLabelPatch,
  isBackupExpired,
  isPendingDeletionRequest,
  type GarbageCollectionDecision,
  type LocationLookup,
} from './deletion/garbage-collection-rules';
export {
  repositorySnapshotsOfBackup,
  type BackupRepositorySnapshots,
  type RepositorySnapshots,
  type SkippedSnapshot,
} from './deletion/repository-snapshots';
export { backedUpDataUpload, backedUpPodVolumeBackups, isDataUploadEntry, withStoredObjects } from './deletion/backed-up-volume-objects';
// --- end deletion ---
// --- schedule ---
export { parseCronExpression, type CronParseResult, type CronSchedule } from './schedule/cron-schedule';
export { backupFromSchedule, scheduledBackupName, scheduledBackupTime } from './schedule/scheduled-backup';
export {
  emptyScheduleError,
  scheduleSyncPeriodMs,
  validateSchedule,
  scheduleStatusUpdate,
  scheduleDue,
  backupInFlight,
  type ScheduleValidation,
  type ScheduleStatusUpdate,
  type ScheduleDue,
} from './schedule/schedule-rules';
// --- end schedule ---
// --- volumes ---
export {
  pvcNameAnnotation,
  parallelFilesUploadKey,
  dataUploadOperationPrefix,
  dataUploadOperationId,
  backupOwnerReference,
  backupUidSelector,
  backupVolumeSnapshot,
  backupDataUpload,
  backupPodVolumeBackup,
  type ClaimFacts,
  type PodFacts,
  type DataUploadInput,
  type PodVolumeBackupInput,
} from './volumes/volume-object-builders';
export {
  veleroSnapshotClassLabel,
  snapshotClassAnnotation,
  defaultSnapshotClassAnnotation,
  chooseSnapshotClass,
  type SnapshotClassInput,
  type SnapshotClassChoice,
} from './volumes/snapshot-class-choice';
export {
  noVolumeSnapshotterReason,
  planVolumeWork,
  type PlanEntry,
  type OwnerRef,
  type VolumeOwners,
  type ClaimVolume,
  type SnapshotWork,
  type FsBackupWork,
  type VolumeWork,
} from './volumes/volume-work-plan';
export {
  choosePodVolumeBackups,
  type PodVolumeFacts,
  type ExistingPodVolume,
  type PodVolumeSkip,
  type PodVolumeChoice,
} from './volumes/pod-volume-choice';
export {
  OperationPhase,
  BackupItemActionName,
  dataUploadOperation,
  volumeSnapshotOperationId,
  volumeSnapshotOperation,
  operationRunning,
  dataMovementOperationStatus,
  type DataMovementStatus,
  type ResourceIdentifier,
  type OperationStatus,
  type BackupOperation,
  type OperationClock,
} from './volumes/volume-item-operations';
export {
  podVolumeBackupEnded,
  volumeOperationsState,
  type KeptSnapshot,
  type VolumeRecord,
  type VolumeObjects,
  type VolumeCounts,
  type VolumeState,
} from './volumes/volume-operations-state';
// --- end volumes ---

// --- collection ---
export { compileGlob, globSetMatches, GlobSet, type GlobMatcher } from './collection/glob-matcher';
export {
  namespacePatternMatches,
  backupIncludesNamespace,
  includesAllNamespaces,
  resolveBackupNamespaces,
  namespaceFilterOf,
  namespaceFilterIncludes,
  namespacesToList,
  type NamespaceFilter,
} from './collection/namespace-selection';
export {
  buildResourceCatalog,
  groupResourceString,
  type DiscoveredResource,
  type DiscoveredGroup,
  type CatalogResource,
  type ResourceCatalog,
} from './collection/resource-catalog';
export { IncludesExcludes, resourceTypeFilterOf, type ResourceTypeFilter } from './collection/resource-type-filter';
export {
  resolveFilterPolicies,
  namespaceResourceFilter,
  type FilterPolicies,
  type ResolvedResourceFilter,
  type ResolvedNamespaceFilter,
} from './collection/filter-policies';
export { labelSelectorQuery } from './collection/label-selector-query';
export {
  excludeFromBackupLabel,
  collectionRulesOf,
  listedResources,
  resourceListings,
  itemIncluded,
  type CollectionRules,
  type Listing,
  type ItemFacts,
} from './collection/collection-rules';
export { NamespaceTracker, type NamespaceFacts } from './collection/namespace-tracker';
export { resourceOrderOf, sortByOrder, type OrderedItems } from './collection/ordered-resources';
export {
  backupVersionEntry,
  archiveEntryMode,
  preferredVersionSuffix,
  itemEntryNames,
  encodeUnstructured,
  resourceListKey,
  resourceListEntry,
  ResourceListBuilder,
} from './collection/item-archive';
export {
  objectRef,
  podRelatedItems,
  pvcRelatedItems,
  pvcForArchive,
  type RelatedItem,
  type ObjectJson,
} from './collection/additional-items';
// --- end collection ---
// --- finalize ---
export { binarySIQuantity } from './finalize/binary-si-quantity';
export { CsiClaimKey, finalizedClaim, type ClaimSnapshotRefs } from './finalize/finalized-claim';
export {
  CsiSnapshotAnnotation,
  finalizedVolumeItems,
  type FinalizedItem,
  type FinalizedVolumeItems,
  type FinalizeVolumesInput,
} from './finalize/finalized-volume-items';
export { finalizedTarballUpdate, type TarballUpdate } from './finalize/finalized-tarball-entries';
export { mergeResourceList } from './finalize/resource-list-merge';
// --- end finalize ---
// --- restore volume info: what the restore's volume-info document shares with the backup's ---
export { quantityValue } from './volume-info/backup-volume-infos';
export { encodeRestoreVolumeInfos } from './volume-info/volume-info-json';
// --- end restore volume info ---
