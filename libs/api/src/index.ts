// Public entry of @ferry/api: custom-resource and document schemas (zod) with their TypeScript
// types, validation, vocabularies, well-known names, and the CRD renderer. Every export is named.

export {
  ApiErrorCode,
  ApiError,
  ResourceValidationError,
  DocumentValidationError,
  UnknownKindError,
  UnsupportedSchemaError,
} from './errors';
export { formatIssues, validateWithSchema, formatPath, type ValidationIssue, type ValidationResult } from './validation/validation-result';
export {
  VolumeSnapshotBackupPhase,
  VolumeSnapshotRestorePhase,
  BatchingStatus,
  VolumeSnapshotMoverCondition,
  DataMoverClassConditionType,
} from './vocabulary/oadp-vocabulary';
export { SnapshotDeletionPolicy } from './vocabulary/snapshot-vocabulary';
export {
  BackupPhase,
  RestorePhase,
  DataUploadPhase,
  DataDownloadPhase,
  PodVolumeBackupPhase,
  PodVolumeRestorePhase,
  BackupStorageLocationPhase,
  BackupStorageLocationAccessMode,
  BackupRepositoryPhase,
  MaintenanceResult,
  UploaderType,
  DownloadRequestPhase,
  DownloadTargetKind,
  DeleteBackupRequestPhase,
  ServerStatusRequestPhase,
  SchedulePhase,
  NodeOS,
  SnapshotType,
  BackupType,
  HookErrorMode,
  ExistingResourcePolicy,
  ParentSnapshot,
  BuiltInDataMover,
} from './vocabulary/velero-vocabulary';
export {
  VeleroLabel,
  ExposerPodGroup,
  VeleroAnnotation,
  ExternalLabel,
  FerryLabel,
  moverPodSelector,
  VeleroFinalizer,
  VeleroObjectName,
  KopiaSnapshotTag,
} from './vocabulary/well-known-names';
export {
  objectMetaSchema,
  LabelSelectorOperator,
  labelSelectorSchema,
  objectReferenceSchema,
  typedLocalObjectReferenceSchema,
  secretKeySelectorSchema,
  ConditionStatus,
  conditionSchema,
  type ObjectMeta,
  type LabelSelector,
  type ObjectReference,
  type TypedLocalObjectReference,
  type SecretKeySelector,
  type Condition,
} from './schema/common-schemas';
export { checkStructuralSchema, type StructuralViolation } from './schema/structural-schema-check';
export { toStructuralSchema, type JsonSchemaProps } from './schema/structural-schema';
export {
  ResourceScope,
  CrdSource,
  defineResource,
  apiVersionOf,
  crdNameOf,
  type PrinterColumn,
  type ResourceDefinition,
  type ResourceDefinitionInput,
} from './resources/resource-definition';
export {
  resourceDefinitions,
  resourceKinds,
  isResourceKind,
  generatedResourceDefinitions,
  upstreamResourceDefinitions,
  type ResourceKind,
  type ResourceOf,
} from './resources/resource-registry';
export { validateResource, parseResource, isResource } from './resources/resource-validator';
export {
  backupRepositorySpecSchema,
  backupRepositoryStatusSchema,
  backupRepositorySchema,
  backupRepositoryDefinition,
  type BackupRepositorySpec,
  type BackupRepositoryStatus,
  type BackupRepository,
} from './resources/velero/backup-repository-schema';
export {
  backupExecHookSchema,
  backupResourceHookSpecSchema,
  backupSpecSchema,
  backupStatusSchema,
  backupSchema,
  backupDefinition,
  type BackupSpec,
  type BackupStatus,
  type Backup,
} from './resources/velero/backup-schema';
export {
  objectStorageLocationSchema,
  backupStorageLocationSpecSchema,
  backupStorageLocationStatusSchema,
  backupStorageLocationSchema,
  backupStorageLocationDefinition,
  type BackupStorageLocationSpec,
  type BackupStorageLocationStatus,
  type BackupStorageLocation,
} from './resources/velero/backup-storage-location-schema';
export {
  targetVolumeSpecSchema,
  dataDownloadSpecSchema,
  dataDownloadStatusSchema,
  dataDownloadSchema,
  dataDownloadDefinition,
  type DataDownloadSpec,
  type DataDownloadStatus,
  type DataDownload,
} from './resources/velero/data-download-schema';
export {
  csiSnapshotSpecSchema,
  dataMoveProgressSchema,
  dataUploadSpecSchema,
  dataUploadStatusSchema,
  dataUploadSchema,
  dataUploadDefinition,
  type DataMoveProgress,
  type DataUploadSpec,
  type DataUploadStatus,
  type DataUpload,
} from './resources/velero/data-upload-schema';
export {
  downloadRequestSpecSchema,
  downloadRequestStatusSchema,
  downloadRequestSchema,
  downloadRequestDefinition,
  type DownloadRequest,
} from './resources/velero/download-request-schema';
export {
  podVolumeBackupSpecSchema,
  podVolumeBackupStatusSchema,
  podVolumeBackupSchema,
  podVolumeBackupDefinition,
  type PodVolumeBackupSpec,
  type PodVolumeBackupStatus,
  type PodVolumeBackup,
} from './resources/velero/pod-volume-backup-schema';
export {
  podVolumeRestoreSpecSchema,
  podVolumeRestoreStatusSchema,
  podVolumeRestoreSchema,
  podVolumeRestoreDefinition,
  type PodVolumeRestoreSpec,
  type PodVolumeRestoreStatus,
  type PodVolumeRestore,
} from './resources/velero/pod-volume-restore-schema';
export {
  restoreResourceHookSchema,
  restoreResourceHookSpecSchema,
  restoreSpecSchema,
  restoreProgressSchema,
  restoreStatusSchema,
  restoreSchema,
  restoreDefinition,
  type RestoreSpec,
  type RestoreProgress,
  type RestoreStatus,
  type Restore,
} from './resources/velero/restore-schema';
export { scheduleSpecSchema, scheduleSchema, scheduleDefinition, type Schedule } from './resources/velero/schedule-schema';
export {
  deleteBackupRequestSchema,
  deleteBackupRequestDefinition,
  serverStatusRequestSchema,
  serverStatusRequestDefinition,
  type DeleteBackupRequest,
  type ServerStatusRequest,
} from './resources/velero/velero-request-schemas';
export {
  volumeSnapshotLocationSpecSchema,
  volumeSnapshotLocationSchema,
  volumeSnapshotLocationDefinition,
  type VolumeSnapshotLocation,
} from './resources/velero/volume-snapshot-location-schema';
export {
  dataMoverClassSpecSchema,
  dataMoverClassStatusSchema,
  dataMoverClassSchema,
  dataMoverClassDefinition,
  type DataMoverClassSpec,
  type DataMoverClassStatus,
  type DataMoverClass,
} from './resources/oadp/data-mover-class-schema';
export {
  sourcePvcDataSchema,
  resticSecretRefSchema,
  volumeSnapshotBackupSpecSchema,
  replicationDataSchema,
  volumeSnapshotBackupStatusSchema,
  volumeSnapshotBackupSchema,
  volumeSnapshotBackupDefinition,
  type VolumeSnapshotBackup,
} from './resources/oadp/volume-snapshot-backup-schema';
export {
  volumeSnapshotRestoreSpecSchema,
  volumeSnapshotRestoreStatusSchema,
  volumeSnapshotRestoreSchema,
  volumeSnapshotRestoreDefinition,
  type VolumeSnapshotRestore,
} from './resources/oadp/volume-snapshot-restore-schema';
export {
  volumeSnapshotClassSchema,
  volumeSnapshotClassDefinition,
  type VolumeSnapshotClass,
} from './resources/snapshot/volume-snapshot-class-schema';
export {
  volumeSnapshotContentSpecSchema,
  volumeSnapshotContentStatusSchema,
  volumeSnapshotContentSchema,
  volumeSnapshotContentDefinition,
  type VolumeSnapshotContent,
} from './resources/snapshot/volume-snapshot-content-schema';
export {
  quantityPattern,
  volumeSnapshotErrorSchema,
  volumeSnapshotSpecSchema,
  volumeSnapshotStatusSchema,
  volumeSnapshotSchema,
  volumeSnapshotDefinition,
  type VolumeSnapshot,
} from './resources/snapshot/volume-snapshot-schema';
export { documentSchemas, validateDocument, parseDocument, type DocumentKind, type DocumentOf } from './documents/document-validator';
export {
  loadConcurrencySchema,
  loadAffinitySchema,
  backupPvcConfigSchema,
  restorePvcConfigSchema,
  podResourcesConfigSchema,
  cachePvcConfigSchema,
  nodeAgentConfigSchema,
  type BackupPvcConfig,
  type PodResourcesConfig,
  type NodeAgentConfig,
} from './documents/node-agent-config-schema';
export {
  VolumeInfoMethod,
  VolumeResult,
  VolumeInfoUnknownValue,
  csiSnapshotInfoSchema,
  snapshotDataMovementInfoSchema,
  nativeSnapshotInfoSchema,
  podVolumeInfoSchema,
  pvInfoSchema,
  backupVolumeInfoSchema,
  restoreVolumeInfoSchema,
  backupVolumeInfosSchema,
  restoreVolumeInfosSchema,
  type CsiSnapshotInfo,
  type SnapshotDataMovementInfo,
  type NativeSnapshotInfo,
  type PodVolumeInfo,
  type BackupVolumeInfo,
  type RestoreVolumeInfo,
} from './documents/volume-info-schema';
export {
  VolumeActionType,
  VolumeActionParameter,
  volumeConditionsSchema,
  volumePolicySchema,
  includeExcludePolicySchema,
  policyLabelSelectorSchema,
  resourceFilterSchema,
  volumePolicyDocumentSchema,
  type VolumeConditions,
  type VolumePolicy,
  type VolumePolicyDocument,
} from './documents/volume-policy-schema';
export {
  upstreamCrdFolder,
  generatedHeader,
  buildCrd,
  crdFileName,
  renderCrdYaml,
  renderCrdManifests,
  upstreamCrdPaths,
  type CustomResourceDefinition,
  type RenderedManifest,
} from './crd/crd-renderer';
