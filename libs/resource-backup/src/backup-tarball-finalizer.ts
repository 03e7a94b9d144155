// Finalizing of a Backup's tarball (Velero's backup finalizer controller + FinalizeBackup): the
// volume objects Ferry created after the resources were collected — DataUploads, kept CSI
// VolumeSnapshots with their contents and classes — read from the cluster in their final state and
// written into the tarball, and the backed-up claims labelled as Velero's CSI PVC action labels
// them, so that a Velero server restores the Backup's volumes from it.
import {
  dataUploadDefinition,
  volumeSnapshotClassDefinition,
  volumeSnapshotContentDefinition,
  volumeSnapshotDefinition,
  type Backup,
  type DataUpload,
  type VolumeSnapshot,
  type VolumeSnapshotClass,
  type VolumeSnapshotContent,
} from '@ferry/api';
import { backupUidSelector, finalizedTarballUpdate, finalizedVolumeItems, type FinalizedVolumeItems } from '@ferry/backup';
import { createCustomResourceClient, type KubeClient } from '@ferry/kube';
import type { ObjectStore } from '@ferry/object-store';
import { ResourceBackupError, ResourceBackupErrorCode } from './errors';
import { rewriteTarball } from './tarball-rewrite';

/** What {@link finalizeBackupTarball} needs. */
export interface FinalizeBackupTarballRequest {
  readonly kube: KubeClient;
  /** The bucket of the Backup's storage location. */
  readonly store: ObjectStore;
  /** The Backup in Finalizing (`metadata.uid`, `metadata.namespace`, `spec.snapshotMoveData` are read). */
  readonly backup: Backup;
  /** The tarball written by the collection (`backupFileKeys(prefix, name).contents`). */
  readonly tarballKey: string;
  readonly signal?: AbortSignal;
}

/** What the finalizing changed. */
export interface FinalizeBackupTarballResult {
  /** Entries appended to the tarball (both paths of each added item). */
  readonly addedEntries: readonly string[];
  /** Existing entries rewritten (the claims, or items that were already collected). */
  readonly replacedEntries: readonly string[];
  /** Entries to merge into the Backup's resource list (`<b>-resource-list.json.gz`), each list sorted. */
  readonly resourceListAdditions: Readonly<Record<string, readonly string[]>>;
  /** Bytes of the new tarball; 0 when there was nothing to write and the tarball was left alone. */
  readonly tarballBytes: number;
}

const named = <T extends { metadata?: { name?: string | undefined } | undefined }>(objects: readonly (T | undefined)[]): T[] =>
  objects.filter((object): object is T => object !== undefined);

/** The Backup's DataUploads and VolumeSnapshots (by its UID label), and the snapshots' contents and classes. */
async function readVolumeObjects(kube: KubeClient, backup: Backup): Promise<Parameters<typeof finalizedVolumeItems>[0]> {
  const selector = { labelSelector: backupUidSelector(backup) };
  const uploads = createCustomResourceClient<DataUpload>(kube, dataUploadDefinition);
  const snapshotsClient = createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition);
  const contentsClient = createCustomResourceClient<VolumeSnapshotContent>(kube, volumeSnapshotContentDefinition);
  const classesClient = createCustomResourceClient<VolumeSnapshotClass>(kube, volumeSnapshotClassDefinition);
  const [dataUploads, snapshots] = await Promise.all([
    uploads.list(backup.metadata?.namespace ?? '', selector),
    snapshotsClient.list(undefined, selector),
  ]);
  const contentNames = new Set(
    snapshots.map((snapshot) => snapshot.status?.boundVolumeSnapshotContentName ?? '').filter((name) => name !== ''),
  );
  const classNames = new Set(snapshots.map((snapshot) => snapshot.spec.volumeSnapshotClassName ?? '').filter((name) => name !== ''));
  // Classes are listed (the controller may list them, not get them); contents read by name.
  const [contents, allClasses] = await Promise.all([
    Promise.all([...contentNames].sort().map((name) => contentsClient.find(undefined, name))),
    classesClient.list(undefined),
  ]);
  const classes = allClasses.filter((snapshotClass) => classNames.has(snapshotClass.metadata?.name ?? ''));
  return { backup, dataUploads, snapshots, contents: named(contents), classes };
}

const nothingToDo = (volumes: FinalizedVolumeItems): boolean => volumes.items.length === 0 && volumes.claims.size === 0;

/**
 * Writes Velero's finalized volume items into the Backup's tarball at `tarballKey` (see
 * `finalizedVolumeItems` in @ferry/backup for the exact items) and answers what changed. Call it
 * once the volume operations are done, before the other bucket files are written; it is idempotent
 * (a second call writes the same entries again). Leaves the tarball untouched when the Backup has
 * no DataUpload or kept snapshot. Rejects with a {@link ResourceBackupError}: the cluster could not
 * be read (retryable when the API error is), the rewrite failed, or `signal` aborted it — the old
 * tarball is then as it was.
 */
export async function finalizeBackupTarball(request: FinalizeBackupTarballRequest): Promise<FinalizeBackupTarballResult> {
  const { kube, store, backup, tarballKey, signal } = request;
  let volumes: FinalizedVolumeItems;
  try {
    volumes = finalizedVolumeItems(await readVolumeObjects(kube, backup));
  } catch (error) {
    throw new ResourceBackupError(
      ResourceBackupErrorCode.TarballRewriteFailed,
      `could not read the volume objects of backup ${backup.metadata?.namespace ?? ''}/${backup.metadata?.name ?? ''}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (nothingToDo(volumes)) return { addedEntries: [], replacedEntries: [], resourceListAdditions: {}, tarballBytes: 0 };
  const update = finalizedTarballUpdate(volumes, backup.metadata?.name ?? '');
  const rewritten = await rewriteTarball(store, tarballKey, update, signal);
  return {
    addedEntries: rewritten.added,
    replacedEntries: rewritten.replaced,
    resourceListAdditions: volumes.resourceListAdditions,
    tarballBytes: rewritten.bytes,
  };
}
