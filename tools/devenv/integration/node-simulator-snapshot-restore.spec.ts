// The order a Velero restore of a kept CSI snapshot creates things in is not fixed: the claim whose
// dataSource is the restored VolumeSnapshot may reach the provisioner before the snapshot or its
// pre-provisioned content exist, or while the content is not ready. The claim must be provisioned
// with the snapshot's data once the snapshot is ready, whatever came first.
import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VolumeSnapshot, VolumeSnapshotContent } from '../src/node-simulator/snapshot-types';
import { eventually } from '../src/testing';
import { boundClaim, claim, createTestNamespace, eventsFor, simulatorTestContext, treeDigest } from './simulator-test-support';

const { info, client, snapshots, contents } = simulatorTestContext();
const volumesRoot = join(info.stateDir, 'storage', 'volumes');
const snapshotsRoot = join(info.stateDir, 'storage', 'snapshots');
const snapshotGroup = 'snapshot.storage.k8s.io';

/** A restored snapshot as Velero's VolumeSnapshot restore action makes it: bound statically to `contentName`. */
const staticSnapshot = (namespace: string, name: string, contentName: string): VolumeSnapshot => ({
  apiVersion: `${snapshotGroup}/v1`,
  kind: 'VolumeSnapshot',
  metadata: { name, namespace },
  spec: { source: { volumeSnapshotContentName: contentName } },
});

/** A restored content as Velero's VolumeSnapshotContent restore action makes it: Retain, the backed-up handle, no snapshot UID. */
const preProvisionedContent = (name: string, namespace: string, snapshotName: string, handle: string): VolumeSnapshotContent => ({
  apiVersion: `${snapshotGroup}/v1`,
  kind: 'VolumeSnapshotContent',
  metadata: { name },
  spec: {
    deletionPolicy: 'Retain',
    driver: 'hostpath.csi.ferry.dev',
    source: { snapshotHandle: handle },
    volumeSnapshotClassName: 'ferry-snapclass',
    volumeSnapshotRef: { apiVersion: `${snapshotGroup}/v1`, kind: 'VolumeSnapshot', name: snapshotName, namespace },
  },
});

const restoredClaim = (name: string, snapshotName: string) =>
  claim(name, { dataSource: { apiGroup: snapshotGroup, kind: 'VolumeSnapshot', name: snapshotName } });

/** Waits until the provisioner has looked at `claimName` and recorded that it waits for its snapshot. */
async function waitingForSnapshot(namespace: string, claimName: string): Promise<void> {
  await eventually(`claim ${claimName} waiting for its snapshot`, async () =>
    (await eventsFor(client, namespace, claimName)).some((event) => event.message?.includes('waiting for VolumeSnapshot')),
  );
}

describe('node simulator - a claim restored from a snapshot that is not ready yet', () => {
  let namespace: string;
  let handle = '';
  let digest = '';

  beforeAll(async () => {
    namespace = await createTestNamespace(client, 'sim-snaprestore');
    // The backup: a claim with data, a dynamic snapshot of it, then the snapshot and its content
    // removed with the content flipped to Retain first, so that only the data (the handle) is left.
    await client.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('data') });
    const bound = await boundClaim(client, namespace, 'data');
    await writeFile(join(volumesRoot, bound.spec?.volumeName ?? '', 'file.txt'), 'restore me');
    await snapshots.create({
      apiVersion: `${snapshotGroup}/v1`,
      kind: 'VolumeSnapshot',
      metadata: { name: 'backup', namespace },
      spec: { source: { persistentVolumeClaimName: 'data' }, volumeSnapshotClassName: 'ferry-snapclass' },
    });
    const ready = await eventually('snapshot backup ready', async () => {
      const current = await snapshots.get(namespace, 'backup');
      return current.status?.readyToUse ? current : undefined;
    });
    const contentName = ready.status?.boundVolumeSnapshotContentName ?? '';
    handle = (await contents.get(undefined, contentName)).status?.snapshotHandle ?? '';
    digest = await treeDigest(join(snapshotsRoot, handle));
    await contents.patch(undefined, contentName, { spec: { deletionPolicy: 'Retain' } });
    await contents.delete(undefined, contentName);
    await snapshots.delete(namespace, 'backup');
    await eventually('backup snapshot and content gone', async () => {
      const [snapshot, content] = await Promise.all([snapshots.find(namespace, 'backup'), contents.find(undefined, contentName)]);
      return !snapshot && !content;
    });
  });
  afterAll(() => client.core.deleteNamespace({ name: namespace }));

  it('provisions a claim created before its snapshot and content, once both exist and are ready', async () => {
    const contentName = `${namespace}-first`;
    await client.core.createNamespacedPersistentVolumeClaim({ namespace, body: restoredClaim('first', 'first-vs') });
    await waitingForSnapshot(namespace, 'first');
    await snapshots.create(staticSnapshot(namespace, 'first-vs', contentName));
    await contents.create(preProvisionedContent(contentName, namespace, 'first-vs', handle));
    const bound = await boundClaim(client, namespace, 'first');
    expect(await treeDigest(join(volumesRoot, bound.spec?.volumeName ?? ''))).toBe(digest);
  });

  it('provisions a claim whose content waits for its data, once the data is there', async () => {
    const lateHandle = `${handle}-late-${namespace}`;
    const contentName = `${namespace}-late`;
    await contents.create(preProvisionedContent(contentName, namespace, 'late-vs', lateHandle));
    await snapshots.create(staticSnapshot(namespace, 'late-vs', contentName));
    await client.core.createNamespacedPersistentVolumeClaim({ namespace, body: restoredClaim('late', 'late-vs') });
    const failed = await eventually(
      'content without data reports it',
      async () => (await contents.get(undefined, contentName)).status?.error,
    );
    expect(failed?.message).toContain(`snapshot data for handle ${lateHandle} not found`);
    await waitingForSnapshot(namespace, 'late');

    await cp(join(snapshotsRoot, handle), join(snapshotsRoot, lateHandle), { recursive: true });
    const bound = await boundClaim(client, namespace, 'late');
    expect(await treeDigest(join(volumesRoot, bound.spec?.volumeName ?? ''))).toBe(digest);
    const snapshot = await snapshots.get(namespace, 'late-vs');
    expect(snapshot.status?.readyToUse).toBe(true);
    expect(snapshot.status?.error).toBeUndefined();
  });
});
