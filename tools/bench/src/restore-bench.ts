// Figures of the resource restore (issue 12): the backup bench's 5,000-item set (2,500 ConfigMaps,
// 2,500 Secrets, 50 Deployments, 50 Services over 50 namespaces) backed up by Ferry's collection,
// then restored into new namespaces of the real API server by Ferry's Restore controller running
// alone in a child process — wall time, items/s, API requests, the controller's peak RSS, 429
// answers, the CPU the controller, the API server and etcd spent — beside the floor (the same
// objects created with bounded parallel creates, no restore logic) and Velero 1.18.3's figure on
// this kind of machine; then the controller's peak RSS at 1,000, 20,000 (and with --max-items
// 50000, 50,000) items. Prints, never asserts.
// Usage: tsx tools/bench/src/restore-bench.ts [--parallel 16] [--runs 3] [--max-items 20000] [--cpu-prof-dir <dir>]
//   [--floor-client-us <µs>]
// (--cpu-prof-dir: the controller process writes a V8 CPU profile there when it exits;
// --floor-client-us: a diagnostic floor whose client spends that much CPU before each create, to
// see what a busier client alone costs the API server and the wall time.)
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startEnvironment, terminal, type Environment } from '@ferry/devenv';
import { createKubeClient, type KubeClient } from '@ferry/kube';
import { createS3ObjectStore, type ObjectStore } from '@ferry/object-store';
import { storageLocationPlan } from '@ferry/storage-location';
import { growDataset, seedNamespaces, type DatasetSize } from './backup-bench-dataset';
import { startRestoreBenchController, type ControllerFigures, type RestoreBenchController } from './restore-bench-process';
import { withServerCpu, type ServerCpu } from './server-cpu';
import {
  clearTargets,
  createBenchLocation,
  floorWork,
  mappingOf,
  runBenchRestore,
  runFloor,
  writeBenchBackup,
  type TimedRestore,
} from './restore-bench-world';

/** Velero 1.18.3 on this kind of machine against the same environment (issue 12): 5,101 items in 107.5 s. */
const veleroItemsPerSecond = 47.5;
const targetItemsPerSecond = veleroItemsPerSecond * 10;
const targetFloorRatio = 0.8;
const veleroNamespace = 'velero';

interface Measured {
  readonly timed: TimedRestore;
  readonly controller: ControllerFigures;
  readonly items: number;
  /** What the API server and etcd used during the restore. */
  readonly servers: ServerCpu;
}

interface FloorRun {
  readonly seconds: number;
  readonly requests: number;
  readonly cpuSeconds: number;
  readonly inFlight: number;
  /** What the API server and etcd used during the floor. */
  readonly servers: ServerCpu;
}

interface Bench {
  readonly kube: KubeClient;
  readonly store: ObjectStore;
  readonly controller: RestoreBenchController;
  readonly sources: readonly string[];
  readonly parallel: number;
  /** CPU the floor's client spends before each create, µs (`--floor-client-us`; 0 for the true floor). */
  readonly floorClientUs: number;
  /** The environment (its servers' pids). */
  readonly environment: Environment;
  run: number;
}

const mib = (value: number) => `${value.toFixed(0)} MiB`;
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Restores `backupName` into fresh namespaces with the controller's figures over the run; clears the targets after. */
async function measureRestore(bench: Bench, backupName: string): Promise<Measured> {
  const name = `bench-restore-${++bench.run}`;
  const mapping = mappingOf(bench.sources, `r${bench.run}`);
  bench.controller.begin();
  const { result: timed, servers } = await withServerCpu(bench.environment, () =>
    runBenchRestore(bench.kube, veleroNamespace, name, backupName, mapping),
  );
  const controller = await bench.controller.end();
  await clearTargets(bench.kube.requester, mapping);
  return { timed, controller, items: timed.restore.status?.progress?.itemsRestored ?? 0, servers };
}

/** The floor over fresh namespaces; clears the targets after. */
async function measureFloor(bench: Bench): Promise<FloorRun> {
  const mapping = mappingOf(bench.sources, `f${++bench.run}`);
  const work = await floorWork(bench.kube.requester, mapping);
  const { result: floor, servers } = await withServerCpu(bench.environment, () =>
    runFloor(bench.kube.requester, mapping, work, bench.parallel, bench.floorClientUs),
  );
  await clearTargets(bench.kube.requester, mapping);
  return { ...floor, servers };
}

