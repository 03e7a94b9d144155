// Control-plane overhead of the data path against the real exposer, movers (one
// per simulated node, loadConcurrency high enough that every volume is in flight) and controller,
// in-process. Two rounds: 1 volume alone (the per-volume floor, `--floor-runs` times in a row) and
// N DataUploads created at once, each with tracing off and on in the same run (the floor runs
// alternate off/on; controller-bench-tracing.ts), printed side by side and as on ÷ off ratios —
// with this process's CPU time per DataUpload (every service runs in it; the span export counted),
// the figure least disturbed by other load on a shared machine.
// Per volume: each stage of its life as observed from outside
// (controller-bench-stages.ts), created → Completed minus the mover's own time (move result
// completedAt − startedAt), writes to each DataUpload (update events of a watch; the controller
// is the only writer), and the machine's load over each round.
// Usage: tsx tools/bench/src/controller-bench.ts [--volumes 50] [--bytes 1048576] [--floor-runs 3] [--exposer-max-ack-pending N]
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { volumeSnapshotDefinition, type VolumeSnapshot } from '@ferry/api';
import { createFerryContracts } from '@ferry/contracts';
import { readControllerServiceSettings, startControllerService } from '@ferry/controller-service';
import { createMinioStorageLocation, startEnvironment, terminal } from '@ferry/devenv';
import { startExposerService } from '@ferry/exposer-service';
import { createCustomResourceClient, createKubeClient, type KubeClient } from '@ferry/kube';
import { createApiAccess, readApiAccessConfig } from '@ferry/service-runtime';
import { createLogger } from '@ferry/logger';
import { startMoverService } from '@ferry/mover-service';
import { connectNats, ensureStreams } from '@ferry/nats';
import { startControllerBenchProbe } from './controller-bench-probe';
import { poolRounds, runRound, type RoundResult } from './controller-bench-round';
import { formatRounds, formatTracingRatios, type TracingComparison } from './controller-bench-stages';
import { benchTracing, type BenchTracing } from './controller-bench-tracing';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
async function seedVolume(
  kube: KubeClient,
  nodes: readonly { name: string; root: string }[],
  app: string,
  index: number,
  bytes: number,
): Promise<void> {
  const snapshots = createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition);
  const claim = `src-${index}`;
  await kube.core.createNamespacedPersistentVolumeClaim({
    namespace: app,
    body: {
      metadata: { name: claim },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
    },
  });
  const writer = `writer-${index}`;
  await kube.core.createNamespacedPod({
    namespace: app,
    body: {
      metadata: { name: writer },
      spec: { containers: [{ name: 'w', image: 'busybox:1.37' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: claim } }] },
    },
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
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshot',
    metadata: { name: `snap-${index}`, namespace: app },
    spec: { source: { persistentVolumeClaimName: claim }, volumeSnapshotClassName: 'ferry-snapclass' },
  });
  await until(
    async () => ((await snapshots.get(app, `snap-${index}`)).status?.readyToUse === true ? true : undefined),
    `snapshot ${index}`,
  );
}

type EnvironmentInfo = Awaited<ReturnType<typeof startEnvironment>>['info'];

/** What the services of the bench share. */
interface BenchWiring {
  readonly kube: KubeClient;
  readonly nats: Awaited<ReturnType<typeof connectNats>>;
  readonly contracts: ReturnType<typeof createFerryContracts>;
  readonly logger: ReturnType<typeof createLogger>;
  readonly info: EnvironmentInfo;
  readonly ferry: string;
}

/** Which seeded volumes each round uses: `count` for each of the two many-volume rounds, one per floor run and setting. */
interface VolumeLayout {
  readonly many: Readonly<Record<'off' | 'on', number[]>>;
  /** Floor run k uses `floor[k]`, off then on. */
  readonly floor: readonly Readonly<Record<'off' | 'on', number>>[];
}

function volumeLayout(count: number, floorRuns: number): VolumeLayout {
  const range = (from: number, length: number): number[] => Array.from({ length }, (_, i) => from + i);
  return {
    many: { off: range(0, count), on: range(count, count) },
    floor: range(0, floorRuns).map((k) => ({ off: 2 * count + 2 * k, on: 2 * count + 2 * k + 1 })),
  };
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      volumes: { type: 'string', default: '50' },
      bytes: { type: 'string', default: String(1024 * 1024) },
      'floor-runs': { type: 'string', default: '3' },
      'exposer-max-ack-pending': { type: 'string' },
    },
  });
  const count = Number(values.volumes);
  // Exposures in flight (the exposer consumer's maxAckPending); default: the contract's value.
  const exposerTuning = values['exposer-max-ack-pending'] ? { maxAckPending: Number(values['exposer-max-ack-pending']) } : {};
  return { count, bytes: Number(values.bytes), layout: volumeLayout(count, Number(values['floor-runs'])), exposerTuning };
}

