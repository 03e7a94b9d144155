// The side effects of deleting one backup, in Velero's order (backup_deletion_controller.go): the
// CSI snapshots, the repository snapshots of its PodVolumeBackups and DataUploads (through the
// movers) and those objects, its files in the bucket, its restores, and last the Backup. Each step
// is idempotent; failures are collected as Velero's `status.errors` strings, and the bucket files
// and the Backup are kept when an earlier step failed, so a new request can finish the job.
import {
  backupDefinition,
  dataMoverClassDefinition,
  dataUploadDefinition,
  podVolumeBackupDefinition,
  restoreDefinition,
  VeleroLabel,
  volumeSnapshotContentDefinition,
  volumeSnapshotDefinition,
  type Backup,
  type BackupStorageLocation,
  type DataMoverClass,
  type DataUpload,
  type PodVolumeBackup,
  type Restore,
  type VolumeSnapshot,
  type VolumeSnapshotContent,
} from '@ferry/api';
import { repositorySnapshotsOfBackup, veleroLabelValue, withStoredObjects } from '@ferry/backup';
import { createCustomResourceClient, waitUntilGone, type KubeClient, type KubeLogger } from '@ferry/kube';
import { openStorageLocation, type ObjectStore, type ObjectStoreClientOptions } from '@ferry/object-store';
import { backupPrefixKey, restorePrefixKey } from '@ferry/storage-location';
import type { RepositorySnapshotRemover } from './repository-snapshot-remover';
import { readStoredVolumeObjects, type StoredVolumeObjects } from './stored-volume-objects';

/** What deleting a backup works with. */
export interface BackupDeletionCollaborators {
  /** Writes go through it (the leader's write-fenced client). */
  readonly kube: KubeClient;
  /** Where Backups, their requests, PVBs, DUs, Restores, BSLs and Secrets live. */
  readonly namespace: string;
  readonly logger: KubeLogger;
  readonly remover: RepositorySnapshotRemover;
  readonly objectStoreClient?: ObjectStoreClientOptions;
  /** How long to wait for the backup's Restores to go (Velero: 1 minute). */
  readonly restoreWaitMs?: number;
}

/** The typed clients of the kinds a deletion touches. */
function clientsOf(kube: KubeClient) {
  return {
    backups: createCustomResourceClient<Backup>(kube, backupDefinition),
    podVolumeBackups: createCustomResourceClient<PodVolumeBackup>(kube, podVolumeBackupDefinition),
    dataUploads: createCustomResourceClient<DataUpload>(kube, dataUploadDefinition),
    classes: createCustomResourceClient<DataMoverClass>(kube, dataMoverClassDefinition),
    restores: createCustomResourceClient<Restore>(kube, restoreDefinition),
    volumeSnapshots: createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition),
    snapshotContents: createCustomResourceClient<VolumeSnapshotContent>(kube, volumeSnapshotContentDefinition),
  };
}
type Clients = ReturnType<typeof clientsOf>;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs `step`, returning its failure as one error string (`<what>: <message>`). */
async function attempt(what: string, step: () => Promise<void>): Promise<string[]> {
  try {
    await step();
    return [];
  } catch (error) {
    return [`${what}: ${messageOf(error)}`];
  }
}

/**
 * Velero's CSI cleanup (`CleanupVolumeSnapshot`): every VolumeSnapshot labelled with the backup,
 * its bound content switched to deletionPolicy Delete (so the storage snapshot goes too), then
 * deleted; then the labelled VolumeSnapshotContents left without a snapshot, the same way.
 */
async function deleteCsiSnapshots(clients: Clients, selector: string): Promise<string[]> {
  const errors: string[] = [];
  const toDelete = (content: string) => clients.snapshotContents.patch(undefined, content, { spec: { deletionPolicy: 'Delete' } });
  for (const snapshot of await clients.volumeSnapshots.list(undefined, { labelSelector: selector })) {
    const { namespace = '', name = '' } = snapshot.metadata ?? {};
    const bound = snapshot.status?.boundVolumeSnapshotContentName;
    errors.push(
      ...(await attempt(`error deleting VolumeSnapshot ${namespace}/${name}`, async () => {
        if (bound) await toDelete(bound).catch(() => undefined);
        await clients.volumeSnapshots.delete(namespace, name, { ignoreNotFound: true });
      })),
    );
  }
  for (const content of await clients.snapshotContents.list(undefined, { labelSelector: selector })) {
    const name = content.metadata?.name ?? '';
    errors.push(
      ...(await attempt(`error deleting VolumeSnapshotContent ${name}`, async () => {
        if (content.spec?.deletionPolicy !== 'Delete') await toDelete(name);
        await clients.snapshotContents.delete(undefined, name, { ignoreNotFound: true });
      })),
    );
  }
  return errors;
}

/** The backup's location opened for `use`, closed afterwards. */
async function withStore<R>(
  c: BackupDeletionCollaborators,
  location: BackupStorageLocation,
  use: (store: ObjectStore) => Promise<R>,
): Promise<R> {
  const { store } = await openStorageLocation({
    kube: c.kube,
    namespace: c.namespace,
    location,
    ...(c.objectStoreClient ? { client: c.objectStoreClient } : {}),
  });
  try {
    return await use(store);
  } finally {
    store.close();
  }
}

/**
 * The repository snapshots of the backup's PodVolumeBackups and DataUploads — those in the cluster
 * and those the backup stored in the bucket (a synced backup has only these) — one mover request
 * per repository; then, only when all went, the cluster's objects (their `status.snapshotID` is
 * what a retry needs).
 */
