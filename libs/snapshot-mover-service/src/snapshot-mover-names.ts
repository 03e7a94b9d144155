// Names, labels and keys the snapshot mover writes, spelled once. Intermediate objects carry the
// owner's UID as a label (a VSB/VSR cannot own objects in another namespace, so owner references
// would not do) and are found, and removed, by it.

/** Labels on every object the snapshot mover creates. */
export const SnapshotMoverLabel = {
  /** UID of the VolumeSnapshotBackup/Restore an intermediate object belongs to. */
  OwnerUid: 'datamover.oadp.openshift.io/owner-uid',
  /** Kind of that owner: {@link OwnerKind}. */
  OwnerKind: 'datamover.oadp.openshift.io/owner-kind',
  /**
   * On the VolumeSnapshotContent a VSR reports (its product, not an intermediate object): the
   * VSR's UID. It stays while the VSR exists and goes with it (deletionPolicy Retain: the physical
   * snapshot stays for the CSI restore that continues from its handle).
   */
  RestoredFor: 'datamover.oadp.openshift.io/restored-for',
} as const;
/** One of {@link SnapshotMoverLabel}. */
export type SnapshotMoverLabel = (typeof SnapshotMoverLabel)[keyof typeof SnapshotMoverLabel];

/** Annotations the snapshot mover writes or reads. */
export const SnapshotMoverAnnotation = {
  /** On intermediate objects: `<namespace>/<name>` of the owner, for people and for event routing. */
  Owner: 'datamover.oadp.openshift.io/owner',
  /**
   * On a completed VSB (written by Ferry): the snapshot's ID in the repository. On a VSR (written
   * by whoever creates it from the VSB, as OADP's plugin copies the VSB's fields): which snapshot
   * to restore. Ferry's DataDownload needs the ID; OADP's VSR spec has no field for it.
   */
  SnapshotId: 'datamover.oadp.openshift.io/snapshot-id',
} as const;
/** One of {@link SnapshotMoverAnnotation}. */
export type SnapshotMoverAnnotation = (typeof SnapshotMoverAnnotation)[keyof typeof SnapshotMoverAnnotation];

/** Owner kinds. */
export const OwnerKind = { Backup: 'VolumeSnapshotBackup', Restore: 'VolumeSnapshotRestore' } as const;
/** One of {@link OwnerKind}. */
export type OwnerKind = (typeof OwnerKind)[keyof typeof OwnerKind];

/**
 * Keys of the per-request Secret (OADP's on-demand restic secret): the repository identifier, the
 * user's RESTIC_PASSWORD and, when the BSL has a credential, its credentials file under `cloud`.
 */
export const RequestSecretKey = { Repository: 'RESTIC_REPOSITORY', Password: 'RESTIC_PASSWORD', Cloud: 'cloud' } as const;
/** One of {@link RequestSecretKey}. */
export type RequestSecretKey = (typeof RequestSecretKey)[keyof typeof RequestSecretKey];

/** `dataMoverConfig` key of the DU/DD naming the per-request Secret (same namespace as the DU/DD). */
export const credentialsSecretConfigKey = 'credentialsSecret';

/** Operation timeout written on the DataUploads/DataDownloads (Velero's csiSnapshotTimeout default). */
export const defaultOperationTimeout = '10m';

/**
 * Name of the intermediate objects of an owner: `vsb-<uid>` / `vsr-<uid>` (DU/DD, clone VS/VSC,
 * restore VS); the per-request Secret adds `-credentials`, the VSR's target PVC `-data` (the
 * restore exposer's own PVC is named after the DD).
 */
export function intermediateName(kind: OwnerKind, uid: string): string {
  return `${kind === OwnerKind.Backup ? 'vsb' : 'vsr'}-${uid}`;
}

/** Name of the per-request Secret of an intermediate name. */
export const requestSecretName = (base: string): string => `${base}-credentials`;
/** Name of the VSR's target PVC of an intermediate name. */
export const restoreTargetName = (base: string): string => `${base}-data`;