/** Namespaces, BSL, node-agent config (loadConcurrency per node) and the seeded volumes; returns the per-node concurrency. */
async function prepareCluster(wiring: BenchWiring, app: string, count: number, bytes: number, layout: VolumeLayout): Promise<number> {
  const { kube, info, ferry } = wiring;
  for (const name of [ferry, app]) await kube.core.createNamespace({ body: { metadata: { name } } }).catch(() => undefined);
  await createMinioStorageLocation(kube, info.s3, { namespace: ferry, prefix: 'controller-bench', isDefault: true });
  const perNode = Math.ceil(count / info.nodes.length) + 1;
  await kube.core.createNamespacedConfigMap({
    namespace: ferry,
    body: { metadata: { name: 'node-agent' }, data: { 'config.json': JSON.stringify({ loadConcurrency: { globalConfig: perNode } }) } },
  });
  const seeded = [...layout.many.off, ...layout.many.on, ...layout.floor.flatMap((f) => [f.off, f.on])];
  terminal.note(`seeding ${seeded.length} volumes of ${bytes} bytes`);
  for (let i = 0; i < seeded.length; i += 10)
    await Promise.all(seeded.slice(i, i + 10).map((v) => seedVolume(kube, info.nodes, app, v, bytes)));
  return perNode;
}

/** Exposer, one mover per node (work folders appended to `workDirs` for the caller to remove) and controller, in start order. */
async function startServices(
  wiring: BenchWiring,
  exposerTuning: { maxAckPending?: number },
  workDirs: string[],
): Promise<{ stop(): Promise<void> }[]> {
  const { kube, nats, contracts, logger, info, ferry } = wiring;
  const config = { namespace: ferry, httpHost: '127.0.0.1', httpPort: 0 };
  // Guarded as the apps are (the benchmark calls no API route).
  const apiAccess = createApiAccess({ config: readApiAccessConfig(process.env), requester: kube.requester });
  const services: { stop(): Promise<void> }[] = [];
  services.push(
    await startExposerService({
      kube,
      nats,
      contracts,
      logger,
      config,
      settings: { prepareTimeoutMs: 600_000, podImage: 'ferry/ferry:bench', nodeAgentConfigMap: 'node-agent' },
      consumerTuning: exposerTuning,
      apiAccess,
    }),
  );
  for (const node of info.nodes) {
    const workDir = await mkdtemp(join(tmpdir(), `ferry-controller-bench-${node.name}-`));
    workDirs.push(workDir);
    const settings = {
      nodeName: node.name,
      kubeletRoot: node.root,
      workDir,
      resticBinary: info.binaries.restic,
      kopiaBinary: info.binaries.kopia,
      nodeAgentConfigMap: 'node-agent',
    };
    services.push(await startMoverService({ kube, nats, contracts, logger, config, settings, apiAccess }));
  }
  const settings = readControllerServiceSettings({ FERRY_CONTROLLER_RESYNC: '5s' });
  services.push(await startControllerService({ kube, nats, contracts, logger, config, settings, apiAccess }));
  return services;
}

type RoundSetup = Parameters<typeof runRound>[0];
interface TitledRound {
  readonly title: string;
  readonly result: RoundResult;
}

/** Tracing off or on; every shape runs off first. */
type Setting = 'off' | 'on';
const settings: readonly Setting[] = ['off', 'on'];

/** A round and the CPU time this process (every service of the bench) spent on it. */
interface CpuRound {
  readonly result: RoundResult;
  readonly cpuMs: number;
}

/**
 * Runs one round with tracing switched to `setting`, and measures this process's CPU time (user +
 * system) from the start of the round until its spans are exported (tracing is switched off again
 * after each round: the SDK's shutdown flushes them), so the export's own cost is counted.
 */
async function roundWith(tracing: BenchTracing, setting: Setting, run: () => Promise<RoundResult>): Promise<CpuRound> {
  if (setting === 'on') tracing.on();
  const before = process.cpuUsage();
  const result = await run();
  await tracing.off();
  const used = process.cpuUsage(before);
  return { result, cpuMs: (used.user + used.system) / 1000 };
}

/** One shape of round (1 alone, pooled over the floor runs; or many at once) measured off and on. */
interface RoundShape {
  readonly title: string;
  /** The column title of the shape with tracing `setting`. */
  readonly column: (setting: Setting) => string;
  readonly round: (setting: Setting) => CpuRound;
  /** DataUploads the shape's rounds moved, per setting. */
  readonly volumes: number;
}

/** What {@link runRounds} measured: the rounds side by side, and each shape with tracing off against on. */
interface MeasuredRounds {
  readonly rounds: readonly (TitledRound & { readonly cpuMsPerVolume: number })[];
  readonly comparisons: readonly TracingComparison[];
}

