// Fixtures of the snapshot mover tests: an application volume holding known files (written through
// a pod's kubelet path), its VolumeSnapshot, and reading a volume back through a reader pod.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { aClaim, claimMountPath, createClaim, deletePod, eventually, podWithClaim, runPod, snapshotClaim } from '@ferry/devenv/testing';
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

/** Starts pod `name` mounting `claim` at /data; resolves with its kubelet mount path once Running. */
export async function mountClaim(h: SnapshotMoverHarness, namespace: string, name: string, claim: string): Promise<string> {
  const pod = await runPod(h.kube, podWithClaim(namespace, name, claim));
  return claimMountPath(h.kube, h.info, pod, claim);
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
  await createClaim(h.kube, aClaim(namespace, pvcName, { labels }));
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
  await deletePod(h.kube, namespace, `${pvcName}-writer`);
  const vsName = `${pvcName}-snap`;
  const ready = await snapshotClaim(h.kube, namespace, pvcName, vsName);
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
  await createClaim(h.kube, aClaim(namespace, name, { fromSnapshot: name }));
  const mount = await mountClaim(h, namespace, `${name}-reader`, name);
  const digests = await digestTree(mount);
  await deletePod(h.kube, namespace, `${name}-reader`);
  await h.kube.core.deleteNamespacedPersistentVolumeClaim({ namespace, name });
  await h.snapshots.delete(namespace, name, { ignoreNotFound: true });
  await h.contents.delete(undefined, name, { ignoreNotFound: true });
  return digests;
}
