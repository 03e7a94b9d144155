import { randomBytes } from 'node:crypto';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { V1Pod } from '@kubernetes/client-node';
import { eventually, simulatorStorage } from '../src/testing';
import {
  boundClaim,
  claim,
  createTestNamespace,
  kubeletVolumePath,
  nodeOf,
  pod,
  runningPod,
  simulatorTestContext,
  treeDigest,
} from './simulator-test-support';

const { info, client, snapshots, contents } = simulatorTestContext();
const volumesRoot = join(info.stateDir, 'storage', 'volumes');
const snapshotsRoot = join(info.stateDir, 'storage', 'snapshots');
const snapshotSource = (name: string) => ({ apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name });
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Every kubelet volume path of `pvName` under every node root. */
async function mountsOf(pvName: string): Promise<string[]> {
  const found: string[] = [];
  for (const node of info.nodes) {
    for (const uid of await readdir(join(node.root, 'pods')).catch(() => [])) {
      const path = kubeletVolumePath(node, uid, pvName);
      if (await exists(path)) found.push(path);
    }
  }
  return found;
}

describe('node simulator - volume data path', () => {
  let namespace: string;
  let writerPod: V1Pod;
  let sourcePv = '';
  let digest = '';
  beforeAll(async () => {
    namespace = await createTestNamespace(client, 'sim-volumes');
  });
  afterAll(() => client.core.deleteNamespace({ name: namespace }));

  it('binds a claim of the default class to a new PV backed by a directory', async () => {
    await client.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('source', { size: '2Gi' }) });
    const bound = await boundClaim(client, namespace, 'source');
    sourcePv = bound.spec?.volumeName ?? '';
    expect(bound.spec?.storageClassName).toBe(simulatorStorage.standardClass);
    expect(bound.status).toMatchObject({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
    const pv = await client.core.readPersistentVolume({ name: sourcePv });
    expect(pv.status?.phase).toBe('Bound');
    expect(pv.spec).toMatchObject({
      csi: { driver: 'hostpath.csi.ferry.dev', volumeHandle: sourcePv },
      capacity: { storage: '2Gi' },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      claimRef: { namespace, name: 'source', uid: bound.metadata?.uid },
    });
    expect(await exists(join(volumesRoot, sourcePv))).toBe(true);
  });

  it('runs a pod and lands data written at its kubelet path in the PV directory', async () => {
    await client.core.createNamespacedPod({ namespace, body: pod('writer', { claims: [{ claimName: 'source' }] }) });
    writerPod = await runningPod(client, namespace, 'writer');
    const mount = kubeletVolumePath(nodeOf(info, writerPod), writerPod.metadata?.uid ?? '', sourcePv);
    await writeFile(join(mount, 'data.bin'), randomBytes(256 * 1024));
    await writeFile(join(mount, 'note.txt'), 'hello from the writer pod');
    digest = await treeDigest(mount);
    expect(await treeDigest(join(volumesRoot, sourcePv))).toBe(digest);
    expect(await readFile(join(volumesRoot, sourcePv, 'note.txt'), 'utf8')).toBe('hello from the writer pod');
    // Only under the node the pod runs on.
    expect(await mountsOf(sourcePv)).toEqual([mount]);
  });

  it('snapshots the volume: VolumeSnapshot readyToUse with a bound content holding a copy of the data', async () => {
    await snapshots.create({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshot',
      metadata: { name: 'snap', namespace },
      spec: { source: { persistentVolumeClaimName: 'source' } },
    });
    const ready = await eventually(async () => {
      const current = await snapshots.get(namespace, 'snap');
      return current.status?.readyToUse ? current : undefined;
    });
    expect(ready.spec.volumeSnapshotClassName).toBeUndefined();
    expect(ready.status).toMatchObject({ boundVolumeSnapshotContentName: `snapcontent-${ready.metadata?.uid}`, restoreSize: '2Gi' });
    expect(Date.parse(ready.status?.creationTime ?? '')).toBeGreaterThan(Date.now() - 120_000);
    const content = await contents.get(undefined, ready.status?.boundVolumeSnapshotContentName ?? '');
    expect(content.spec).toMatchObject({
      driver: 'hostpath.csi.ferry.dev',
      deletionPolicy: 'Delete',
      source: { volumeHandle: sourcePv },
      volumeSnapshotRef: { name: 'snap', namespace, uid: ready.metadata?.uid },
    });
    expect(content.status).toMatchObject({ readyToUse: true, restoreSize: 2 * 2 ** 30, snapshotHandle: `snapshot-${ready.metadata?.uid}` });
    // A later write to the source must not change the snapshot.
    await writeFile(join(volumesRoot, sourcePv, 'after-snapshot.txt'), 'not in the snapshot');
    expect(await treeDigest(join(snapshotsRoot, content.status?.snapshotHandle ?? ''))).toBe(digest);
  });

  it('provisions a claim from the snapshot with the snapshot bytes, mounted only under its node', async () => {
    await client.core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: claim('restored', { size: '2Gi', dataSource: snapshotSource('snap') }),
    });
    await client.core.createNamespacedPod({ namespace, body: pod('reader', { claims: [{ claimName: 'restored' }] }) });
    const bound = await boundClaim(client, namespace, 'restored');
    const reader = await runningPod(client, namespace, 'reader');
    const mount = kubeletVolumePath(nodeOf(info, reader), reader.metadata?.uid ?? '', bound.spec?.volumeName ?? '');
    expect(await treeDigest(mount)).toBe(digest);
    expect(await mountsOf(bound.spec?.volumeName ?? '')).toEqual([mount]);
    // A restore writing at the kubelet path lands in the target PV, not in the source.
    await writeFile(join(mount, 'restored-marker'), 'x');
    expect(await exists(join(volumesRoot, bound.spec?.volumeName ?? '', 'restored-marker'))).toBe(true);
    expect(await exists(join(volumesRoot, sourcePv, 'restored-marker'))).toBe(false);
  });

  it('refuses a claim smaller than the snapshot restoreSize', async () => {
    await client.core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: claim('too-small', { size: '1Gi', dataSource: snapshotSource('snap') }),
    });
    const event = await eventually(async () => {
      const events = await client.core.listNamespacedEvent({
        namespace,
        fieldSelector: 'involvedObject.name=too-small,reason=ProvisioningFailed',
      });
      return events.items[0];
    });
    expect(event.message).toContain('less than the size');
    expect((await client.core.readNamespacedPersistentVolumeClaim({ name: 'too-small', namespace })).status?.phase).toBe('Pending');
  });

  it.each([
    ['a ReadOnlyMany claim', 'rox', { accessModes: ['ReadOnlyMany'] }, false],
    ['a readOnly pod volume', 'ro-volume', {}, true],
  ])('makes %s read-only at the kubelet path, even for root', async (_label, name, options, readOnlyVolume) => {
    await client.core.createNamespacedPersistentVolumeClaim({
      namespace,
      body: claim(name, { ...options, size: '2Gi', dataSource: snapshotSource('snap') }),
    });
    await client.core.createNamespacedPod({
      namespace,
      body: pod(`${name}-pod`, { claims: [{ claimName: name, readOnly: readOnlyVolume }] }),
    });
    const bound = await boundClaim(client, namespace, name);
    const running = await runningPod(client, namespace, `${name}-pod`);
    const mount = kubeletVolumePath(nodeOf(info, running), running.metadata?.uid ?? '', bound.spec?.volumeName ?? '');
    expect(process.getuid?.()).toBe(0);
    await expect(writeFile(join(mount, 'forbidden'), 'x')).rejects.toMatchObject({ code: 'EROFS' });
    expect(await treeDigest(mount)).toBe(digest);
    // The PV's own directory stays writable (only this mount is read-only).
    await writeFile(join(volumesRoot, bound.spec?.volumeName ?? '', 'provisioner-can-write'), 'x');
  });
});
