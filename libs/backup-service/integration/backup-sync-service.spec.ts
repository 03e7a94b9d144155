// Backup sync against the real API server and MinIO: velero-backup.json files written into a
// location's bucket as Velero writes them become Backups (label velero.io/storage-location, status
// from the file, PodVolumeBackups owned by the new Backup), a deleted Backup comes back, an
// unfinished unexpired backup stays in the bucket, and a Completed Backup of the location whose
// files are gone is deleted as Velero does.
import { gzipSync } from 'node:zlib';
import {
  backupDefinition,
  backupStorageLocationDefinition,
  podVolumeBackupDefinition,
  type Backup,
  type BackupStorageLocation,
  type PodVolumeBackup,
} from '@ferry/api';
import { awsCredentialsFile } from '@ferry/devenv';
import { createTestNamespace, deleteTestNamespace, eventually, loadEnvironmentInfo, uniqueName } from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient, silentLogger } from '@ferry/kube';
import { createS3ObjectStore, type ObjectStore } from '@ferry/object-store';
import { backupFileKeys, storageLocationPlan } from '@ferry/storage-location';
import { startBackupSyncService, type BackupSyncService } from '../src';

const info = loadEnvironmentInfo();
const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
const podVolumeBackups = createCustomResourceClient<PodVolumeBackup>(kube, podVolumeBackupDefinition);

/** velero-backup.json as Velero's backup controller uploads it: the whole object, made in another cluster on its location `default`. */
const veleroBackupJson = (name: string, status: Backup['status']) =>
  JSON.stringify({
    kind: 'Backup',
    apiVersion: 'velero.io/v1',
    metadata: {
      name,
      namespace: 'velero',
      uid: '6a1c4a52-7f0e-4c36-9d7e-2c0f0f6f5a11',
      resourceVersion: '1234',
      generation: 5,
      creationTimestamp: '2026-05-01T02:00:00Z',
      labels: { 'velero.io/storage-location': 'default', 'velero.io/schedule-name': 'nightly' },
      annotations: { 'velero.io/resource-timeout': '10m0s', 'velero.io/source-cluster-k8s-gitversion': 'v1.31.0' },
      managedFields: [{ manager: 'velero-server', operation: 'Update', apiVersion: 'velero.io/v1', time: '2026-05-01T02:00:09Z' }],
    },
    spec: {
      metadata: {},
      includedNamespaces: ['app'],
      ttl: '720h0m0s',
      storageLocation: 'default',
      defaultVolumesToFsBackup: true,
      csiSnapshotTimeout: '10m0s',
      itemOperationTimeout: '4h0m0s',
    },
    status,
  });

const completedStatus = (expiration: string): Backup['status'] => ({
  version: 1,
  formatVersion: '1.1.0',
  expiration,
  phase: 'Completed',
  startTimestamp: '2026-05-01T02:00:00Z',
  completionTimestamp: '2026-05-01T02:00:09Z',
  progress: { totalItems: 12, itemsBackedUp: 12 },
  warnings: 1,
});

