// Fixtures of the snapshot mover tests: an application volume holding known files (written through
// a pod's kubelet path), its VolumeSnapshot, and reading a volume back through a reader pod.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { type EnvironmentInfo, eventually } from '@ferry/devenv/testing';
import type { KubeClient } from '@ferry/kube';
import { type SnapshotMoverHarness } from './snapshot-mover-harness';

/** Relative path → sha256 of every file under a folder. */
export type FileDigests = Record<string, string>;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Digests of every regular file under `root` (recursively). */
export async function digestTree(root: string): Promise<FileDigests> {
  const digests: FileDigests = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) digests[relative(root, path)] = sha256(await readFile(path));
    }
  };
  await walk(root);
  return digests;
}

/** `<root>/pods/<uid>/volumes/kubernetes.io~csi/<pv>/mount` on the named node. */
export function kubeletVolumePath(info: EnvironmentInfo, nodeName: string, podUid: string, pvName: string): string {
  const node = info.nodes.find((candidate) => candidate.name === nodeName);
  if (!node) throw new Error(`${nodeName} is not a simulated node`);
  return join(node.root, 'pods', podUid, 'volumes', 'kubernetes.io~csi', pvName, 'mount');
}

/** Creates a namespace named `<prefix>-<hex>`. */
export async function createNamespace(kube: KubeClient, prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await kube.core.createNamespace({ body: { metadata: { name } } });
  return name;
}

/** Starts pod `name` mounting `claim` at /data; resolves with its kubelet mount path once Running. */
export async function mountClaim(h: SnapshotMoverHarness, namespace: string, name: string, claim: string): Promise<string> {
  await h.kube.core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name },
      spec: {
        containers: [
          { name: 'main', image: 'busybox:1.37', command: ['sleep', 'infinity'], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
        ],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
        terminationGracePeriodSeconds: 0,
      },
    },
  });
  const pod = await eventually(`pod ${namespace}/${name} Running`, async () => {
    const found = await h.kube.core.readNamespacedPod({ namespace, name });
    return found.status?.phase === 'Running' ? found : undefined;
  });
  const pvc = await h.kube.core.readNamespacedPersistentVolumeClaim({ namespace, name: claim });
  return kubeletVolumePath(h.info, pod.spec?.nodeName ?? '', pod.metadata?.uid ?? '', pvc.spec?.volumeName ?? '');
}

/** An application PVC with known files and a ready VolumeSnapshot of it. */
export interface SnapshottedVolume {
  readonly namespace: string;
  readonly pvcName: string;
  readonly vsName: string;
  readonly vscName: string;
  readonly files: FileDigests;
}

/**
 * Creates PVC `pvcName` (class standard, 1Gi, `labels`), writes a few files (one nested, one of
 * 256 KiB random bytes) through a writer pod, deletes the writer, snapshots the PVC with
 * `ferry-snapclass` and waits until the snapshot is ready.
 */
export async function createSnapshottedVolume(
  h: SnapshotMoverHarness,
  namespace: string,
  pvcName: string,
  labels: Record<string, string> = {},
): Promise<SnapshottedVolume> {
  await h.kube.core.createNamespacedPersistentVolumeClaim({
    namespace,
    body: {
      metadata: { name: pvcName, labels },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
    },
  });
  const mount = await mountClaim(h, namespace, `${pvcName}-writer`, pvcName);
  const content: Record<string, Buffer> = {
    'data.bin': randomBytes(256 * 1024),
    'notes/readme.txt': Buffer.from(`volume ${namespace}/${pvcName}\n`),
    'notes/deep/empty-ish.txt': Buffer.from('x'),
  };
  for (const [path, bytes] of Object.entries(content)) {
    await mkdir(dirname(join(mount, path)), { recursive: true });
    await writeFile(join(mount, path), bytes);
  }
  const files = await digestTree(mount);
  await h.kube.core.deleteNamespacedPod({ namespace, name: `${pvcName}-writer`, gracePeriodSeconds: 0 });
  const vsName = `${pvcName}-snap`;
  await h.snapshots.create({
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshot',
    metadata: { name: vsName, namespace },
    spec: { source: { persistentVolumeClaimName: pvcName }, volumeSnapshotClassName: 'ferry-snapclass' },
  });
  const ready = await eventually(`VolumeSnapshot ${namespace}/${vsName} ready`, async () => {
    const vs = await h.snapshots.get(namespace, vsName);
    return vs.status?.readyToUse === true ? vs : undefined;
  });
  return { namespace, pvcName, vsName, vscName: ready.status?.boundVolumeSnapshotContentName ?? '', files };
}

/**
 * As Velero's CSI restore continues from a VSR: a static VolumeSnapshotContent over `snapshotHandle`
 * (Delete: the test owns it), a VolumeSnapshot bound to it in `namespace`, a PVC provisioned from
 * that snapshot, mounted by a reader pod; resolves with the digests of what the PVC holds.
 */
export async function restoreFromHandle(
  h: SnapshotMoverHarness,
  namespace: string,
  snapshotHandle: string,
  driver: string,
): Promise<FileDigests> {
  const name = `restored-${randomBytes(3).toString('hex')}`;
  await h.contents.create({
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshotContent',
    metadata: { name },
    spec: {
      deletionPolicy: 'Retain',
      driver,
      source: { snapshotHandle },
      volumeSnapshotClassName: 'ferry-snapclass',
      volumeSnapshotRef: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', name, namespace },
    },
  });
  await h.snapshots.create({
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshot',
    metadata: { name, namespace },
    spec: { source: { volumeSnapshotContentName: name }, volumeSnapshotClassName: 'ferry-snapclass' },
  });
  await eventually(
    `VolumeSnapshot ${namespace}/${name} ready`,
    async () => (await h.snapshots.get(namespace, name)).status?.readyToUse === true,
  );
  await h.kube.core.createNamespacedPersistentVolumeClaim({
    namespace,
    body: {
      metadata: { name },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'standard',
        resources: { requests: { storage: '1Gi' } },
        dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name },
      },
    },
  });
  const mount = await mountClaim(h, namespace, `${name}-reader`, name);
  const digests = await digestTree(mount);
  await h.kube.core.deleteNamespacedPod({ namespace, name: `${name}-reader`, gracePeriodSeconds: 0 });
  await h.kube.core.deleteNamespacedPersistentVolumeClaim({ namespace, name });
  await h.snapshots.delete(namespace, name, { ignoreNotFound: true });
  await h.contents.delete(undefined, name, { ignoreNotFound: true });
  return digests;
}
