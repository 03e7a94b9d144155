// What the volume-info document is built from: for each volume of a backup, its PVC and PV and
// what was done with it — skipped (with reasons), CSI snapshot (VolumeSnapshot + content),
// snapshot with data movement (the finished DataUpload), or fs-backup (the finished
// PodVolumeBackup). Plain data the controller copies from the objects.

/** A PersistentVolumeClaim, by name. */
export interface ClaimRef {
  readonly namespace: string;
  readonly name: string;
}

/** The PV facts the document keeps (`pvInfo`). */
export interface VolumeFacts {
  /** The PV's name; empty when the backup has no PV for the claim (then no entry, as Velero). */
  readonly name: string;
  /** `spec.persistentVolumeReclaimPolicy`. */
  readonly reclaimPolicy?: string | undefined;
  /** `metadata.labels`; absent is written as `null`, as Velero writes a PV without labels. */
  readonly labels?: Readonly<Record<string, string>> | null | undefined;
}

/** The approaches a skip reason names (Velero's skip tracker). */
export const SkipApproach = {
  PodVolume: 'podvolume',
  CsiSnapshot: 'csiSnapshot',
  VolumeSnapshot: 'volumeSnapshot',
  VsphereSnapshot: 'vsphereSnapshot',
  Any: 'any',
} as const;
/** One of {@link SkipApproach}. */
export type SkipApproach = (typeof SkipApproach)[keyof typeof SkipApproach];

/** Velero's skip reasons, verbatim (the trailing space of `resourcePolicy` included). */
export const VeleroSkipReason = {
  /** approach `any`: a volume policy with action `skip` matched the PVC. */
  ResourcePolicy: 'skipped due to resource policy ',
  /** approach `volumeSnapshot`: neither a policy nor `snapshotVolumes` asked for a snapshot. */
  SnapshotCriteria: 'not satisfy the criteria for VolumePolicy or the legacy snapshot way',
  /** approach `volumeSnapshot` / `podvolume`: the matched policy action is `skip`. */
  PolicyActionSkip: "matched action is 'skip' in chosen resource policies",
  /** approach `csiSnapshot`: the PV is not a CSI volume. */
  NotCsi: "skipped b/c it's not a CSI volume",
  /** approach `any`: the item carries `velero.io/exclude-from-backup=true`. */
  ExcludeLabel: 'item has label velero.io/exclude-from-backup=true',
} as const;

/** One reason a volume was skipped. An empty approach counts as `any`. */
export interface SkipReason {
  readonly approach: SkipApproach | '';
  readonly reason: string;
}

/** The VolumeSnapshot and VolumeSnapshotContent of a CSI snapshot kept in the cluster. */
export interface CsiSnapshotFacts {
  /** VolumeSnapshot `status.boundVolumeSnapshotContentName`; empty when unbound (no entry then). */
  readonly volumeSnapshotContentName: string;
  /** VolumeSnapshot `status.restoreSize` (a quantity). */
  readonly restoreSize?: string | number | undefined;
  /** VolumeSnapshot `status.readyToUse` (written `null` when unknown). */
  readonly readyToUse?: boolean | null | undefined;
  /** VolumeSnapshot `status.creationTime` (RFC 3339). */
  readonly creationTime?: string | undefined;
  /** VolumeSnapshotContent `spec.driver`; empty when the content was not found (no entry then). */
  readonly driver: string;
  /** VolumeSnapshotContent `status.snapshotHandle`. */
  readonly snapshotHandle?: string | undefined;
  /** VolumeSnapshotContent `status.volumeGroupSnapshotHandle`. */
  readonly volumeGroupSnapshotHandle?: string | undefined;
}

/** The async operation that waited for a CSI snapshot (its ID, last update, error). */
export interface SnapshotOperationFacts {
  readonly operationId: string;
  /** When the operation last changed (the snapshot's completion time). */
  readonly updated?: string | undefined;
  /** Empty or absent when it succeeded. */
  readonly error?: string | undefined;
}

/** The fields of a finished DataUpload the document keeps. */
export interface DataUploadFacts {
  /** `spec.csiSnapshot.driver`. */
  readonly driver: string;
  /** `spec.csiSnapshot.volumeSnapshot` (the retained snapshot's name). */
  readonly volumeSnapshot?: string | undefined;
  /** `spec.datamover`; empty means `velero`. */
  readonly dataMover?: string | undefined;
  readonly phase?: string | undefined;
  /** `status.snapshotID`. */
  readonly snapshotId?: string | undefined;
  /** `status.progress.totalBytes`. */
  readonly totalBytes?: number | undefined;
  /** `status.incrementalBytes`. */
  readonly incrementalBytes?: number | undefined;
  readonly startTimestamp?: string | undefined;
  readonly completionTimestamp?: string | undefined;
}

/** The fields of a finished PodVolumeBackup the document keeps. */
export interface PodVolumeBackupFacts {
  /** `spec.uploaderType`. */
  readonly uploaderType: string;
  /** `spec.volume`: the pod's volume name. */
  readonly volume: string;
  readonly pod: ClaimRef;
  /** `spec.node`. */
  readonly node?: string | undefined;
  readonly phase?: string | undefined;
  /** `status.snapshotID`. */
  readonly snapshotId?: string | undefined;
  /** `status.progress.totalBytes`. */
  readonly totalBytes?: number | undefined;
  /** `status.incrementalBytes`. */
  readonly incrementalBytes?: number | undefined;
  readonly startTimestamp?: string | undefined;
  readonly completionTimestamp?: string | undefined;
}

/** One volume of the backup and what was done with it. */
export type VolumeInfoInput =
  | {
      readonly kind: 'skipped';
      readonly claim?: ClaimRef | undefined;
      readonly volume: VolumeFacts;
      readonly reasons: readonly SkipReason[];
    }
  | {
      readonly kind: 'csi-snapshot';
      readonly claim: ClaimRef;
      readonly volume: VolumeFacts;
      readonly snapshot: CsiSnapshotFacts;
      readonly operation?: SnapshotOperationFacts | undefined;
    }
  | {
      readonly kind: 'data-movement';
      readonly claim: ClaimRef;
      readonly volume: VolumeFacts;
      /** The backup item operation's ID (`du-<backup uid>.<pvc uid>`). */
      readonly operationId: string;
      readonly dataUpload: DataUploadFacts;
    }
  | {
      readonly kind: 'fs-backup';
      /** The PVC behind the pod volume and its PV; absent for other volume types (emptyDir…). */
      readonly claim?: { readonly claim: ClaimRef; readonly volume: VolumeFacts } | undefined;
      readonly podVolumeBackup: PodVolumeBackupFacts;
    };
