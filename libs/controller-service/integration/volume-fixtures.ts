// Fixtures of the controller's end-to-end tests: application volumes filled through a pod's kubelet
// path, their VolumeSnapshots, DataUploads/DataDownloads as Velero creates them, and reading a
// restored claim back through a new pod.
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataDownload, DataUpload } from '@ferry/api';
import { describeTree } from '@ferry/devenv';
import {
  aClaim,
  buildDataTree,
  claimMountPath,
  createClaim,
  deletePod,
  eventually,
  podWithClaim,
  runPod,
  snapshotClaim as snapshotClaimReady,
} from '@ferry/devenv/testing';
import type { CustomResourceClient } from '@ferry/kube';
import { type DataPathHarness } from './data-path-harness';

/** The data of `claim`, described file by file (sha256), read through a new pod's kubelet path. */
export async function readClaim(h: DataPathHarness, namespace: string, claim: string): Promise<Record<string, string>> {
  const name = `reader-${randomBytes(3).toString('hex')}`;
  const pod = await runPod(h.kube, podWithClaim(namespace, name, claim));
  const description = await describeTree(await claimMountPath(h.kube, h.info, pod, claim));
  await deletePod(h.kube, namespace, name);
  return description;
}

/** A claim of `storageClass` (1Gi), filled by `fill(dir)` through a writer pod; resolves with its description. */
export async function createFilledClaim(
  h: DataPathHarness,
  namespace: string,
  claim: string,
  fill: (dir: string) => Promise<void>,
  options: { storageClass?: string; node?: string } = {},
): Promise<Record<string, string>> {
  await createClaim(h.kube, aClaim(namespace, claim, options.storageClass ? { storageClass: options.storageClass } : {}));
  const writerName = `writer-${claim}`;
  const writer = await runPod(h.kube, podWithClaim(namespace, writerName, claim, options.node));
  const mount = await claimMountPath(h.kube, h.info, writer, claim);
  await mkdir(mount, { recursive: true });
  await fill(mount);
  const description = await describeTree(mount);
  await deletePod(h.kube, namespace, writerName);
  return description;
}

/** Snapshots `claim` (class ferry-snapclass) as VolumeSnapshot `name` and waits until it is ready. */
export async function snapshotClaim(h: DataPathHarness, namespace: string, claim: string, name = `${claim}-snap`): Promise<string> {
  await snapshotClaimReady(h.kube, namespace, claim, name);
  return name;
}

/** A DataUpload as Velero's CSI plugin creates it (name unique: intermediate VSCs are cluster-scoped and named after it). */
export function createDataUpload(
  h: DataPathHarness,
  source: { namespace: string; claim: string; snapshot: string },
  options: { uploader?: 'kopia' | 'restic'; datamover?: string; name?: string } = {},
): Promise<DataUpload> {
  const name = options.name ?? `du-${randomBytes(4).toString('hex')}`;
  return h.dataUploads.create({
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataUpload',
    metadata: {
      name,
      namespace: h.namespace,
      labels: { 'velero.io/async-operation-id': `du-${randomBytes(4).toString('hex')}.${source.claim}` },
    },
    spec: {
      snapshotType: 'CSI',
      csiSnapshot: { volumeSnapshot: source.snapshot, storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
      sourcePVC: source.claim,
      sourceNamespace: source.namespace,
      backupStorageLocation: 'default',
      operationTimeout: '10m',
      ...(options.datamover === undefined ? {} : { datamover: options.datamover }),
      ...(options.uploader ? { dataMoverConfig: { uploaderType: options.uploader } } : {}),
    },
  });
}

/** A target claim as Velero restores it (a `dynamic-pv-restore` selector keeps provisioners away) and a DataDownload into it. */
export async function createDataDownload(
  h: DataPathHarness,
  target: { namespace: string; claim: string },
  from: { snapshotID: string; sourceNamespace: string; uploader?: 'kopia' | 'restic' },
): Promise<DataDownload> {
  const selector = { 'velero.io/dynamic-pv-restore': `${target.namespace}.${target.claim}.${randomBytes(3).toString('hex')}` };
  await createClaim(h.kube, aClaim(target.namespace, target.claim, { selector }));
  return h.dataDownloads.create({
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataDownload',
    metadata: { name: `dd-${randomBytes(4).toString('hex')}`, namespace: h.namespace },
    spec: {
      targetVolume: { pvc: target.claim, pv: '', namespace: target.namespace },
      backupStorageLocation: 'default',
      snapshotID: from.snapshotID,
      sourceNamespace: from.sourceNamespace,
      operationTimeout: '10m',
      ...(from.uploader ? { dataMoverConfig: { uploaderType: from.uploader } } : {}),
    },
  });
}

/** Waits until the resource's phase is one of `phases`; resolves with the object. */
export function waitForPhase<T extends { status?: { phase?: string } }>(
  client: CustomResourceClient<T & { metadata?: { name?: string } }>,
  namespace: string,
  name: string,
  phases: readonly string[],
  timeoutMs = 120_000,
): Promise<T> {
  return eventually(
    `${client.resource.plural} ${namespace}/${name} in ${phases.join('|')}`,
    async () => {
      const current = await client.get(namespace, name);
      const phase = current.status?.phase ?? '';
      if (['Failed', 'Canceled', 'Completed'].includes(phase) && !phases.includes(phase)) {
        throw new Error(`${name} ended ${phase}: ${JSON.stringify(current.status)}`);
      }
      return phases.includes(phase) ? current : undefined;
    },
    timeoutMs,
  );
}

/** What intermediate objects are left in the Ferry namespace (pods, claims, snapshots) and cluster-wide (contents named after `operation`s). */
export async function leftovers(h: DataPathHarness, operations: readonly string[]): Promise<string[]> {
  const pods = (await h.kube.core.listNamespacedPod({ namespace: h.namespace })).items.map((p) => `pod/${p.metadata?.name}`);
  const pvcs = (await h.kube.core.listNamespacedPersistentVolumeClaim({ namespace: h.namespace })).items.map(
    (p) => `pvc/${p.metadata?.name}`,
  );
  const snapshots = (await h.snapshots.list(h.namespace)).map((s) => `volumesnapshot/${s.metadata?.name}`);
  const contents = (await h.contents.list())
    .filter((c) => operations.includes(c.metadata?.name ?? ''))
    .map((c) => `volumesnapshotcontent/${c.metadata?.name}`);
  return [...pods, ...pvcs, ...snapshots, ...contents];
}

/** A volume big enough that a transfer is still running when the test acts on it. */
export const bigVolume = async (dir: string): Promise<void> => {
  await buildDataTree(dir, { largeFileBytes: 64 * 1024 * 1024, smallFiles: 50, smallFileBytes: 256 });
  for (let i = 0; i < 6; i++) await writeFile(join(dir, `big-${i}.bin`), randomBytes(64 * 1024 * 1024));
};

/** Waits until the DataUpload `name` is InProgress with bytes moved; fails if it ends first. */
export const inProgressWithBytes = (h: DataPathHarness, name: string): Promise<DataUpload> =>
  eventually(
    `${name} InProgress with bytes moved`,
    async () => {
      const du = await h.dataUploads.get(h.namespace, name);
      if (['Completed', 'Failed', 'Canceled'].includes(du.status?.phase ?? ''))
        throw new Error(`${name} ended ${du.status?.phase} too early`);
      return du.status?.phase === 'InProgress' && (du.status.progress?.bytesDone ?? 0) > 0 ? du : undefined;
    },
    180_000,
  );