/** The 5,000-item figures: `runs` restores and floors alternated (medians), and the ratios. */
async function printFigures(bench: Bench, backupName: string, first: Measured, runs: number): Promise<void> {
  const restores = [first];
  const floors = [await measureFloor(bench)];
  for (let i = 1; i < runs; i++) {
    restores.push(await measureRestore(bench, backupName));
    floors.push(await measureFloor(bench));
  }
  const seconds = median(restores.map((run) => run.timed.seconds));
  const floor = median(floors.map((run) => run.seconds));
  const rate = first.items / seconds;
  const floorRate = (floors[0]?.requests ?? 0) / floor;
  const status = first.timed.restore.status;
  terminal.print(
    `restore of ${first.items} items (50 Namespaces, 50 Deployments, 50 Services, 2500 ConfigMaps, 2500 Secrets) by the Restore controller, ${bench.parallel} creates at once; load average ${loadavg()[0]?.toFixed(1)} on this machine`,
  );
  terminal.print(`  phase ${first.timed.phase}, errors ${status?.errors ?? 0}, warnings ${status?.warnings ?? 0}`);
  terminal.print(`  wall time ${seconds.toFixed(2)} s (median of ${restores.map((run) => run.timed.seconds.toFixed(2)).join(', ')})`);
  const at = (value: number | undefined) => (value === undefined ? '?' : `${value.toFixed(1)} s`);
  const { inProgress, firstItem, itemsDone } = first.timed.stages;
  terminal.print(
    `  first run seen from outside: InProgress at ${at(inProgress)}, first item counted at ${at(firstItem)}, every item restored at ${at(itemsDone)}, ${first.timed.phase} at ${at(first.timed.seconds)}`,
  );
  terminal.print(
    `  ${rate.toFixed(0)} items/s = ${(rate / veleroItemsPerSecond).toFixed(1)}x Velero 1.18.3 (${veleroItemsPerSecond} items/s; target >= ${targetItemsPerSecond} items/s)`,
  );
  terminal.print(
    `  controller: ${first.controller.requests} API requests (${(first.controller.requests / first.items).toFixed(2)} per item; the floor: 1 create each), ${first.controller.throttled} answers 429, peak RSS ${mib(first.controller.peakMiB)} (${mib(first.controller.startMiB)} before the restore)`,
  );
  const restoreCpu = median(restores.map((run) => run.controller.cpuSeconds));
  const floorCpu = median(floors.map((run) => run.cpuSeconds));
  const restoreFlight = median(restores.map((run) => run.controller.createsInFlight));
  const floorFlight = median(floors.map((run) => run.inFlight));
  terminal.print(
    `  creates in flight on average (medians): the controller ${restoreFlight.toFixed(1)}, the floor ${floorFlight.toFixed(1)} (of ${bench.parallel})`,
  );
  const perItem = (cpuSeconds: number, items: number) => `${((cpuSeconds * 1000) / items).toFixed(2)} ms per item`;
  terminal.print(
    `  CPU (medians): the controller ${restoreCpu.toFixed(2)} s per run (${perItem(restoreCpu, first.items)}), the floor's process ${floorCpu.toFixed(2)} s (${perItem(floorCpu, floors[0]?.requests ?? 1)})`,
  );
  terminal.print(
    `  floor (${floors[0]?.requests} bounded parallel creates, ${bench.parallel} at once, no restore logic${bench.floorClientUs > 0 ? `, ${bench.floorClientUs} µs of client CPU before each` : ''}): ${floor.toFixed(2)} s (median of ${floors.map((run) => run.seconds.toFixed(2)).join(', ')}), ${floorRate.toFixed(0)} objects/s`,
  );
  const apiServer = (runs: readonly { servers: ServerCpu }[]) => median(runs.map((run) => run.servers['kube-apiserver']));
  const etcd = (runs: readonly { servers: ServerCpu }[]) => median(runs.map((run) => run.servers.etcd));
  terminal.print(
    `  servers' CPU (medians, s): API server ${apiServer(restores).toFixed(2)} during the restore, ${apiServer(floors).toFixed(2)} during the floor; etcd ${etcd(restores).toFixed(2)} and ${etcd(floors).toFixed(2)}`,
  );
  // Controller, API server and etcd share the machine's cores: CPU spent beyond the floor's is wall time.
  const beyond = {
    controller: restoreCpu - floorCpu,
    apiServer: apiServer(restores) - apiServer(floors),
    etcd: etcd(restores) - etcd(floors),
  };
  const beyondTotal = beyond.controller + beyond.apiServer + beyond.etcd;
  const cores = availableParallelism();
  const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(2)} s`;
  terminal.print(
    `  CPU beyond the floor's: controller ${signed(beyond.controller)}, API server ${signed(beyond.apiServer)}, etcd ${signed(beyond.etcd)}; ${beyondTotal.toFixed(2)} s over ${cores} cores is ${(beyondTotal / cores).toFixed(2)} s of wall time (the wall times differ by ${(seconds - floor).toFixed(2)} s)`,
  );
  const target =
    bench.floorClientUs > 0 ? 'the diagnostic floor: the target is read without --floor-client-us' : `target >= ${targetFloorRatio}`;
  terminal.print(`  restore / floor = ${(floor / seconds).toFixed(2)} of the floor's rate (${target})`);
}

