import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VolumeSnapshot, VolumeSnapshotContent } from '../src/node-simulator/snapshot-types';
import { boundClaim, claim, createTestNamespace, simulatorTestContext, treeDigest } from './simulator-test-support';
import { eventually } from '../src/testing';

const { info, client, snapshots, contents } = simulatorTestContext();
const volumesRoot = join(info.stateDir, 'storage', 'volumes');
const snapshotsRoot = join(info.stateDir, 'storage', 'snapshots');
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

const dynamicSnapshot = (name: string, namespace: string, claimName: string): VolumeSnapshot => ({
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshot',
  metadata: { name, namespace },
  spec: { source: { persistentVolumeClaimName: claimName }, volumeSnapshotClassName: 'ferry-snapclass' },
});

async function readySnapshot(namespace: string, name: string): Promise<VolumeSnapshot> {
  return eventually(async () => {
    const current = await snapshots.get(namespace, name);
    return current.status?.readyToUse ? current : undefined;
  });
}

/** A ready dynamic snapshot of the claim `data` whose content was then switched to Retain: its content's name and handle. */
async function retainedSnapshot(namespace: string, name: string): Promise<{ contentName: string; handle: string }> {
  await snapshots.create(dynamicSnapshot(name, namespace, 'data'));
  const contentName = (await readySnapshot(namespace, name)).status?.boundVolumeSnapshotContentName ?? '';
  const handle = (await contents.get(undefined, contentName)).status?.snapshotHandle ?? '';
  await contents.patch(undefined, contentName, { spec: { deletionPolicy: 'Retain' } });
  return { contentName, handle };
}

const gone = (check: () => Promise<unknown>) => eventually(async () => (await check()) === undefined);

describe('node simulator - snapshots as Velero uses them', () => {
  let namespace: string;
  beforeAll(async () => {
    namespace = await createTestNamespace(client, 'sim-snapshots');
    await client.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('data') });
    const bound = await boundClaim(client, namespace, 'data');
    await writeFile(join(volumesRoot, bound.spec?.volumeName ?? '', 'file.txt'), 'snapshot me');
  });
  afterAll(() => client.core.deleteNamespace({ name: namespace }));

  it('binds a pre-provisioned content to a snapshot and deletes the data with it (policy Delete)', async () => {
    // The exposer's recipe: a new VS/VSC pair on the original handle, the original flipped to Retain and deleted.
    await snapshots.create(dynamicSnapshot('original', namespace, 'data'));
    const original = await readySnapshot(namespace, 'original');
    const originalContentName = original.status?.boundVolumeSnapshotContentName ?? '';
    const handle = (await contents.get(undefined, originalContentName)).status?.snapshotHandle ?? '';
    const dataDigest = await treeDigest(join(snapshotsRoot, handle));

    const staticContent: VolumeSnapshotContent = {
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotContent',
      metadata: { name: `${namespace}-exposed`, labels: { 'snapshot.storage.kubernetes.io/managed-by': 'velero' } },
      spec: {
        deletionPolicy: 'Delete',
        driver: 'hostpath.csi.ferry.dev',
        source: { snapshotHandle: handle },
        volumeSnapshotClassName: 'ferry-snapclass',
        volumeSnapshotRef: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', name: 'exposed', namespace },
      },
    };
    await snapshots.create({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshot',
      metadata: { name: 'exposed', namespace },
      spec: { source: { volumeSnapshotContentName: `${namespace}-exposed` } },
    });
    await contents.create(staticContent);
    const exposed = await readySnapshot(namespace, 'exposed');
    expect(exposed.status).toMatchObject({ boundVolumeSnapshotContentName: `${namespace}-exposed`, restoreSize: '1Gi' });
    const boundContent = await contents.get(undefined, `${namespace}-exposed`);
    expect(boundContent.status).toMatchObject({ readyToUse: true, snapshotHandle: handle, restoreSize: 2 ** 30 });
    expect(boundContent.spec.volumeSnapshotRef.uid).toBe(exposed.metadata?.uid);

    await contents.patch(undefined, originalContentName, { spec: { deletionPolicy: 'Retain' } });
    await snapshots.delete(namespace, 'original');
    await contents.delete(undefined, originalContentName);
    await gone(() => snapshots.find(namespace, 'original'));
    await gone(() => contents.find(undefined, originalContentName));
    expect(await treeDigest(join(snapshotsRoot, handle))).toBe(dataDigest);

    // A claim from the exposed snapshot still gets the data.
    await client.core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: claim('backup-pvc', {
        accessModes: ['ReadOnlyMany'],
        dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'exposed' },
      }),
    });
    const backupClaim = await boundClaim(client, namespace, 'backup-pvc');
    expect(await treeDigest(join(volumesRoot, backupClaim.spec?.volumeName ?? ''))).toBe(dataDigest);

    await snapshots.delete(namespace, 'exposed');
    await gone(() => snapshots.find(namespace, 'exposed'));
    await gone(() => contents.find(undefined, `${namespace}-exposed`));
    await eventually(async () => !(await exists(join(snapshotsRoot, handle))));
  });

  it('keeps the data of a Retain content after its snapshot is deleted', async () => {
    const { contentName, handle } = await retainedSnapshot(namespace, 'kept');
    await snapshots.delete(namespace, 'kept');
    await gone(() => snapshots.find(namespace, 'kept'));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await contents.get(undefined, contentName)).spec.deletionPolicy).toBe('Retain');
    await contents.delete(undefined, contentName);
    await gone(() => contents.find(undefined, contentName));
    expect(await exists(join(snapshotsRoot, handle))).toBe(true);
  });

  it("keeps the data in Velero's DeleteReadyVolumeSnapshot order: the Retain content deleted, then its snapshot", async () => {
    const { contentName, handle } = await retainedSnapshot(namespace, 'ready');
    await contents.delete(undefined, contentName);
    await gone(() => contents.find(undefined, contentName));
    // The snapshot is not taken again (a new content would carry the class's Delete policy): it reports the loss.
    const missing = await eventually(async () => (await snapshots.get(namespace, 'ready')).status?.error?.message);
    expect(missing).toBe('VolumeSnapshotContent is missing');
    expect((await snapshots.get(namespace, 'ready')).status?.readyToUse).toBe(false);
    expect(await contents.find(undefined, contentName)).toBeUndefined();
    await snapshots.delete(namespace, 'ready');
    await gone(() => snapshots.find(namespace, 'ready'));
    expect(await exists(join(snapshotsRoot, handle))).toBe(true);
  });

  it('reports an error on a snapshot of a missing claim and never becomes ready', async () => {
    await snapshots.create(dynamicSnapshot('orphan', namespace, 'no-such-claim'));
    const failed = await eventually(async () => (await snapshots.get(namespace, 'orphan')).status?.error?.message);
    expect(failed).toContain('persistentvolumeclaim "no-such-claim" not found');
    expect((await snapshots.get(namespace, 'orphan')).status?.readyToUse).toBe(false);
  });
});
