// The demo's data path, as a Velero backup and restore drive it: a VolumeSnapshot of the demo
// database, a DataUpload that Ferry's controller, exposer and movers carry to the repository in
// MinIO, then a DataDownload into a new claim in another namespace, checked file by file.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  dataDownloadDefinition,
  dataUploadDefinition,
  volumeSnapshotDefinition,
  type DataDownload,
  type DataUpload,
  type VolumeSnapshot,
} from '@ferry/api';
import { ferryContracts, type FerryContracts, type MessageOf } from '@ferry/contracts';
import { createCustomResourceClient, type CustomResourceClient, type KubeClient } from '@ferry/kube';
import { createLogger } from '@ferry/logger';
import { connectNats, subscribe } from '@ferry/nats';
import type { V1Pod } from '@kubernetes/client-node';
import { buildDataTree, describeTree, standardDataTree } from './data-tree';
import type { EnvironmentInfo } from './environment-info';
import { createMinioStorageLocation } from './storage-location';

type MoveProgress = MessageOf<FerryContracts['messages']['moveProgress']>;

/** What the demo's backup and restore produced. */
export interface DemoDataPath {
  readonly dataUpload: DataUpload;
  readonly dataDownload: DataDownload;
  /** Files of the source volume and how many the restored claim holds identically (sha256). */
  readonly files: number;
  readonly identicalFiles: number;
}

/** Progress and phase lines while the demo runs. */
export type DemoReporter = (line: string) => void;

const mib = (bytes: number | undefined) => `${((bytes ?? 0) / 1024 / 1024).toFixed(1)} MiB`;

function volumePath(info: EnvironmentInfo, pod: V1Pod, pvName: string): string {
  const root = info.nodes.find((node) => node.name === pod.spec?.nodeName)?.root;
  if (!root) throw new Error(`demo: pod ${pod.metadata?.name ?? ''} is not on a simulated node`);
  return join(root, 'pods', pod.metadata?.uid ?? '', 'volumes', 'kubernetes.io~csi', pvName, 'mount');
}

