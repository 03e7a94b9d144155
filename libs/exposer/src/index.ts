// Public entry of @ferry/exposer: pure builders of the objects that expose a snapshot (backup) or
// a target volume (restore) to a mover pod, the ordered step plans around them, and the diagnosis
// of a stuck exposure. No IO: the exposer service fetches and applies. Every export is named.

export { ExposerProblemCode, built, failed, type ExposerProblem, type BuildResult } from './build-result';
export {
  type OwnerReference,
  type KubeMeta,
  type NodeSelectorRequirement,
  type NodeSelectorTerm,
  type ResourceRequirements,
  type PersistentVolumeClaim,
  type PersistentVolume,
  type EnvVar,
  type Container,
  type PvcVolume,
  type TopologySpreadConstraint,
  type PodSpec,
  type ContainerStatus,
  type PodCondition,
  type Pod,
  type KubeEvent,
} from './kube-types';
export {
  OsLabel,
  HostnameLabel,
  controllerRefTo,
  exposerNodeAffinityTerms,
  exposerPodSpec,
  type ExposerPodTemplate,
  type ExposureOwner,
  type ExposerPodSpecInput,
} from './exposer-pod-template';
export {
  dataUploadOwner,
  buildBackupVsc,
  buildBackupVs,
  backupVolumeSize,
  buildBackupPvc,
  buildBackupPod,
  type BackupPvcSettings,
  type BackupExposureInput,
} from './backup-exposure-builders';
export {
  ExposureObjectKind,
  planSnapshotTakeover,
  type ExposureObjectRef,
  type ExposureStep,
  type SnapshotTakeoverInput,
} from './exposure-steps';
export {
  dataDownloadOwner,
  buildRestorePvc,
  buildRestorePod,
  planVolumeHandover,
  type RestoreExposureInput,
  type VolumeHandoverInput,
} from './restore-exposure-builders';
export { DiagnosedObject, humanizeEventMessage, type DiagnosisFinding } from './object-findings';
export {
  diagnoseExposure,
  type FetchFailure,
  type Observed,
  type ExposureObservations,
  type ExposureDiagnosis,
} from './exposure-diagnosis';
