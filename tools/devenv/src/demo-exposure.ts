import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ferryContracts, type FerryContracts, type MessageOf } from '@ferry/contracts';
import type { KubeClient } from '@ferry/kube';
import { createLogger } from '@ferry/logger';
import { connectNats, consume, ensureConsumer, publishToStream, streamRoute } from '@ferry/nats';
import type { SimulatedNodeInfo } from './environment-info';

type ExposeResult = MessageOf<FerryContracts['messages']['exposeResult']>;

/** What the demo exposure showed: where the snapshot's bytes became readable, and that they match. */
export interface DemoExposure {
  readonly dataUpload: string;
  readonly result: ExposeResult;
  /** The exposed volume's directory under the node's kubelet root, as the mover on that node reads it. */
  readonly path: string;
  readonly bytesMatch: boolean;
}

const csiVolumes = (root: string, podUid: string, pv: string) => join(root, 'pods', podUid, 'volumes', 'kubernetes.io~csi', pv, 'mount');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`demo: ${what} within ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/**
 * Plays the controller's part of a data-mover backup for the demo database: writes a file into the
 * running `orders-db` volume, snapshots it, creates a DataUpload in Ferry's namespace, sends the
 * expose job to the exposer service over JetStream, and waits for its `expose.result` event; then
 * reads the file back from the exposed volume under the node's kubelet directory.
 */
export async function exposeDemoDatabase(kube: KubeClient, natsUrl: string, ferryNamespace: string, nodes: readonly SimulatedNodeInfo[]): Promise<DemoExposure> {
  const app = 'demo-shop';
  const pod = await kube.core.readNamespacedPod({ namespace: app, name: 'shop' });
  const claim = await kube.core.readNamespacedPersistentVolumeClaim({ namespace: app, name: 'orders-db' });
  const rootOf = (node: string | undefined) => nodes.find((candidate) => candidate.name === node)?.root ?? '';
  const data = randomBytes(256 * 1024);
  await writeFile(join(csiVolumes(rootOf(pod.spec?.nodeName), pod.metadata?.uid ?? '', claim.spec?.volumeName ?? ''), 'orders.db'), data);

  const snapshots = { group: 'snapshot.storage.k8s.io', version: 'v1', namespace: app, plural: 'volumesnapshots' };
  await kube.customObjects.createNamespacedCustomObject({
    ...snapshots,
    body: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'orders-db-snap' }, spec: { source: { persistentVolumeClaimName: 'orders-db' }, volumeSnapshotClassName: 'ferry-snapclass' } },
  });
  await until('the VolumeSnapshot was not ready', async () => {
    const vs = (await kube.customObjects.getNamespacedCustomObject({ ...snapshots, name: 'orders-db-snap' })) as { status?: { readyToUse?: boolean } };
    return vs.status?.readyToUse ? true : undefined;
  });
  const dataUpload = 'demo-backup-orders-db';
  await kube.customObjects.createNamespacedCustomObject({
    group: 'velero.io', version: 'v2alpha1', namespace: ferryNamespace, plural: 'datauploads',
    body: {
      apiVersion: 'velero.io/v2alpha1', kind: 'DataUpload', metadata: { name: dataUpload },
      spec: {
        snapshotType: 'CSI', csiSnapshot: { volumeSnapshot: 'orders-db-snap', storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
        sourcePVC: 'orders-db', sourceNamespace: app, backupStorageLocation: 'default', operationTimeout: '10m0s',
      },
    },
  });

  const nats = await connectNats({ name: 'ferry-demo', servers: natsUrl, logger: createLogger({ name: 'demo', level: 'warn' }) });
  try {
    const results: ExposeResult[] = [];
    const reader = ferryContracts.consumers.controllerEvents();
    await ensureConsumer(nats, reader);
    const handle = await consume(nats, { consumer: reader, routes: [streamRoute(ferryContracts.messages.exposeResult, async ({ data: event }) => void results.push(event))] });
    const operation = { kind: 'DataUpload', namespace: ferryNamespace, name: dataUpload } as const;
    await publishToStream(nats, ferryContracts.messages.exposeJob, {}, { v: 1, operation, direction: 'backup', acceptedAt: new Date().toISOString() });
    const result = await until('no expose result arrived', async () => results.find((event) => event.operation.name === dataUpload));
    await handle.stop();
    const exposed = result.exposed;
    const path = exposed ? csiVolumes(rootOf(exposed.node), exposed.podUid, exposed.pvName) : '';
    const bytesMatch = exposed ? sha256(await readFile(join(path, 'orders.db'))) === sha256(data) : false;
    return { dataUpload, result, path, bytesMatch };
  } finally {
    await nats.close();
  }
}
