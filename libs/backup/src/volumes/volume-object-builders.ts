// The objects the volume step of a Backup creates, built as Velero builds them: the CSI
// VolumeSnapshot of a claim (CSI PVC backup item action, pkg/backup/actions/csi/pvc_action.go),
// its DataUpload when data is moved (same file, newDataUpload) and the PodVolumeBackup of a pod
// volume (pkg/podvolume/backupper.go, newPodVolumeBackup). Pure.
import {
  apiVersionOf,
  backupDefinition,
  VeleroLabel,
  type Backup,
  type DataUpload,
  type PodVolumeBackup,
  type VolumeSnapshot,
} from '@ferry/api';
import { veleroLabelValue } from '../labels/label-value';
import { effectiveDurations } from '../status/backup-durations';

/** Velero's `velero.io/pvc-name` annotation: the claim behind a PodVolumeBackup. */
export const pvcNameAnnotation = 'velero.io/pvc-name';

/** Velero's uploader setting key (`pkg/uploader/util`), in DataUpload `dataMoverConfig` and PVB `uploaderSettings`. */
export const parallelFilesUploadKey = 'ParallelFilesUpload';

/** Prefix of a DataUpload's async operation ID. */
export const dataUploadOperationPrefix = 'du-';

/** A claim as the builders need it. */
export interface ClaimFacts {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** `spec.storageClassName`. */
  readonly storageClass?: string | undefined;
}

/** A pod as the PodVolumeBackup builder needs it. */
export interface PodFacts {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  /** `spec.nodeName`. */
  readonly node: string;
}

/** `du-<backup uid>.<pvc uid>`, label-trimmed: the DataUpload's operation ID. Pure. */
export function dataUploadOperationId(backupUid: string, pvcUid: string): string {
  return veleroLabelValue(`${dataUploadOperationPrefix}${backupUid}.${pvcUid}`);
}

function backupName(backup: Backup): string {
  return backup.metadata?.name ?? '';
}

function backupUid(backup: Backup): string {
  return backup.metadata?.uid ?? '';
}

/** The Backup as controlling owner, as Velero sets it on DataUploads and PodVolumeBackups. Pure. */
export function backupOwnerReference(backup: Backup): {
  apiVersion: string;
  kind: 'Backup';
  name: string;
  uid: string;
  controller: true;
} {
  return { apiVersion: apiVersionOf(backupDefinition), kind: 'Backup', name: backupName(backup), uid: backupUid(backup), controller: true };
}

/** Label selector of every object carrying the Backup's UID label. Pure. */
export function backupUidSelector(backup: Backup): string {
  return `${VeleroLabel.BackupUid}=${backupUid(backup)}`;
}

/**
 * The VolumeSnapshot of `claim` with class `className`: `generateName: velero-<pvc>-` in the claim's
 * namespace, the claim's labels plus `velero.io/backup-name` (label-trimmed), as Velero's CSI PVC
 * action. Ferry adds `velero.io/backup-uid` (Velero sets it only on group snapshots) so a restarted
 * controller finds its snapshots of this Backup and of no earlier one of the same name. Pure.
 */
export function backupVolumeSnapshot(backup: Backup, claim: ClaimFacts, className: string): VolumeSnapshot {
  return {
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshot',
    metadata: {
      generateName: `velero-${claim.name}-`,
      namespace: claim.namespace,
      labels: {
        ...claim.labels,
        [VeleroLabel.BackupName]: veleroLabelValue(backupName(backup)),
        [VeleroLabel.BackupUid]: backupUid(backup),
      },
    },
    spec: { source: { persistentVolumeClaimName: claim.name }, volumeSnapshotClassName: className },
  };
}

/** What a DataUpload is made from. */
export interface DataUploadInput {
  readonly backup: Backup;
  readonly claim: ClaimFacts;
  /** The ready VolumeSnapshot's name and class. */
  readonly snapshot: { readonly name: string; readonly className?: string | undefined };
  /** The VolumeSnapshotContent's `spec.driver`. */
  readonly driver: string;
  /** `spec.datamover`: the plan's choice (volume policy, else the Backup's). */
  readonly dataMover: string;
}

/**
 * The DataUpload of a ready snapshot, as Velero's newDataUpload: `generateName: <backup>-` in the
 * Backup's namespace, controlled by the Backup, labels backup-name, backup-uid, pvc-uid and
 * async-operation-id; spec snapshotType CSI, csiSnapshot, sourcePVC, sourceNamespace, datamover,
 * backupStorageLocation, operationTimeout = the Backup's effective csiSnapshotTimeout, and
 * `dataMoverConfig.ParallelFilesUpload` when the Backup's uploaderConfig sets it above 0. Empty
 * `datamover` and `csiSnapshot.driver` are left out and `csiSnapshot.snapshotClass` is always
 * written, as Velero's JSON tags (omitempty on the first two only) have it. Pure.
 */