async function waitForPhase<T extends DataUpload | DataDownload>(
  client: CustomResourceClient<T>,
  namespace: string,
  name: string,
  report: DemoReporter,
  timeoutMs = 600_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const current = await client.get(namespace, name);
    const phase = current.status?.phase ?? 'New';
    if (phase !== last) report(`  ${current.kind} ${name}: ${phase}${current.status?.message ? ` (${current.status.message})` : ''}`);
    last = phase;
    if (['Completed', 'Failed', 'Canceled'].includes(phase)) return current;
    if (Date.now() > deadline) throw new Error(`demo: ${current.kind} ${name} still ${phase} after ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/** A pod mounting `claim` read-only-in-spirit, to read a restored claim back through its kubelet path. */
async function runReader(kube: KubeClient, namespace: string, claim: string): Promise<V1Pod> {
  const name = `reader-${randomBytes(3).toString('hex')}`;
  await kube.core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name },
      spec: {
        containers: [{ name: 'reader', image: 'busybox:1.37' }],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }],
      },
    },
  });
  for (;;) {
    const pod = await kube.core.readNamespacedPod({ namespace, name });
    if (pod.status?.phase === 'Running') return pod;
    await sleep(100);
  }
}

const demoApp = 'demo-shop';

type FileDigests = Awaited<ReturnType<typeof describeTree>>;

/** Fills `demo-shop/orders-db` with the standard dataset through the `shop` pod's volume; returns its files' digests. */
async function fillSourceVolume(kube: KubeClient, info: EnvironmentInfo, report: DemoReporter): Promise<FileDigests> {
  const pod = await kube.core.readNamespacedPod({ namespace: demoApp, name: 'shop' });
  const claim = await kube.core.readNamespacedPersistentVolumeClaim({ namespace: demoApp, name: 'orders-db' });
  const source = volumePath(info, pod, claim.spec?.volumeName ?? '');
  await buildDataTree(source, standardDataTree);
  const sourceFiles = await describeTree(source);
  report(
    `  orders-db holds ${Object.keys(sourceFiles).length} entries (${mib(standardDataTree.largeFileBytes)} file + ${standardDataTree.smallFiles} small files)`,
  );
  return sourceFiles;
}

/** Snapshots `orders-db` and waits until the snapshot is ready to use. */
async function snapshotSourceClaim(kube: KubeClient): Promise<void> {
  const snapshots = createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition);
  await snapshots.create({
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshot',
    metadata: { name: 'orders-db-snap', namespace: demoApp },
    spec: { source: { persistentVolumeClaimName: 'orders-db' }, volumeSnapshotClassName: 'ferry-snapclass' },
  });
  while ((await snapshots.get(demoApp, 'orders-db-snap')).status?.readyToUse !== true) await sleep(100);
}

/** Reports the movers' progress (about every 2 s, and the last one); the caller stops the subscription. */
function reportMoveProgress(nats: Awaited<ReturnType<typeof connectNats>>, report: DemoReporter) {
  let lastPrinted = 0;
  return subscribe(nats, {
    contract: ferryContracts.messages.moveProgress,
    handler: ({ data }: { data: MoveProgress }) => {
      if (Date.now() - lastPrinted < 2000 && data.bytesDone !== data.totalBytes) return;
      lastPrinted = Date.now();
      const eta = data.etaSeconds === undefined ? 'ETA unknown' : `ETA ${Math.ceil(data.etaSeconds)} s`;
      report(
        `  ${data.node}: ${data.operation.kind} ${mib(data.bytesDone)}${data.totalBytes === undefined ? '' : ` of ${mib(data.totalBytes)}`} at ${mib(data.bytesPerSecond)}/s, ${eta}`,
      );
    },
  });
}

/** Creates the DataUpload of the snapshot and waits until it Completed; throws if it ended otherwise. */
async function backUpSnapshot(kube: KubeClient, ferry: string, report: DemoReporter): Promise<DataUpload> {
  const uploads = createCustomResourceClient<DataUpload>(kube, dataUploadDefinition);
  const upload = await uploads.create({
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataUpload',
    metadata: { name: 'demo-backup-orders-db', namespace: ferry },
    spec: {
      snapshotType: 'CSI',
      csiSnapshot: { volumeSnapshot: 'orders-db-snap', storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
      sourcePVC: 'orders-db',
      sourceNamespace: demoApp,
      backupStorageLocation: 'default',
      operationTimeout: '10m',
    },
  });
  const uploaded = await waitForPhase(uploads, ferry, upload.metadata?.name ?? '', report);
  if (uploaded.status?.phase !== 'Completed')
    throw new Error(`demo: the DataUpload ended ${uploaded.status?.phase}: ${uploaded.status?.message ?? ''}`);
  return uploaded;
}

/** Namespace `target` and its claim `orders-db`, selecting the restored PV as Velero's restore does. */
async function createRestoreTarget(kube: KubeClient, target: string): Promise<void> {
  await kube.core.createNamespace({ body: { metadata: { name: target } } });
  await kube.core.createNamespacedPersistentVolumeClaim({
    namespace: target,
    body: {
      metadata: { name: 'orders-db' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: 'standard',
        resources: { requests: { storage: '2Gi' } },
        selector: { matchLabels: { 'velero.io/dynamic-pv-restore': `${target}.orders-db.demo` } },
      },
    },
  });
}

/** Creates the DataDownload of `uploaded` into `target` and waits until it Completed; throws if it ended otherwise. */
async function restoreUpload(
  kube: KubeClient,
  ferry: string,
  target: string,
  uploaded: DataUpload,
  report: DemoReporter,
): Promise<DataDownload> {
  const downloads = createCustomResourceClient<DataDownload>(kube, dataDownloadDefinition);
  const download = await downloads.create({
    apiVersion: 'velero.io/v2alpha1',
    kind: 'DataDownload',
    metadata: { name: 'demo-restore-orders-db', namespace: ferry },
    spec: {
      targetVolume: { pvc: 'orders-db', pv: '', namespace: target },
      backupStorageLocation: 'default',
      snapshotID: uploaded.status?.snapshotID ?? '',
      sourceNamespace: demoApp,
      operationTimeout: '10m',
    },
  });
  const downloaded = await waitForPhase(downloads, ferry, download.metadata?.name ?? '', report);
  if (downloaded.status?.phase !== 'Completed')
    throw new Error(`demo: the DataDownload ended ${downloaded.status?.phase}: ${downloaded.status?.message ?? ''}`);
  return downloaded;
}

/** How many of `sourceFiles` the restored claim holds with the same digest (read through a reader pod). */
async function countIdenticalFiles(kube: KubeClient, info: EnvironmentInfo, target: string, sourceFiles: FileDigests): Promise<number> {
  const restoredClaim = await kube.core.readNamespacedPersistentVolumeClaim({ namespace: target, name: 'orders-db' });
  const reader = await runReader(kube, target, 'orders-db');
  const restored = await describeTree(volumePath(info, reader, restoredClaim.spec?.volumeName ?? ''));
  return Object.entries(sourceFiles).filter(([path, digest]) => restored[path] === digest).length;
}

/**
 * Runs the demo's data path against the environment's running services (controller, exposer, a
 * mover per node): fills `demo-shop/orders-db` with the standard dataset through the `shop` pod's
 * volume, creates BSL `default` on MinIO, snapshots the claim, creates a DataUpload and follows it
 * to Completed (printing the movers' live progress: bytes, rate, ETA), then restores it with a
 * DataDownload into `demo-shop-restored/orders-db` and compares every file. Throws if a step fails.
 */
export async function runDemoDataPath(kube: KubeClient, info: EnvironmentInfo, report: DemoReporter): Promise<DemoDataPath> {
  const ferry = info.ferryNamespace;
  await createMinioStorageLocation(kube, info.s3, { namespace: ferry, prefix: 'demo', isDefault: true });
  const sourceFiles = await fillSourceVolume(kube, info, report);
  await snapshotSourceClaim(kube);
  const nats = await connectNats({ name: 'ferry-demo', servers: info.natsUrl, logger: createLogger({ name: 'demo', level: 'warn' }) });
  const progress = reportMoveProgress(nats, report);
  try {
    const uploaded = await backUpSnapshot(kube, ferry, report);
    const target = `${demoApp}-restored`;
    await createRestoreTarget(kube, target);
    const downloaded = await restoreUpload(kube, ferry, target, uploaded, report);
    const identicalFiles = await countIdenticalFiles(kube, info, target, sourceFiles);
    return { dataUpload: uploaded, dataDownload: downloaded, files: Object.keys(sourceFiles).length, identicalFiles };
  } finally {
    await progress.stop();
    await nats.close();
  }
}
