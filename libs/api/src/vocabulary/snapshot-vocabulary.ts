// Vocabulary of the CSI snapshot API (snapshot.storage.k8s.io/v1).

/** `deletionPolicy` of VolumeSnapshotContent and VolumeSnapshotClass. */
export const SnapshotDeletionPolicy = { Delete: 'Delete', Retain: 'Retain' } as const;
/** One of {@link SnapshotDeletionPolicy}. */
export type SnapshotDeletionPolicy = (typeof SnapshotDeletionPolicy)[keyof typeof SnapshotDeletionPolicy];