const steps: { label: string; size: DatasetSize; items: number }[] = [
  { label: '1,000', size: { configMaps: 450, secrets: 450 }, items: 1_000 },
  { label: '5,000', size: { configMaps: 2500, secrets: 2500 }, items: 5_000 },
  { label: '20,000', size: { configMaps: 9950, secrets: 9950 }, items: 20_000 },
  { label: '50,000', size: { configMaps: 24950, secrets: 24950 }, items: 50_000 },
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      parallel: { type: 'string', default: '16' },
      runs: { type: 'string', default: '3' },
      'max-items': { type: 'string', default: '20000' },
      'cpu-prof-dir': { type: 'string' },
      'floor-client-us': { type: 'string', default: '0' },
    },
  });
  const parallel = Number(values.parallel);
  const floorClientUs = Number(values['floor-client-us']);
  if (!Number.isFinite(floorClientUs) || floorClientUs < 0) {
    throw new Error(
      `--floor-client-us ${values['floor-client-us']}: give the client CPU per create in µs, a number >= 0 (0: the true floor)`,
    );
  }
  terminal.note('starting the development environment…');
  const environment = await startEnvironment({ nodeSimulator: false });
  let controller: RestoreBenchController | undefined;
  try {
    const { info } = environment;
    const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
    const prefix = `restore-bench-${Date.now()}`;
    const spec = {
      provider: 'aws',
      objectStorage: { bucket: info.s3.bucket, prefix },
      config: { s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
    };
    const store = createS3ObjectStore(storageLocationPlan({ metadata: {}, spec }, 'bench'), info.s3);
    await createBenchLocation(kube, info, veleroNamespace, prefix);
    const sources = Array.from({ length: 50 }, (_, i) => `bench-${String(i).padStart(2, '0')}`);
    await seedNamespaces(kube, sources);
    controller = await startRestoreBenchController({
      kubeconfigPath: info.kubeconfigPath,
      natsUrl: info.natsUrl,
      natsCredentials: info.natsTestCredentials,
      namespace: veleroNamespace,
      parallel,
      cpuProfileDir: values['cpu-prof-dir'],
    });
    const bench: Bench = { kube, store, controller, sources, parallel, floorClientUs, environment, run: 0 };
    let size: DatasetSize = { configMaps: 0, secrets: 0 };
    const memory: string[] = [];
    for (const step of steps.filter((candidate) => candidate.items <= Number(values['max-items']))) {
      terminal.note(`seeding to ${step.label} items and backing them up…`);
      await growDataset(kube, sources, size, step.size);
      size = step.size;
      const backupName = `bench-${step.items}`;
      await writeBenchBackup(kube, store, veleroNamespace, backupName, sources);
      terminal.note(`restoring ${step.label} items…`);
      const run = await measureRestore(bench, backupName);
      // Printed as soon as measured, so a long run stopped early keeps what it measured.
      memory.push(
        `${step.label} items: controller peak RSS ${mib(run.controller.peakMiB)} (${mib(run.controller.startMiB)} before; V8 heap after the run and a full GC ${mib(run.controller.heapAfterGcMiB)}), ${run.items} items in ${run.timed.seconds.toFixed(2)} s (${(run.items / run.timed.seconds).toFixed(0)} items/s, ${run.controller.throttled} answers 429)`,
      );
      terminal.print(`memory: ${memory.at(-1)}`);
      if (step.items === 5_000) await printFigures(bench, backupName, run, Number(values.runs));
    }
    terminal.print('memory (peak RSS of the controller process, which runs only the restore service):');
    for (const line of memory) terminal.print(`  ${line}`);
    store.close();
  } finally {
    await controller?.stop();
    await environment.stop();
  }
}

main().catch(terminal.fail);
