// Control-plane overhead of the data path (issue 6 figures): N DataUploads created at once against
// the real exposer, movers (one per simulated node, loadConcurrency high enough that every volume is
// in flight) and controller, in-process. Per volume: DataUpload created → Completed (seen by a
// watch), minus the mover's own transfer time (the move result's completedAt − startedAt); and the
// number of writes to each DataUpload (update events of the watch; the controller is the only writer).
// Usage: tsx tools/bench/src/controller-bench.ts [--volumes 50] [--bytes 1048576]
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  backupStorageLocationDefinition, dataUploadDefinition, volumeSnapshotDefinition, type BackupStorageLocation, type DataUpload, type VolumeSnapshot,
} from '@ferry/api';
import { createFerryContracts, defineConsumer, type MessageOf } from '@ferry/contracts';
import { readControllerServiceSettings, startControllerService } from '@ferry/controller-service';
import { startEnvironment, terminal } from '@ferry/devenv';
import { startExposerService } from '@ferry/exposer-service';
import { createCustomResourceClient, createInformer, createKubeClient, type KubeClient } from '@ferry/kube';
import { createLogger } from '@ferry/logger';
import { startMoverService } from '@ferry/mover-service';
import { connectNats, consume, ensureConsumer, ensureStreams, streamRoute } from '@ferry/nats';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** A claim holding `bytes` random bytes, written through a writer pod's kubelet path, and its ready VolumeSnapshot. */
async function seedVolume(kube: KubeClient, nodes: readonly { name: string; root: string }[], app: string, index: number, bytes: number): Promise<void> {
  const snapshots = createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition);
  const claim = `src-${index}`;
  await kube.core.createNamespacedPersistentVolumeClaim({
    namespace: app, body: { metadata: { name: claim }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } } },
  });
  const writer = `writer-${index}`;
  await kube.core.createNamespacedPod({
    namespace: app,
    body: { metadata: { name: writer }, spec: { containers: [{ name: 'w', image: 'busybox:1.37' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: claim } }] } },
  });
  const pod = await until(async () => {
    const current = await kube.core.readNamespacedPod({ namespace: app, name: writer });
    return current.status?.phase === 'Running' ? current : undefined;
  }, `writer ${index}`);
  const pv = (await kube.core.readNamespacedPersistentVolumeClaim({ namespace: app, name: claim })).spec?.volumeName ?? '';
  const root = nodes.find((n) => n.name === pod.spec?.nodeName)?.root ?? '';
  const mount = join(root, 'pods', pod.metadata?.uid ?? '', 'volumes', 'kubernetes.io~csi', pv, 'mount');
  await mkdir(mount, { recursive: true });
  await writeFile(join(mount, 'data.bin'), randomBytes(bytes));
  await kube.core.deleteNamespacedPod({ namespace: app, name: writer, gracePeriodSeconds: 0 });
  await snapshots.create({
    apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: `snap-${index}`, namespace: app },
    spec: { source: { persistentVolumeClaimName: claim }, volumeSnapshotClassName: 'ferry-snapclass' },
  });
  await until(async () => ((await snapshots.get(app, `snap-${index}`)).status?.readyToUse === true ? true : undefined), `snapshot ${index}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { volumes: { type: 'string', default: '50' }, bytes: { type: 'string', default: String(1024 * 1024) } } });
  const count = Number(values.volumes);
  const bytes = Number(values.bytes);
  const env = await startEnvironment({ onProgress: (line) => terminal.note(line) });
  const workDirs: string[] = [];
  try {
    const { info } = env;
    const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
    const contracts = createFerryContracts({ namespace: 'bench' });
    const logger = createLogger({ name: 'controller-bench', level: 'error' });
    const nats = await connectNats({ name: 'controller-bench', servers: info.natsUrl, logger });
    await ensureStreams(nats, Object.values(contracts.streams));
    const ferry = 'velero';
    const app = 'bench-app';
    for (const name of [ferry, app]) await kube.core.createNamespace({ body: { metadata: { name } } }).catch(() => undefined);
    await kube.core.createNamespacedSecret({
      namespace: ferry,
      body: { metadata: { name: 'minio' }, stringData: { cloud: `[default]\naws_access_key_id=${info.s3.accessKeyId}\naws_secret_access_key=${info.s3.secretAccessKey}\n` } },
    });
    await createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition).create({
      apiVersion: 'velero.io/v1', kind: 'BackupStorageLocation', metadata: { name: 'default', namespace: ferry },
      spec: { provider: 'aws', objectStorage: { bucket: info.s3.bucket, prefix: 'controller-bench' }, config: { region: info.s3.region, s3Url: info.s3.endpoint }, credential: { name: 'minio', key: 'cloud' } },
    });
    const perNode = Math.ceil(count / info.nodes.length) + 1;
    await kube.core.createNamespacedConfigMap({ namespace: ferry, body: { metadata: { name: 'node-agent' }, data: { 'config.json': JSON.stringify({ loadConcurrency: { globalConfig: perNode } }) } } });
    terminal.note(`seeding ${count} volumes of ${bytes} bytes`);
    for (let i = 0; i < count; i += 10) await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, k) => seedVolume(kube, info.nodes, app, i + k, bytes)));

    const config = { namespace: ferry, httpHost: '127.0.0.1', httpPort: 0 };
    const services: { stop(): Promise<void> }[] = [];
    services.push(await startExposerService({ kube, nats, contracts, logger, config, settings: { prepareTimeoutMs: 600_000, podImage: 'ferry/ferry:bench', nodeAgentConfigMap: 'node-agent' } }));
    for (const node of info.nodes) {
      const workDir = await mkdtemp(join(tmpdir(), `ferry-controller-bench-${node.name}-`));
      workDirs.push(workDir);
      services.push(await startMoverService({
        kube, nats, contracts, logger, config,
        settings: { nodeName: node.name, kubeletRoot: node.root, workDir, resticBinary: info.binaries.restic, kopiaBinary: info.binaries.kopia, nodeAgentConfigMap: 'node-agent' },
      }));
    }
    services.push(await startControllerService({ kube, nats, contracts, logger, config, settings: readControllerServiceSettings({ FERRY_CONTROLLER_RESYNC: '5s' }) }));

    // The mover's own time, from the results (a separate durable: the controller's reads them too).
    const moverMs = new Map<string, number>();
    const reader = defineConsumer({
      stream: contracts.streams.events, durableName: 'bench-move-results', description: 'bench: move results',
      filterSubjects: [contracts.subjects.moveResult.wildcard], ackWaitMs: 30_000, maxDeliver: -1, maxAckPending: 256,
    });
    await ensureConsumer(nats, reader);
    const results = await consume(nats, {
      consumer: reader,
      routes: [streamRoute(contracts.messages.moveResult, async ({ data }: { data: MessageOf<typeof contracts.messages.moveResult> }) => {
        if (data.outcome === 'completed') moverMs.set(data.operation.name, Date.parse(data.completedAt) - Date.parse(data.startedAt));
      })],
    });
    // Writes per DataUpload and the instant each is seen Completed.
    const writes = new Map<string, number>();
    const completedAt = new Map<string, number>();
    const watch = createInformer<DataUpload>(kube, dataUploadDefinition, { namespace: ferry });
    await watch.synced;
    watch.on('update', (du) => {
      const name = du.metadata?.name ?? '';
      writes.set(name, (writes.get(name) ?? 0) + 1);
      if (du.status?.phase === 'Completed' && !completedAt.has(name)) completedAt.set(name, performance.now());
      if (du.status?.phase === 'Failed') terminal.note(`${name} failed: ${du.status.message ?? ''}`);
    });

    const uploads = createCustomResourceClient<DataUpload>(kube, dataUploadDefinition);
    // The first upload creates the repository (alone: concurrent first use from two movers is the
    // mover's concern); it is not measured.
    await seedVolume(kube, info.nodes, app, count, bytes);
    await uploads.create({
      apiVersion: 'velero.io/v2alpha1', kind: 'DataUpload', metadata: { name: 'warm-up', namespace: ferry },
      spec: {
        snapshotType: 'CSI', csiSnapshot: { volumeSnapshot: `snap-${count}`, storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
        sourcePVC: `src-${count}`, sourceNamespace: app, backupStorageLocation: 'default', operationTimeout: '10m',
      },
    });
    await until(async () => (completedAt.has('warm-up') ? true : undefined), 'the warm-up DataUpload', 300_000);
    const createdAt = new Map<string, number>();
    terminal.note(`creating ${count} DataUploads at once`);
    const started = performance.now();
    await Promise.all(Array.from({ length: count }, async (_, i) => {
      createdAt.set(`du-${i}`, performance.now());
      await uploads.create({
        apiVersion: 'velero.io/v2alpha1', kind: 'DataUpload', metadata: { name: `du-${i}`, namespace: ferry },
        spec: {
          snapshotType: 'CSI', csiSnapshot: { volumeSnapshot: `snap-${i}`, storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
          sourcePVC: `src-${i}`, sourceNamespace: app, backupStorageLocation: 'default', operationTimeout: '10m',
        },
      });
    }));
    const measured = () => [...createdAt.keys()].filter((n) => completedAt.has(n) && moverMs.has(n)).length;
    await until(async () => (measured() === count ? true : undefined), 'every DataUpload Completed', 1_800_000);
    const wall = performance.now() - started;
    await sleep(1500);

    const names = [...createdAt.keys()];
    const total = names.map((n) => (completedAt.get(n) ?? 0) - (createdAt.get(n) ?? 0));
    const mover = names.map((n) => moverMs.get(n) ?? 0);
    const overhead = names.map((n, i) => (total[i] ?? 0) - (moverMs.get(n) ?? 0));
    const writeCounts = names.map((n) => writes.get(n) ?? 0);
    const ms = (v: number) => `${Math.round(v)} ms`;
    terminal.print(`controller bench: ${count} DataUploads of ${bytes} bytes in flight at once, 2 nodes, loadConcurrency ${perNode}/node; wall ${ms(wall)}`);
    terminal.print(`  created → Completed:  p50 ${ms(percentile(total, 50))}  p95 ${ms(percentile(total, 95))}`);
    terminal.print(`  mover's own transfer: p50 ${ms(percentile(mover, 50))}  p95 ${ms(percentile(mover, 95))}`);
    terminal.print(`  control-plane overhead (created → Completed minus transfer): p50 ${ms(percentile(overhead, 50))}  p95 ${ms(percentile(overhead, 95))}`);
    terminal.print(`  status writes per DataUpload: min ${Math.min(...writeCounts)}  median ${percentile(writeCounts, 50)}  max ${Math.max(...writeCounts)}  (update events seen by a watch)`);
    await results.stop();
    await watch.stop();
    for (const service of services.reverse()) await service.stop();
    await nats.close();
  } finally {
    for (const dir of workDirs) await rm(dir, { recursive: true, force: true });
    await env.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => terminal.fail(error),
);
