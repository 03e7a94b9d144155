// Exposer overhead on the node simulator: N backup exposures published at once through the job
// handler (JetStream in, `expose.result` out). Per exposure, the total (job published → exposed
// result received) minus the simulator's own delays, observed by polling the API server: PVC
// provisioning (backupPVC first seen → Bound) and pod start (pod first seen, or its PVC bound if
// later → Running). Observation resolution is one poll (~--poll ms plus a list round trip).
// Usage: tsx tools/bench/src/exposer-bench.ts [--exposures 50] [--poll 20]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { volumeSnapshotDefinition, dataUploadDefinition, type DataUpload, type VolumeSnapshot } from '@ferry/api';
import { createFerryContracts } from '@ferry/contracts';
import { startEnvironment, terminal } from '@ferry/devenv';
import { startExposerService, type OperationRef } from '@ferry/exposer-service';
import { createCustomResourceClient, createKubeClient, type KubeClient } from '@ferry/kube';
import { createApiAccess, readApiAccessConfig } from '@ferry/service-runtime';
import { createLogger } from '@ferry/logger';
import { connectNats, consume, ensureConsumer, ensureStreams, publishToStream, streamRoute } from '@ferry/nats';

interface Observed {
  pvcSeen?: number;
  pvcBound?: number;
  podSeen?: number;
  podRunning?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

async function seed(kube: KubeClient, app: string, ferry: string, count: number): Promise<void> {
  const snapshots = createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition);
  const uploads = createCustomResourceClient<DataUpload>(kube, dataUploadDefinition);
  for (const name of [app, ferry]) await kube.core.createNamespace({ body: { metadata: { name } } });
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await kube.core.createNamespacedPersistentVolumeClaim({
        namespace: app,
        body: {
          metadata: { name: `src-${i}` },
          spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
        },
      });
      await snapshots.create({
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshot',
        metadata: { name: `snap-${i}`, namespace: app },
        spec: { source: { persistentVolumeClaimName: `src-${i}` }, volumeSnapshotClassName: 'ferry-snapclass' },
      });
      for (;;) {
        if ((await snapshots.get(app, `snap-${i}`)).status?.readyToUse === true) break;
        await sleep(100);
      }
      await uploads.create({
        apiVersion: 'velero.io/v2alpha1',
        kind: 'DataUpload',
        metadata: { name: `du-${i}`, namespace: ferry },
        spec: {
          snapshotType: 'CSI',
          csiSnapshot: { volumeSnapshot: `snap-${i}`, storageClass: 'standard', snapshotClass: 'ferry-snapclass' },
          sourcePVC: `src-${i}`,
          sourceNamespace: app,
          backupStorageLocation: 'default',
          operationTimeout: '10m',
        },
      });
    }),
  );
}

/** Polls pods and PVCs of `namespace` until `done()`, recording first-seen / Bound / Running times by name. */
async function observe(kube: KubeClient, namespace: string, pollMs: number, done: () => boolean): Promise<Map<string, Observed>> {
  const seen = new Map<string, Observed>();
  const of = (name: string) => seen.get(name) ?? seen.set(name, {}).get(name) ?? {};
  while (!done()) {
    const [pvcs, pods] = await Promise.all([
      kube.core.listNamespacedPersistentVolumeClaim({ namespace }),
      kube.core.listNamespacedPod({ namespace }),
    ]);
    const now = performance.now();
    for (const pvc of pvcs.items) {
      const o = of(pvc.metadata?.name ?? '');
      o.pvcSeen ??= now;
      if (pvc.status?.phase === 'Bound') o.pvcBound ??= now;
    }
    for (const pod of pods.items) {
      const o = of(pod.metadata?.name ?? '');
      o.podSeen ??= now;
      if (pod.status?.phase === 'Running') o.podRunning ??= now;
    }
    await sleep(pollMs);
  }
  return seen;
}

function report(label: string, values: readonly number[]): string {
  return `${label.padEnd(34)} p50 ${percentile(values, 50).toFixed(0).padStart(6)} ms   p95 ${percentile(values, 95).toFixed(0).padStart(6)} ms`;
}

type Nats = Awaited<ReturnType<typeof connectNats>>;
type Contracts = ReturnType<typeof createFerryContracts>;

/** Reads `expose.result` events into `received` (name → arrival time); throws on any outcome but exposed. */
async function collectResults(nats: Nats, contracts: Contracts, received: Map<string, number>) {
  await ensureStreams(nats, Object.values(contracts.streams));
  const reader = contracts.consumers.controllerEvents();
  await ensureConsumer(nats, reader);
  return consume(nats, {
    consumer: reader,
    routes: [
      streamRoute(contracts.messages.exposeResult, async ({ data }) => {
        if (data.outcome !== 'exposed') throw new Error(`${data.operation.name}: ${data.outcome} ${data.cause ?? ''}`);
        received.set(data.operation.name, performance.now());
      }),
    ],
  });
}

