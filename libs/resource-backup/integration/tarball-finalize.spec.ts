// The finalizing of a backup tarball against the real API server and MinIO: a tarball written by
// the collection, then rewritten by finalizeBackupTarball from a DataUpload (moved data) or a ready
// VolumeSnapshot (kept snapshot) found by the Backup's UID label. Asserted: the exact entry list,
// the JSON of the added and patched entries, and every other entry byte-identical.
import {
  dataUploadDefinition,
  volumeSnapshotContentDefinition,
  volumeSnapshotDefinition,
  type Backup,
  type DataUpload,
  type VolumeSnapshot,
  type VolumeSnapshotContent,
} from '@ferry/api';
import { createCustomResourceClient, createKubeClient, silentLogger, type KubeClient } from '@ferry/kube';
import { createS3ObjectStore, type ObjectStore } from '@ferry/object-store';
import { storageLocationPlan } from '@ferry/storage-location';
import {
  aClaim,
  createClaim,
  createTestNamespace,
  deleteTestNamespace,
  eventually,
  loadEnvironmentInfo,
  uniqueName,
} from '@ferry/devenv/testing';
import { gunzipSync } from 'node:zlib';
import { createResourceBackup, finalizeBackupTarball } from '../src';
import { readTarball, type TarEntry } from './resource-backup-fixtures';

type Json = Record<string, unknown> & { metadata: Record<string, unknown> & { labels?: object; annotations?: object } };

/** Each entry's raw 512-byte blocks (header, body, padding) by name; USTAR names with prefix. */
function rawEntries(gzipped: Uint8Array): Map<string, Buffer> {
  const tar = gunzipSync(gzipped);
  const entries = new Map<string, Buffer>();
  const field = (offset: number, length: number): string => tar.toString('utf8', offset, offset + length).replace(/\0.*$/s, '');
  for (let offset = 0; offset + 512 <= tar.length && tar[offset] !== 0;) {
    const prefix = field(offset + 345, 155);
    const name = field(offset, 100);
    const size = parseInt(field(offset + 124, 12), 8);
    const length = 512 + Math.ceil(size / 512) * 512;
    entries.set(prefix ? `${prefix}/${name}` : name, tar.subarray(offset, offset + length));
    offset += length;
  }
  return entries;
}

const claimEntries = (namespace: string): string[] => [
  `resources/persistentvolumeclaims/namespaces/${namespace}/data.json`,
  `resources/persistentvolumeclaims/v1-preferredversion/namespaces/${namespace}/data.json`,
];

