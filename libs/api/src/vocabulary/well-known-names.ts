// Label, annotation, finalizer and object names that Velero and the CSI snapshot controller read
// or write, spelled once. Values are the exact keys from Velero's source
// (docs/velero-compatibility.md#labels-annotations-and-finalizers names the source file of each).

/** Labels Velero sets or selects on. */
export const VeleroLabel = {
  /** Backup name on DataUploads, VolumeSnapshots and other backup-owned objects. */
  BackupName: 'velero.io/backup-name',
  /** Backup UID on DataUploads. */
  BackupUid: 'velero.io/backup-uid',
  /** Source PVC UID on DataUploads. */
  PvcUid: 'velero.io/pvc-uid',
  /** Async operation ID: `du-<backupUID>.<pvcUID>` / `dd-...` (label-trimmed). */
  AsyncOperationId: 'velero.io/async-operation-id',
  /** Restore name on DataDownloads and PodVolumeRestores. */
  RestoreName: 'velero.io/restore-name',
  /** Restore UID on DataDownloads and DataUpload-result ConfigMaps. */
  RestoreUid: 'velero.io/restore-uid',
  /** `<namespace>.<pvc>` on DataUpload-result ConfigMaps. */
  PvcNamespaceName: 'velero.io/pvc-namespace-name',
  /** `DataUpload` on DataUpload-result ConfigMaps. */
  ResourceUsage: 'velero.io/resource-usage',
  /** `true` while a DU/DD/PVB/PVR is Accepted but not yet InProgress (counted by prepareQueueLength). */
  ExposeOnGoing: 'velero.io/expose-on-going',
  /** DataUpload name on its backup pod. */
  DataUpload: 'velero.io/data-upload',
  /** Exposer pod group: {@link ExposerPodGroup}. */
  ExposerPodGroup: 'velero.io/exposer-pod-group',
  /** Owner UID on secrets/configmaps copied for a backupPVC (newest Velero). */
  BackupPvcSecret: 'velero.io/backup-pvc-secret',
  /** BackupRepository: namespace of the backed-up volumes. */
  VolumeNamespace: 'velero.io/volume-namespace',
  /** BackupRepository: BackupStorageLocation name. */
  StorageLocation: 'velero.io/storage-location',
  /** BackupRepository: repository type (kopia, restic). */
  RepositoryType: 'velero.io/repository-type',
  /** VolumeSnapshotClass selected by Velero for a CSI driver (`true`). */
  CsiVolumeSnapshotClass: 'velero.io/csi-volumesnapshot-class',
  /** Backup: the Schedule that created it. */
  ScheduleName: 'velero.io/schedule-name',
} as const;
/** One of {@link VeleroLabel}. */
export type VeleroLabel = (typeof VeleroLabel)[keyof typeof VeleroLabel];

/** Values of the {@link VeleroLabel.ExposerPodGroup} label. */
export const ExposerPodGroup = { SnapshotExposer: 'snapshot-exposer', GenericRestoreExposer: 'generic-restore-exposer' } as const;
/** One of {@link ExposerPodGroup}. */
export type ExposerPodGroup = (typeof ExposerPodGroup)[keyof typeof ExposerPodGroup];

/** Annotations Velero and Kubernetes components read. */
export const VeleroAnnotation = {
  /** Pod annotation: comma-separated volumes to back up with fs-backup (opt-in; split on ",", no trim). */
  BackupVolumes: 'backup.velero.io/backup-volumes',
  /** Pod annotation: comma-separated volumes excluded from fs-backup (opt-out mode). */
  BackupVolumesExcludes: 'backup.velero.io/backup-volumes-excludes',
  /** Backup annotation: the global volume-policy ConfigMap applied (newest Velero). */
  GlobalBackupVolumePolicyConfigMap: 'velero.io/global-backup-volume-policy-configmap',
  /** PVC annotation the scheduler sets for WaitForFirstConsumer volumes. */
  SelectedNode: 'volume.kubernetes.io/selected-node',
  /** node-agent pod annotation inherited by data-mover pods unless podAnnotations is set. */
  IamRole: 'iam.amazonaws.com/role',
} as const;
/** One of {@link VeleroAnnotation}. */
export type VeleroAnnotation = (typeof VeleroAnnotation)[keyof typeof VeleroAnnotation];

/** Labels read from other components. */
export const ExternalLabel = {
  /** node-agent pod label inherited by data-mover pods unless podLabels is set. */
  AzureWorkloadIdentityUse: 'azure.workload.identity/use',
  /** Set by the CSI snapshotter on VolumeSnapshotContents it manages; kept on Velero's static VSC. */
  SnapshotManagedBy: 'snapshot.storage.kubernetes.io/managed-by',
} as const;
/** One of {@link ExternalLabel}. */
export type ExternalLabel = (typeof ExternalLabel)[keyof typeof ExternalLabel];

/** Labels of Ferry's own workloads (as `deploy/` sets them: name `ferry`, one component per service). */
export const FerryLabel = {
  Name: 'app.kubernetes.io/name',
  Component: 'app.kubernetes.io/component',
} as const;
/** One of {@link FerryLabel}. */
export type FerryLabel = (typeof FerryLabel)[keyof typeof FerryLabel];
/** Label selector of the mover pods (one per node), which an exposure diagnosis looks for. */
export const moverPodSelector = `${FerryLabel.Name}=ferry,${FerryLabel.Component}=mover`;

/** Finalizers Velero puts on its CRs (data path, restores). */
export const VeleroFinalizer = {
  /** On DataUpload and DataDownload while data moves; deleting a live CR sets `spec.cancel`. */
  DataUploadDownload: 'velero.io/data-upload-download-finalizer',
  /** On PodVolumeBackup and PodVolumeRestore while data moves (pod_volume_backup_controller.go `PodVolumeFinalizer`). */
  PodVolume: 'velero.io/pod-volume-finalizer',
  /** On every Restore (restore_controller.go): removed once the restore's files in the bucket are deleted. */
  RestoreExternalResources: 'restores.velero.io/external-resources-finalizer',
} as const;
/** One of {@link VeleroFinalizer}. */
export type VeleroFinalizer = (typeof VeleroFinalizer)[keyof typeof VeleroFinalizer];

/** Fixed object names and keys in the Velero namespace. */
export const VeleroObjectName = {
  /** Secret holding the shared repository password (auto-created as `static-passw0rd`). */
  RepositoryCredentialsSecret: 'velero-repo-credentials',
  /** Key of the password in {@link VeleroObjectName.RepositoryCredentialsSecret}. */
  RepositoryPasswordKey: 'repository-password',
  /** DaemonSet whose pod template the data-mover pods copy (Linux). */
  NodeAgentDaemonSet: 'node-agent',
  /** DaemonSet whose pod template the data-mover pods copy (Windows). */
  NodeAgentWindowsDaemonSet: 'node-agent-windows',
} as const;
/** One of {@link VeleroObjectName}. */
export type VeleroObjectName = (typeof VeleroObjectName)[keyof typeof VeleroObjectName];

/** Kopia snapshot tags Velero writes (bare keys) and their fixed values. */
export const KopiaSnapshotTag = {
  Requester: 'snapshot-requester',
  Uploader: 'snapshot-uploader',
  RequesterDataUploadDownload: 'snapshot-data-upload-download',
  RequesterPodVolume: 'snapshot-pod-volume',
  UploaderKopia: 'kopia',
} as const;
/** One of {@link KopiaSnapshotTag}. */
export type KopiaSnapshotTag = (typeof KopiaSnapshotTag)[keyof typeof KopiaSnapshotTag];