/** Publishes the `count` expose jobs at once, recording when each was sent in `published`. */
async function publishJobs(nats: Nats, contracts: Contracts, ferry: string, count: number, published: Map<string, number>): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const operation: OperationRef = { kind: 'DataUpload', namespace: ferry, name: `du-${i}` };
      published.set(operation.name, performance.now());
      await publishToStream(
        nats,
        contracts.messages.exposeJob,
        {},
        { v: 1, operation, direction: 'backup', acceptedAt: new Date().toISOString() },
      );
    }),
  );
}

interface Timings {
  readonly total: number[];
  readonly provisioning: number[];
  readonly podStart: number[];
  readonly overhead: number[];
  readonly toPvc: number[];
  readonly afterRunning: number[];
}

/** Per exposure: total, the simulator's delays, and the exposer's overhead (total minus them). */
function timingsOf(received: Map<string, number>, seen: Map<string, Observed>, published: Map<string, number>): Timings {
  const timings: Timings = { total: [], provisioning: [], podStart: [], overhead: [], toPvc: [], afterRunning: [] };
  for (const [name, at] of received) {
    const o = seen.get(name) ?? {};
    const sent = published.get(name) ?? at;
    const pvc = (o.pvcBound ?? 0) - (o.pvcSeen ?? 0);
    const pod = (o.podRunning ?? 0) - Math.max(o.podSeen ?? 0, o.pvcBound ?? 0);
    timings.total.push(at - sent);
    timings.provisioning.push(pvc);
    timings.podStart.push(pod);
    timings.overhead.push(at - sent - pvc - Math.max(0, pod));
    timings.toPvc.push((o.pvcSeen ?? at) - sent);
    timings.afterRunning.push(at - (o.podRunning ?? at));
  }
  return timings;
}

function printTimings(count: number, pollMs: number, wall: number, timings: Timings): void {
  terminal.print(
    `${count} exposures in parallel, all exposed in ${(wall / 1000).toFixed(1)} s (observation poll ${pollMs} ms, handler state poll 100 ms)`,
  );
  terminal.print(report('total (job in -> exposed out)', timings.total));
  terminal.print(report('simulator: PVC provisioning', timings.provisioning));
  terminal.print(report('simulator: pod start (to Running)', timings.podStart));
  terminal.print(report('exposer overhead (total - sim)', timings.overhead));
  terminal.print(report('  of it: job in -> backupPVC seen', timings.toPvc));
  terminal.print(report('  of it: pod Running -> exposed out', timings.afterRunning));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { exposures: { type: 'string', default: '50' }, poll: { type: 'string', default: '20' } } });
  const count = Number(values.exposures);
  const pollMs = Number(values.poll);
  const environment = await startEnvironment({});
  const logger = createLogger({ name: 'exposer-bench', level: 'warn' });
  const contracts = createFerryContracts({ namespace: 'bench-exposer' });
  const nats = await connectNats({
    name: 'exposer-bench',
    servers: environment.info.natsUrl,
    credentials: environment.info.natsTestCredentials,
    logger,
  });
  try {
    const kube = createKubeClient({ kind: 'file', kubeconfigPath: environment.info.kubeconfigPath });
    const app = 'bench-app';
    const ferry = 'bench-ferry';
    let begin = performance.now();
    await seed(kube, app, ferry, count);
    terminal.print(`seeded ${count} ready VolumeSnapshots and DataUploads in ${((performance.now() - begin) / 1000).toFixed(1)} s`);

    const received = new Map<string, number>();
    const results = await collectResults(nats, contracts, received);
    const service = await startExposerService({
      kube,
      nats,
      contracts,
      logger,
      config: { namespace: ferry, httpHost: '127.0.0.1', httpPort: 0 },
      settings: { prepareTimeoutMs: 10 * 60_000, podImage: 'velero/velero:v1.17.0' },
      // The production durable takes 16 at a time; the figure is for all of them at once.
      consumerTuning: { maxAckPending: count },
      pollIntervalMs: 100,
      // Guarded as the app is (the benchmark calls no API route).
      apiAccess: createApiAccess({ config: readApiAccessConfig(process.env), requester: kube.requester }),
    });
    const observing = observe(kube, ferry, pollMs, () => received.size >= count);
    const published = new Map<string, number>();
    begin = performance.now();
    await publishJobs(nats, contracts, ferry, count, published);
    const seen = await observing;
    const wall = performance.now() - begin;
    await service.stop();
    await results.stop();
    printTimings(count, pollMs, wall, timingsOf(received, seen, published));
  } finally {
    await nats.close();
    await environment.stop();
  }
}

main().catch(terminal.fail);
