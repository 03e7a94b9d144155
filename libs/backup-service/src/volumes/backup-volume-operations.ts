// The contract between the Backup controller and the volume step of a Backup: the policy
// service's one plan per backup turned into CSI VolumeSnapshots, DataUploads and PodVolumeBackups
// (Velero's async item operations), their state read back, and the clean-up after finalizing.
// Every call is idempotent and level-based: objects are found by the Backup's labels, so a
// restarted controller or a new leader continues where the last one stopped.
import type { Backup } from '@ferry/api';
import type { BackupResults, VolumeInfoInput } from '@ferry/backup';

/** `namespace/name` of a backed-up pod or claim. */
export interface VolumeObjectRef {
  readonly namespace: string;
  readonly name: string;
}

/** The backed-up objects whose volumes the plan may act on. */
export interface BackedUpVolumeOwners {
  readonly pods: readonly VolumeObjectRef[];
  readonly persistentVolumeClaims: readonly VolumeObjectRef[];
}

/** Counts of a Backup's async operations, as Velero's status keeps them. */
export interface VolumeOperationCounts {
  readonly backupItemOperationsAttempted: number;
  readonly backupItemOperationsCompleted: number;
  readonly backupItemOperationsFailed: number;
  readonly csiVolumeSnapshotsAttempted: number;
  readonly csiVolumeSnapshotsCompleted: number;
}

/** The state of a Backup's volume operations at one moment. */
export interface VolumeOperationsState {
  readonly counts: VolumeOperationCounts;
  /** True when no operation is still running (each completed or failed). */
  readonly done: boolean;
  /** Per-volume errors and warnings (failed snapshots, uploads, pod volume backups, plan errors). */
  readonly results: BackupResults;
  /** One input per volume (skipped ones included) for the volume-info document. */
  readonly volumeInfo: readonly VolumeInfoInput[];
  /** The PodVolumeBackup objects, for `<b>-podvolumebackups.json.gz`. */
  readonly podVolumeBackups: readonly unknown[];
  /** Velero's item operations, for `<b>-itemoperations.json.gz`. */
  readonly itemOperations: readonly unknown[];
}

/** The volume step of Backups. */
export interface BackupVolumeOperations {
  /** Plans the Backup's volumes and creates what is missing of their snapshots, uploads and pod volume backups. */
  start(backup: Backup, owners: BackedUpVolumeOwners, signal?: AbortSignal): Promise<VolumeOperationsState>;
  /** Reads the state of the operations `start` created (nothing is created). */
  check(backup: Backup, signal?: AbortSignal): Promise<VolumeOperationsState>;
  /** Cancels the operations still running (timeout or deletion). */
  cancel(backup: Backup, signal?: AbortSignal): Promise<void>;
  /** After the Backup ended: removes the CSI snapshots of moved data and other temporary objects. */
  finish(backup: Backup, signal?: AbortSignal): Promise<void>;
}