describe('backup sync service - a location in MinIO', () => {
  let namespace = '';
  let service: BackupSyncService;
  let bucket: ObjectStore;
  const bsl = uniqueName('sync');
  const prefix = uniqueName('sync-prefix');
  const keys = (name: string) => backupFileKeys(prefix, name);

  beforeAll(async () => {
    namespace = await createTestNamespace(kube, 'sync');
    const spec = {
      provider: 'aws',
      objectStorage: { bucket: info.s3.bucket, prefix },
      config: { region: info.s3.region, s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
    };
    bucket = createS3ObjectStore(storageLocationPlan({ metadata: {}, spec }, 'test'), info.s3);
    await bucket.putObject(keys('done').metadata, veleroBackupJson('done', completedStatus('2026-05-31T02:00:00Z')));
    await bucket.putObject(keys('done').contents, 'not read by sync');
    await bucket.putObject(
      keys('partial').metadata,
      veleroBackupJson('partial', { ...completedStatus('2026-05-31T02:00:00Z'), phase: 'PartiallyFailed', errors: 2 }),
    );
    const pvb = {
      kind: 'PodVolumeBackup',
      apiVersion: 'velero.io/v1',
      metadata: {
        name: 'partial-x7k2p',
        namespace: 'velero',
        uid: '0b1e2f70-0000-4000-8000-000000000001',
        resourceVersion: '99',
        labels: { 'velero.io/backup-name': 'partial', 'velero.io/backup-uid': '6a1c4a52-7f0e-4c36-9d7e-2c0f0f6f5a11' },
        ownerReferences: [
          { apiVersion: 'velero.io/v1', kind: 'Backup', name: 'partial', uid: '6a1c4a52-7f0e-4c36-9d7e-2c0f0f6f5a11', controller: true },
        ],
      },
      spec: {
        node: 'node-1',
        pod: { kind: 'Pod', namespace: 'app', name: 'web-0' },
        volume: 'data',
        backupStorageLocation: 'default',
        repoIdentifier: '',
        uploaderType: 'kopia',
      },
      status: { phase: 'Completed', snapshotID: 'k1234', path: '/host_pods/x/volumes/data', progress: { totalBytes: 10, bytesDone: 10 } },
    };
    await bucket.putObject(keys('partial').podVolumeBackups, gzipSync(JSON.stringify([pvb])));
    const farFuture = new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    await bucket.putObject(
      keys('running').metadata,
      veleroBackupJson('running', { phase: 'WaitingForPluginOperations', expiration: farFuture }),
    );

    await kube.core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'cloud' }, stringData: { cloud: awsCredentialsFile(info.s3) } },
    });
    await locations.create({
      apiVersion: 'velero.io/v1',
      kind: 'BackupStorageLocation',
      metadata: { name: bsl, namespace },
      spec: { ...spec, credential: { name: 'cloud', key: 'cloud' }, backupSyncPeriod: '1s' },
    });
    // A Backup of this location whose files are gone, and a Failed one: Velero deletes only the first.
    for (const [name, phase] of [
      ['lost', 'Completed'],
      ['lost-failed', 'Failed'],
    ] as const) {
      await backups.create({
        apiVersion: 'velero.io/v1',
        kind: 'Backup',
        metadata: { name, namespace, labels: { 'velero.io/storage-location': bsl } },
        spec: { storageLocation: bsl },
        status: { phase },
      });
    }
    service = await startBackupSyncService({ kube, logger: silentLogger, namespace });
  });

  afterAll(async () => {
    await service?.stop();
    await deleteTestNamespace(kube, namespace);
    if (bucket) {
      await bucket.deleteKeys(await bucket.listKeys(`${prefix}/`));
      bucket.close();
    }
  });

  const synced = (name: string) => eventually(`Backup ${name} synced`, () => backups.find(namespace, name), 20_000);

  it('syncs nothing from a location that is not Available', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await backups.list(namespace)).map((b) => b.metadata?.name).sort()).toEqual(['lost', 'lost-failed']);
    await locations.patch(namespace, bsl, { status: { phase: 'Available' } });
  });

  it('creates the bucket’s backups with this location’s name and label and the stored status', async () => {
    const done = await synced('done');
    expect(done.metadata?.labels).toEqual({ 'velero.io/storage-location': bsl, 'velero.io/schedule-name': 'nightly' });
    expect(done.metadata?.annotations).toEqual({
      'velero.io/resource-timeout': '10m0s',
      'velero.io/source-cluster-k8s-gitversion': 'v1.31.0',
    });
    expect(done.metadata?.uid).not.toBe('6a1c4a52-7f0e-4c36-9d7e-2c0f0f6f5a11');
    expect(done.spec).toMatchObject({ storageLocation: bsl, includedNamespaces: ['app'], ttl: '720h0m0s', defaultVolumesToFsBackup: true });
    expect(done.status).toEqual(completedStatus('2026-05-31T02:00:00Z'));
    const partial = await synced('partial');
    expect(partial.status).toMatchObject({ phase: 'PartiallyFailed', errors: 2 });
    const [pvb] = await eventually('the PodVolumeBackup of partial', async () => {
      const found = await podVolumeBackups.list(namespace);
      return found.length ? found : undefined;
    });
    expect(pvb?.metadata).toMatchObject({
      name: 'partial-x7k2p',
      labels: { 'velero.io/backup-name': 'partial', 'velero.io/backup-uid': partial.metadata?.uid },
      ownerReferences: [{ apiVersion: 'velero.io/v1', kind: 'Backup', name: 'partial', uid: partial.metadata?.uid, controller: true }],
    });
    expect(pvb?.spec?.backupStorageLocation).toBe(bsl);
    expect(pvb?.status).toMatchObject({ phase: 'Completed', snapshotID: 'k1234' });
    // lastSyncedTime is written once the whole location was synced.
    const lastSynced = await eventually(
      'lastSyncedTime',
      async () => (await locations.get(namespace, bsl)).status?.lastSyncedTime ?? undefined,
    );
    expect(Date.now() - Date.parse(lastSynced)).toBeLessThan(30_000);
  });

  it('leaves an unfinished, unexpired backup in the bucket', async () => {
    expect(await backups.find(namespace, 'running')).toBeUndefined();
  });

  it('deletes the Completed Backup of the location whose files are gone, not the Failed one', async () => {
    await eventually('lost deleted', async () => (await backups.find(namespace, 'lost')) === undefined);
    expect(await backups.find(namespace, 'lost-failed')).toBeDefined();
  });

  it('brings deleted Backups back from the bucket', async () => {
    const before = await backups.get(namespace, 'done');
    await backups.delete(namespace, 'done');
    await backups.delete(namespace, 'partial');
    const done = await eventually(
      'done back',
      async () => {
        const current = await backups.find(namespace, 'done');
        return current && current.metadata?.uid !== before.metadata?.uid ? current : undefined;
      },
      20_000,
    );
    expect(done.status?.phase).toBe('Completed');
    expect(done.metadata?.labels?.['velero.io/storage-location']).toBe(bsl);
    await synced('partial');
  });

  it('deletes a synced Backup once its folder is removed from the bucket', async () => {
    await bucket.deleteKeys(await bucket.listKeys(`${prefix}/backups/done/`));
    await eventually('done deleted', async () => (await backups.find(namespace, 'done')) === undefined, 20_000);
    expect(await backups.find(namespace, 'partial')).toBeDefined();
  });
});