async function deleteRepositorySnapshots(
  c: BackupDeletionCollaborators,
  clients: Clients,
  target: { readonly name: string; readonly location: BackupStorageLocation; readonly requestedBy: string },
  signal?: AbortSignal,
) {
  const selector = `${VeleroLabel.BackupName}=${veleroLabelValue(target.name)}`;
  const pvbs = await clients.podVolumeBackups.list(c.namespace, { labelSelector: selector });
  const dus = await clients.dataUploads.list(c.namespace, { labelSelector: selector });
  let stored: StoredVolumeObjects = { dataUploads: [], podVolumeBackups: [] };
  const errors = await attempt(`error reading the DataUploads and PodVolumeBackups of backup ${target.name} from the bucket`, async () => {
    stored = await withStore(c, target.location, (store) => readStoredVolumeObjects(store, target.name, signal));
  });
  const { repositories, skipped } = repositorySnapshotsOfBackup(
    withStoredObjects(pvbs, stored.podVolumeBackups),
    withStoredObjects(dus, stored.dataUploads),
    await clients.classes.list(),
  );
  for (const { dataUpload, reason } of skipped) c.logger.info({ dataUpload, reason }, 'snapshot left to the mover that made it');
  for (const repository of repositories) {
    const { uploader, backupStorageLocation, volumeNamespace, snapshotIds } = repository;
    const what = `error deleting ${uploader} snapshots [${snapshotIds.join(' ')}] of repository ${backupStorageLocation}-${volumeNamespace}`;
    errors.push(
      ...(await attempt(what, async () => {
        const removal = await c.remover.remove(repository, target.requestedBy, signal);
        c.logger.info({ uploader, backupStorageLocation, volumeNamespace, ...removal }, 'repository snapshots deleted');
      })),
    );
  }
  if (errors.length > 0) return errors;
  for (const pvb of pvbs) {
    const name = pvb.metadata?.name ?? '';
    errors.push(
      ...(await attempt(`error deleting PodVolumeBackup ${name}`, () =>
        clients.podVolumeBackups.delete(c.namespace, name, { ignoreNotFound: true }),
      )),
    );
  }
  for (const du of dus) {
    const name = du.metadata?.name ?? '';
    errors.push(
      ...(await attempt(`error deleting DataUpload ${name}`, () =>
        clients.dataUploads.delete(c.namespace, name, { ignoreNotFound: true }),
      )),
    );
  }
  return errors;
}

/** Every key under `backups/<b>/` (Velero's `DeleteBackup`), and under `restores/<r>/` of each restore given. */
function deleteFiles(c: BackupDeletionCollaborators, location: BackupStorageLocation, folders: (prefix: string) => string[]) {
  return withStore(c, location, async (store) => {
    for (const folder of folders(store.prefix)) await store.deleteKeys(await store.listKeys(folder));
  });
}

/**
 * The backup's Restores (by `spec.backupName`): their files (as the restore service's finalizer
 * would; deleted here too so the backup's deletion is whole when that controller is disabled) and
 * the objects, waited for up to a minute.
 */
async function deleteRestores(
  c: BackupDeletionCollaborators,
  clients: Clients,
  backup: string,
  location: BackupStorageLocation,
  signal?: AbortSignal,
) {
  const restores = (await clients.restores.list(c.namespace)).filter((restore) => restore.spec?.backupName === backup);
  if (restores.length === 0) return [];
  const names = restores.map((restore) => restore.metadata?.name ?? '');
  const errors = await attempt('error deleting restore files', () =>
    deleteFiles(c, location, (prefix) => names.map((r) => restorePrefixKey(prefix, r))),
  );
  for (const name of names) {
    errors.push(
      ...(await attempt(`error deleting restore ${c.namespace}/${name}`, () =>
        clients.restores.delete(c.namespace, name, { ignoreNotFound: true }),
      )),
    );
  }
  const timeoutMs = c.restoreWaitMs ?? 60_000;
  for (const name of names) {
    errors.push(
      ...(await attempt(`error deleting restore ${c.namespace}/${name}`, () =>
        waitUntilGone(`Restore ${c.namespace}/${name}`, () => clients.restores.find(c.namespace, name), {
          timeoutMs,
          pollMs: 1000,
          ...(signal ? { signal } : {}),
        }),
      )),
    );
  }
  return errors;
}

/**
 * Deletes everything of `backup` in Velero's order and returns the errors (empty = all gone,
 * the Backup included). `requestedBy` names the request in the movers' logs. `signal` stops the
 * waits (mover replies, restores going) when the controller stops; an interrupted run is redone by
 * the next leader. Rejects only when a listing fails (the API server is unreachable): the caller
 * retries the whole, idempotent run.
 */
export async function deleteBackupEverywhere(
  c: BackupDeletionCollaborators,
  backup: Backup,
  location: BackupStorageLocation,
  requestedBy: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const clients = clientsOf(c.kube);
  const name = backup.metadata?.name ?? '';
  const errors = [
    ...(await deleteCsiSnapshots(clients, `${VeleroLabel.BackupName}=${veleroLabelValue(name)}`)),
    ...(await deleteRepositorySnapshots(c, clients, { name, location, requestedBy }, signal)),
  ];
  if (errors.length === 0) {
    errors.push(
      ...(await attempt('error deleting backup files', () => deleteFiles(c, location, (prefix) => [backupPrefixKey(prefix, name)]))),
    );
  }
  errors.push(...(await deleteRestores(c, clients, name, location, signal)));
  if (errors.length === 0) {
    errors.push(
      ...(await attempt(`error deleting backup ${c.namespace}/${name}`, () =>
        clients.backups.delete(c.namespace, name, { ignoreNotFound: true }),
      )),
    );
  }
  return errors;
}