describe('tarball finalize - Velero finalized items written into a collected tarball', () => {
  const info = loadEnvironmentInfo();
  const prefix = `tarball-finalize-it-${Date.now()}`;
  let kube: KubeClient;
  let store: ObjectStore;
  let app: string;
  let veleroNamespace: string;

  beforeAll(async () => {
    kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
    const location = {
      metadata: {},
      spec: {
        provider: 'aws',
        objectStorage: { bucket: info.s3.bucket, prefix },
        config: { s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
      },
    };
    store = createS3ObjectStore(storageLocationPlan(location, 'test'), info.s3);
    app = await createTestNamespace(kube, 'tf-app');
    veleroNamespace = await createTestNamespace(kube, 'tf-velero');
    await kube.core.createNamespacedConfigMap({ namespace: app, body: { metadata: { name: 'settings' }, data: { a: 'x<y & z' } } });
    await createClaim(kube, aClaim(app, 'data'));
    await eventually('claim bound', async () => {
      const claim = await kube.core.readNamespacedPersistentVolumeClaim({ namespace: app, name: 'data' });
      return claim.status?.phase === 'Bound' ? claim : undefined;
    });
  });
  afterAll(async () => {
    await deleteTestNamespace(kube, app);
    await deleteTestNamespace(kube, veleroNamespace);
    await store.deleteKeys(await store.listKeys(`${prefix}/`));
    store.close();
  });

  /** Collects `app` for a new Backup; answers it, its tarball key and the entries as written. */
  async function collected(
    snapshotMoveData: boolean,
  ): Promise<{ backup: Backup; key: string; before: Map<string, TarEntry>; raw: Map<string, Buffer> }> {
    const name = uniqueName('b');
    const backup: Backup = {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: { name, namespace: veleroNamespace, uid: `${name}-uid` },
      spec: { includedNamespaces: [app], snapshotMoveData },
    };
    const key = `${prefix}/backups/${name}/${name}.tar.gz`;
    await createResourceBackup({ kube, logger: silentLogger })({ backup, store, tarballKey: key });
    const bytes = await store.getObject(key);
    // Tar times are seconds: finalizing in a later second shows a header written anew.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    return { backup, key, before: await download(key), raw: rawEntries(bytes ?? new Uint8Array()) };
  }

  async function download(key: string): Promise<Map<string, TarEntry>> {
    const bytes = await store.getObject(key);
    if (!bytes) throw new Error(`no tarball at ${key}`);
    return readTarball(bytes);
  }

  /** Every entry of `raw` not in `changed` is in the new tarball with the same header and body bytes. */
  async function expectUntouched(key: string, raw: Map<string, Buffer>, changed: readonly string[]): Promise<void> {
    const now = rawEntries((await store.getObject(key)) ?? new Uint8Array());
    const untouched = [...raw.keys()].filter((name) => !changed.includes(name));
    expect(untouched.length).toBeGreaterThan(4);
    for (const name of untouched) expect([name, now.get(name)?.equals(raw.get(name) ?? Buffer.alloc(0))]).toEqual([name, true]);
  }

  function expectClaimLabelled(before: Map<string, TarEntry>, after: Map<string, TarEntry>, labels: object, annotations: object): void {
    for (const name of claimEntries(app)) {
      const original = JSON.parse(before.get(name)?.text ?? '{}') as Json;
      const patched = JSON.parse(after.get(name)?.text ?? '{}') as Json;
      expect(patched.metadata).toEqual({
        ...original.metadata,
        labels: { ...original.metadata.labels, ...labels },
        annotations: { ...original.metadata.annotations, ...annotations },
      });
      expect({ ...patched, metadata: undefined }).toEqual({ ...original, metadata: undefined });
    }
  }

  it('moved data: the DataUpload in its final state is appended, the claim labelled, the rest byte-identical', async () => {
    const { backup, key, before, raw } = await collected(true);
    const uploads = createCustomResourceClient<DataUpload>(kube, dataUploadDefinition);
    const uid = backup.metadata?.uid ?? '';
    await uploads.create({
      apiVersion: 'velero.io/v2alpha1',
      kind: 'DataUpload',
      metadata: { name: `${backup.metadata?.name}-du1`, namespace: veleroNamespace, labels: { 'velero.io/backup-uid': uid } },
      spec: {
        snapshotType: 'CSI',
        csiSnapshot: { volumeSnapshot: 'velero-data-abcde', storageClass: 'standard', snapshotClass: 'ferry-snapclass', driver: 'csi.a' },
        sourcePVC: 'data',
        sourceNamespace: app,
        backupStorageLocation: 'default',
        operationTimeout: '10m0s',
      },
    });
    const final = await uploads.updateStatus(veleroNamespace, `${backup.metadata?.name}-du1`, () => ({
      phase: 'Completed',
      snapshotID: 'kopia-1',
      progress: { totalBytes: 4096, bytesDone: 4096 },
    }));

    const result = await finalizeBackupTarball({ kube, store, backup, tarballKey: key });

    const duName = final.metadata?.name ?? '';
    const duEntries = [
      `resources/datauploads.velero.io/namespaces/${veleroNamespace}/${duName}.json`,
      `resources/datauploads.velero.io/v2alpha1-preferredversion/namespaces/${veleroNamespace}/${duName}.json`,
    ];
    const after = await download(key);
    expect([...after.keys()]).toEqual([...before.keys(), ...duEntries]);
    expect(result).toEqual({
      addedEntries: duEntries,
      replacedEntries: claimEntries(app),
      resourceListAdditions: {},
      tarballBytes: expect.any(Number),
    });
    for (const entry of duEntries) {
      expect(JSON.parse(after.get(entry)?.text ?? '')).toEqual({ ...final, apiVersion: 'velero.io/v2alpha1', kind: 'DataUpload' });
      expect(after.get(entry)?.mode).toBe(0o755);
    }
    expectClaimLabelled(
      before,
      after,
      { 'velero.io/volume-snapshot-name': 'velero-data-abcde', 'velero.io/backup-name': backup.metadata?.name },
      {
        'velero.io/volume-snapshot-name': 'velero-data-abcde',
        'backup.velero.io/must-include-additional-items': 'true',
        'velero.io/data-upload-name': `${veleroNamespace}/${duName}`,
      },
    );
    await expectUntouched(key, raw, claimEntries(app));
  });

  it('kept snapshot: snapshot, content and class appended with the VolumeSnapshot action annotations', async () => {
    const { backup, key, before, raw } = await collected(false);
    const snapshots = createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition);
    const vsName = `velero-data-${backup.metadata?.name}`;
    await snapshots.create({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshot',
      metadata: { name: vsName, namespace: app, labels: { 'velero.io/backup-uid': backup.metadata?.uid ?? '' } },
      spec: { source: { persistentVolumeClaimName: 'data' }, volumeSnapshotClassName: 'ferry-snapclass' },
    });
    const ready = await eventually('snapshot ready', async () => {
      const snapshot = await snapshots.get(app, vsName);
      return snapshot.status?.readyToUse === true ? snapshot : undefined;
    });
    const contentName = ready.status?.boundVolumeSnapshotContentName ?? '';
    const content = await createCustomResourceClient<VolumeSnapshotContent>(kube, volumeSnapshotContentDefinition).get(
      undefined,
      contentName,
    );

    const result = await finalizeBackupTarball({ kube, store, backup, tarballKey: key });

    const after = await download(key);
    const added = [
      'resources/volumesnapshotclasses.snapshot.storage.k8s.io/cluster/ferry-snapclass.json',
      'resources/volumesnapshotclasses.snapshot.storage.k8s.io/v1-preferredversion/cluster/ferry-snapclass.json',
      `resources/volumesnapshotcontents.snapshot.storage.k8s.io/cluster/${contentName}.json`,
      `resources/volumesnapshotcontents.snapshot.storage.k8s.io/v1-preferredversion/cluster/${contentName}.json`,
      `resources/volumesnapshots.snapshot.storage.k8s.io/namespaces/${app}/${vsName}.json`,
      `resources/volumesnapshots.snapshot.storage.k8s.io/v1-preferredversion/namespaces/${app}/${vsName}.json`,
    ];
    expect([...after.keys()]).toEqual([...before.keys(), ...added]);
    expect(result.addedEntries).toEqual(added);
    expect(result.resourceListAdditions).toEqual({
      'snapshot.storage.k8s.io/v1/VolumeSnapshot': [`${app}/${vsName}`],
      'snapshot.storage.k8s.io/v1/VolumeSnapshotClass': ['ferry-snapclass'],
      'snapshot.storage.k8s.io/v1/VolumeSnapshotContent': [contentName],
    });
    const vs = JSON.parse(after.get(added[4] ?? '')?.text ?? '') as Json;
    expect(vs.metadata.annotations).toEqual({
      'velero.io/csi-vsc-deletion-policy': content.spec.deletionPolicy,
      'velero.io/csi-volumesnapshot-handle': content.status?.snapshotHandle,
      'velero.io/csi-driver-name': content.spec.driver,
      // The simulator's snapshot is as big as the PV: 1Gi, which the claim already requests.
      'velero.io/csi-volumesnapshot-restore-size': '1Gi',
    });
    const vsc = JSON.parse(after.get(added[2] ?? '')?.text ?? '') as Json;
    expect(vsc.metadata.labels).toMatchObject({ 'velero.io/backup-name': backup.metadata?.name });
    const claimAnnotations = { 'velero.io/volume-snapshot-name': vsName, 'backup.velero.io/must-include-additional-items': 'true' };
    const claimLabels = { 'velero.io/volume-snapshot-name': vsName, 'velero.io/backup-name': backup.metadata?.name };
    expectClaimLabelled(before, after, claimLabels, claimAnnotations);
    await expectUntouched(key, raw, claimEntries(app));
  });

  it('leaves the tarball alone when the Backup has no volume objects', async () => {
    const { backup, key, before } = await collected(true);
    const result = await finalizeBackupTarball({ kube, store, backup, tarballKey: key });
    expect(result).toEqual({ addedEntries: [], replacedEntries: [], resourceListAdditions: {}, tarballBytes: 0 });
    expect(await download(key)).toEqual(before);
  });
});
