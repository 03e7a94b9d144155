// What the restore volume info (`<restore>-volumeinfo.json.gz`) is built from: the data Velero's
// RestoreVolumeInfoTracker holds once `Populate` has run (internal/volume/volumes_information.go),
// as plain values the restore service collects when the restore's items are restored and its
// volumes have moved (Velero does it right after writing the resource list, best effort: an
// object it cannot read is left out and logged, never an error of the restore).
//
// The collector's side of the contract, object by object (restore-volume-info-facts.ts maps each
// object's fields: claimBoundVolume, claimSnapshotName, restoredVolumeSnapshot,
// podVolumeRestoreFacts, dataDownloadFacts):
// - claims: the claims the restore created (`restoredClaimRefs` of the restored resource list:
//   `v1/PersistentVolumeClaim` entries ending `(created)`; updated or skipped claims are left out,
//   as Velero's `RestoredPVCFromRestoredResourceList` does), read back from the API server. A
//   claim that cannot be read is left out. This includes claims restored without data
//   (`restorePVs: false`, or volumes the backup skipped): they only serve to name the PV of other
//   entries — Velero writes no entry for a volume restored without data (it has no method).
// - podVolumeRestores: the PodVolumeRestores of the restore (label `velero.io/restore-name=<r>`
//   in Velero's namespace) once each has ended, in the order they ended, each with the restored
//   pod's `spec.volumes` read from the API server (absent when the pod cannot be read).
// - dataDownloads: the DataDownloads labelled `velero.io/restore-name=<r>`, in list order.
// - csiSnapshots: not collected separately — a claim's `spec.dataSource` naming a VolumeSnapshot
//   is read and given in {@link RestoredClaim.snapshot}.
// - nativeSnapshots: PVs restored from a volume snapshotter's snapshot (none in this release:
//   Ferry has no volume snapshotter plugins; the type keeps the document's shape).

/** A restored PersistentVolumeClaim, as read from the API server after the restore. */
export interface RestoredClaim {
  readonly namespace: string;
  readonly name: string;
  /**
   * `spec.volumeName`, given only when `status.phase` is `Bound` and the PV could be read (Velero
   * maps a claim to its PV only then; an unbound claim names no PV).
   */
  readonly boundVolume?: string | undefined;
  /** The VolumeSnapshot named by `spec.dataSource` (kind `VolumeSnapshot`), when it could be read. */
  readonly snapshot?: RestoredVolumeSnapshot | undefined;
}

/** The fields of a VolumeSnapshot the restore re-created (or found) that the document keeps. */
export interface RestoredVolumeSnapshot {
  /**
   * `metadata.annotations`: Velero reads the storage snapshot ID from
   * `velero.io/csi-volumesnapshot-handle` and the driver from `velero.io/csi-driver-name`, which
   * the backup put on the VolumeSnapshot and the restore keeps (its VolumeSnapshotContent is not
   * read).
   */
  readonly annotations?: Readonly<Record<string, string>> | undefined;
  /** `spec.source.volumeSnapshotContentName` (the pre-provisioned content the restore created). */
  readonly volumeSnapshotContentName?: string | undefined;
  /** `status.restoreSize` (a quantity); absent → size 0. */
  readonly restoreSize?: string | number | undefined;
}

/** One volume of a restored pod (`spec.volumes[]`), enough to find the claim behind it. */
export interface RestoredPodVolume {
  readonly name: string;
  readonly persistentVolumeClaim?: { readonly claimName: string } | undefined;
}

/** The fields of an ended PodVolumeRestore the document keeps. */
export interface PodVolumeRestoreFacts {
  /** `spec.pod`: the restored pod. */
  readonly pod: { readonly namespace: string; readonly name: string };
  /** `spec.volume`: the pod's volume name. */
  readonly volume: string;
  /** `spec.uploaderType` (kopia or restic). */
  readonly uploaderType: string;
  /** `spec.snapshotID`. */
  readonly snapshotId?: string | undefined;
  /** `status.progress.totalBytes`. */
  readonly totalBytes?: number | undefined;
  /**
   * The restored pod's `spec.volumes`, or absent when the pod could not be read: then, as when
   * the volume is not backed by a claim, Velero writes no entry for the PodVolumeRestore.
   */
  readonly podVolumes?: readonly RestoredPodVolume[] | undefined;
}

/** The fields of a DataDownload of the restore the document keeps. */
export interface DataDownloadFacts {
  /** `spec.targetVolume`: the claim (and PV, usually empty) the data went into. */
  readonly targetVolume: { readonly namespace: string; readonly pvc: string; readonly pv?: string | undefined };
  /** `spec.snapshotID`: the repository snapshot restored (the document's `snapshotHandle`). */
  readonly snapshotId?: string | undefined;
  /** `spec.datamover`; empty means `velero`. */
  readonly dataMover?: string | undefined;
  /** The `velero.io/async-operation-id` label (`dd-<restore uid>.<pvc uid>`); the document's `operationID`. */
  readonly operationId?: string | undefined;
}

/** A PV restored from a volume snapshotter's snapshot (Velero's `TrackNativeSnapshot`). */
export interface NativeSnapshotRestoreFacts {
  /** The restored PV's final name (after a rename, Velero's `RenamePVForNativeSnapshot`). */
  readonly pvName: string;
  readonly snapshotHandle: string;
  readonly volumeType: string;
  readonly volumeAZ: string;
  /** IOPS; absent counts as 0 (written `"0"`). */
  readonly iops?: number | undefined;
}

/** Everything the restore volume info of one restore is generated from. */
export interface RestoreVolumeInfoInputs {
  readonly claims: readonly RestoredClaim[];
  readonly podVolumeRestores: readonly PodVolumeRestoreFacts[];
  readonly nativeSnapshots: readonly NativeSnapshotRestoreFacts[];
  readonly dataDownloads: readonly DataDownloadFacts[];
}