/** The floor rounds (1 alone, off then on, pooled per setting) and the rounds of `count` at once, off then on. */
async function runRounds(setup: RoundSetup, tracing: BenchTracing, layout: VolumeLayout): Promise<MeasuredRounds> {
  // No warm-up upload: the first round starts on a repository that does not exist yet, and the
  // movers agree on its creator (the mover's repository claim); its creation is mover time.
  const singles: Record<Setting, CpuRound[]> = { off: [], on: [] };
  for (const volumes of layout.floor) {
    for (const setting of settings) {
      terminal.note(`floor: 1 DataUpload alone, tracing ${setting} (volume ${volumes[setting]})`);
      singles[setting].push(await roundWith(tracing, setting, () => runRound(setup, `floor-${setting}`, [volumes[setting]])));
    }
  }
  const many = {} as Record<Setting, CpuRound>;
  for (const setting of settings) {
    terminal.note(`creating ${layout.many[setting].length} DataUploads at once, tracing ${setting}`);
    many[setting] = await roundWith(tracing, setting, () => runRound(setup, `du-${setting}`, layout.many[setting]));
  }
  const count = layout.many.on.length;
  const runs = layout.floor.length;
  const floor = (setting: Setting): CpuRound => ({
    result: poolRounds(
      setup,
      `floor-${setting}`,
      layout.floor.map((f) => f[setting]),
      singles[setting].map((r) => r.result),
    ),
    cpuMs: singles[setting].reduce((sum, r) => sum + r.cpuMs, 0),
  });
  const shapes: readonly RoundShape[] = [
    ...(runs > 0 ? [{ title: '1 in flight', column: (s: Setting) => `1 in flight ${s} (×${runs})`, round: floor, volumes: runs }] : []),
    { title: `${count} in flight`, column: (s: Setting) => `${count} in flight, ${s}`, round: (s: Setting) => many[s], volumes: count },
  ];
  return {
    rounds: shapes.flatMap((shape) =>
      settings.map((setting) => {
        const { result, cpuMs } = shape.round(setting);
        return { title: shape.column(setting), result, cpuMsPerVolume: cpuMs / shape.volumes };
      }),
    ),
    comparisons: shapes.map((shape) => ({
      title: shape.title,
      off: shape.round('off').result.figures,
      on: shape.round('on').result.figures,
      cpuMsPerVolume: { off: shape.round('off').cpuMs / shape.volumes, on: shape.round('on').cpuMs / shape.volumes },
    })),
  };
}

function printRounds(heading: string, { rounds, comparisons }: MeasuredRounds): void {
  terminal.print(heading);
  for (const line of formatRounds(rounds.map((r) => ({ title: r.title, figures: r.result.figures, cpuMsPerVolume: r.cpuMsPerVolume }))))
    terminal.print(`  ${line}`);
  for (const line of formatTracingRatios(comparisons)) terminal.print(`  ${line}`);
  for (const r of rounds) {
    terminal.print(
      `  machine during ${r.title}: load average (1 min) ${r.result.load[0].toFixed(1)} → ${r.result.load[1].toFixed(1)}, CPU busy ${Math.round(r.result.cpuBusy * 100)} % (all processes)`,
    );
  }
}

async function main(): Promise<void> {
  const { count, bytes, layout, exposerTuning } = parseOptions();
  const env = await startEnvironment({ onProgress: (line) => terminal.note(line) });
  const workDirs: string[] = [];
  try {
    const { info } = env;
    const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
    const contracts = createFerryContracts({ namespace: 'bench' });
    const logger = createLogger({ name: 'controller-bench', level: 'error' });
    const nats = await connectNats({ name: 'controller-bench', servers: info.natsUrl, credentials: info.natsTestCredentials, logger });
    await ensureStreams(nats, Object.values(contracts.streams));
    const wiring: BenchWiring = { kube, nats, contracts, logger, info, ferry: 'velero' };
    const app = 'bench-app';
    const perNode = await prepareCluster(wiring, app, count, bytes, layout);
    const services = await startServices(wiring, exposerTuning, workDirs);

    const probe = await startControllerBenchProbe(kube, nats, contracts, wiring.ferry);
    probe.onFailed((name, message) => terminal.note(`${name} failed: ${message}`));
    const tracing = benchTracing(info.jaeger.otlpUrl, logger);
    const setup = { kube, probe, namespace: wiring.ferry, appNamespace: app, traced: tracing.traced };
    const measured = await runRounds(setup, tracing, layout);
    const exposures = exposerTuning.maxAckPending ?? contracts.consumers.exposer().maxAckPending;
    printRounds(
      `controller bench: DataUploads of ${bytes} bytes, ${info.nodes.length} nodes, loadConcurrency ${perNode}/node, exposures in flight ≤ ${exposures}, ${availableParallelism()} CPUs`,
      measured,
    );
    await probe.stop();
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