export function backupDataUpload(input: DataUploadInput): DataUpload {
  const { backup, claim, snapshot } = input;
  const parallel = backup.spec?.uploaderConfig?.parallelFilesUpload ?? 0;
  return {
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataUpload',
    metadata: {
      namespace: backup.metadata?.namespace ?? '',
      generateName: `${backupName(backup)}-`,
      ownerReferences: [backupOwnerReference(backup)],
      labels: {
        [VeleroLabel.BackupName]: veleroLabelValue(backupName(backup)),
        [VeleroLabel.BackupUid]: backupUid(backup),
        [VeleroLabel.PvcUid]: claim.uid,
        [VeleroLabel.AsyncOperationId]: dataUploadOperationId(backupUid(backup), claim.uid),
      },
    },
    spec: {
      snapshotType: 'CSI',
      csiSnapshot: {
        volumeSnapshot: snapshot.name,
        storageClass: claim.storageClass ?? '',
        snapshotClass: snapshot.className ?? '',
        ...(input.driver ? { driver: input.driver } : {}),
      },
      sourcePVC: claim.name,
      ...(input.dataMover ? { datamover: input.dataMover } : {}),
      backupStorageLocation: backup.spec?.storageLocation ?? '',
      sourceNamespace: claim.namespace,
      operationTimeout: effectiveDurations(backup.spec ?? {}).csiSnapshotTimeout.text,
      ...(parallel > 0 ? { dataMoverConfig: { [parallelFilesUploadKey]: String(parallel) } } : {}),
    },
  };
}

/** What a PodVolumeBackup is made from. */
export interface PodVolumeBackupInput {
  readonly backup: Backup;
  readonly pod: PodFacts;
  readonly volume: string;
  /** The claim behind the volume, when it is one. */
  readonly claim?: Pick<ClaimFacts, 'name' | 'uid'> | undefined;
  /** The server's uploader (`kopia` by default). */
  readonly uploaderType: 'kopia' | 'restic';
}

/**
 * The PodVolumeBackup of one pod volume, as Velero's newPodVolumeBackup: `generateName: <backup>-`
 * in the Backup's namespace, controlled by the Backup, labels backup-name and backup-uid (plus
 * pvc-uid and the `velero.io/pvc-name` annotation for a claim), spec node, pod, volume,
 * backupStorageLocation, repoIdentifier `""`, uploaderType, tags backup, backup-uid, pod, pod-uid,
 * ns, volume (and pvc-uid), and `uploaderSettings.ParallelFilesUpload` whenever the Backup has an
 * uploaderConfig (Velero's StoreBackupConfig). Pure.
 */
export function backupPodVolumeBackup(input: PodVolumeBackupInput): PodVolumeBackup {
  const { backup, pod, volume, claim } = input;
  const tags: Record<string, string> = {
    backup: backupName(backup),
    'backup-uid': backupUid(backup),
    pod: pod.name,
    'pod-uid': pod.uid,
    ns: pod.namespace,
    volume,
    ...(claim ? { 'pvc-uid': claim.uid } : {}),
  };
  const uploaderConfig = backup.spec?.uploaderConfig;
  return {
    apiVersion: 'velero.io/v1',
    kind: 'PodVolumeBackup',
    metadata: {
      namespace: backup.metadata?.namespace ?? '',
      generateName: `${backupName(backup)}-`,
      ownerReferences: [backupOwnerReference(backup)],
      labels: {
        [VeleroLabel.BackupName]: veleroLabelValue(backupName(backup)),
        [VeleroLabel.BackupUid]: backupUid(backup),
        ...(claim ? { [VeleroLabel.PvcUid]: claim.uid } : {}),
      },
      ...(claim ? { annotations: { [pvcNameAnnotation]: claim.name } } : {}),
    },
    spec: {
      node: pod.node,
      pod: { kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid },
      volume,
      backupStorageLocation: backup.spec?.storageLocation ?? '',
      repoIdentifier: '',
      uploaderType: input.uploaderType,
      tags,
      ...(uploaderConfig ? { uploaderSettings: { [parallelFilesUploadKey]: String(uploaderConfig.parallelFilesUpload ?? 0) } } : {}),
    },
  };
}
