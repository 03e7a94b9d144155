// Figures of the resource collection (issue 11): a backup of 5,000 items over 50 namespaces
// (2,500 ConfigMaps, 2,500 Secrets, 50 Deployments, 50 Services) against the real API server and
// MinIO — wall time, items/s, API requests, peak RSS, tarball bytes, this process's CPU time —
// beside the floor (the same objects LISTed with the same page size), backups and floors taking
// turns so the machine's load weighs on both alike; the client's own share (recorded answers
// replayed, no server); then peak RSS at 1,000 and 20,000 items.
// Usage: tsx tools/bench/src/backup-bench.ts [--page-size 500] [--workers 8] [--rounds 3]
//   [--quick (the 5,000-item step only)] [--profile <file> (a CPU profile of one more backup)]
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Backup } from '@ferry/api';
import { startEnvironment, terminal } from '@ferry/devenv';
import { createKubeClient, silentLogger, type KubeClient } from '@ferry/kube';
import { createS3ObjectStore, type ObjectStore } from '@ferry/object-store';
import { createResourceBackup, type ResourceBackupResult } from '@ferry/resource-backup';
import { storageLocationPlan } from '@ferry/storage-location';
import {
  growDataset,
  listFloor,
  seedNamespaces,
  startRssSampler,
  tallyingRequester,
  type DatasetSize,
  type RequestTally,
} from './backup-bench-dataset';
import { drainingStore, recordingRequester, replayingRequester } from './backup-bench-replay';

const veleroItemsPerSecond = 1956;
const targetItemsPerSecond = Math.round(veleroItemsPerSecond * 1.5);
const targetFloorRatio = 1.5;

interface BackupFigures {
  readonly result: ResourceBackupResult;
  readonly seconds: number;
  /** CPU time of this process (user + system) during the backup. */
  readonly cpuSeconds: number;
  readonly peakMiB: number;
  readonly growthMiB: number;
  readonly requests: RequestTally;
}

interface BenchOptions {
  readonly pageSize: number;
  readonly workers: number;
  readonly rounds: number;
}

const cpuSecondsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

async function runBackup(
  kube: KubeClient,
  store: ObjectStore,
  excluded: readonly string[],
  options: BenchOptions,
  name: string,
): Promise<BackupFigures> {
  const backup: Backup = {
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name, namespace: 'velero', uid: name },
    spec: { excludedNamespaces: [...excluded] },
  };
  const { requester, tally } = tallyingRequester(kube.requester);
  const collect = createResourceBackup({
    kube: { ...kube, requester },
    logger: silentLogger,
    workers: options.workers,
    pageSize: options.pageSize,
  });
  global.gc?.();
  const sampler = startRssSampler();
  const cpu = process.cpuUsage();
  const begin = process.hrtime.bigint();
  const result = await collect({ backup, store, tarballKey: `${store.prefix}/backups/${name}/${name}.tar.gz` });
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  const cpuSeconds = cpuSecondsSince(cpu);
  const { peakMiB, startMiB } = sampler.stop();
  return { result, seconds, cpuSeconds, peakMiB, growthMiB: peakMiB - startMiB, requests: tally };
}

/** One more backup under the inspector's CPU profiler (100 µs samples), written to `path` for DevTools or speedscope. */
async function profileBackup(
  kube: KubeClient,
  store: ObjectStore,
  excluded: readonly string[],
  options: BenchOptions,
  path: string,
): Promise<void> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const run = await runBackup(kube, store, excluded, options, 'bench-5k-profiled');
    const { profile } = await session.post('Profiler.stop');
    await writeFile(path, JSON.stringify(profile));
    terminal.print(`CPU profile of one more backup (${run.seconds.toFixed(2)} s under the profiler) written to ${path}`);
  } finally {
    session.disconnect();
  }
}

const mib = (value: number) => `${value.toFixed(0)} MiB`;
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const secondsList = (values: readonly number[]): string => values.map((value) => value.toFixed(2)).join(', ');

/**
 * The 5,000-item figures: `rounds` rounds of a LIST floor then a backup (the first round's backup
 * is the one the dataset step already ran), medians of each and the median of the rounds' ratios.
 */
async function printFigures(
  kube: KubeClient,
  store: ObjectStore,
  excluded: readonly string[],
  options: BenchOptions,
  first: BackupFigures,
  size: DatasetSize,
): Promise<void> {
  const runs = [first];
  const floors: { seconds: number; cpuSeconds: number; items: number; requests: number }[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const cpu = process.cpuUsage();
    const floor = await listFloor(kube.requester, options.pageSize);
    floors.push({ ...floor, cpuSeconds: cpuSecondsSince(cpu) });
    if (round > 0) runs.push(await runBackup(kube, store, excluded, options, `bench-5k-${round}`));
  }
  const seconds = median(runs.map((run) => run.seconds));
  const floor = median(floors.map((f) => f.seconds));
  const ratios = runs.map((run, round) => run.seconds / (floors[round]?.seconds ?? Number.NaN));
  const items = first.result.progress.itemsBackedUp;
  const rate = items / seconds;
  terminal.print(
    `backup of ${items} items (${size.configMaps} ConfigMaps, ${size.secrets} Secrets, 50 Deployments, 50 Services, 50 Namespaces), page size ${options.pageSize}, ${options.workers} workers; load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} on this ${availableParallelism()}-core machine`,
  );
  terminal.print(
    `  wall time ${seconds.toFixed(2)} s (median of ${secondsList(runs.map((run) => run.seconds))}); this process's CPU ${secondsList(runs.map((run) => run.cpuSeconds))} s`,
  );
  terminal.print(`  ${rate.toFixed(0)} items/s (target >= ${targetItemsPerSecond}; Velero 1.18.3: ${veleroItemsPerSecond})`);
  const { discovery, listsWithItems, emptyLists, furtherPages } = first.requests;
  terminal.print(
    `  API requests ${first.result.apiRequests} (${discovery} discovery, ${listsWithItems} lists with items, ${emptyLists} lists of resource types with none, ${furtherPages} further pages); tarball ${first.result.tarballBytes} bytes; peak RSS ${mib(first.peakMiB)} (+${mib(first.growthMiB)})`,
  );
  terminal.print(
    `  LIST floor: ${floors[0]?.items} objects in ${floors[0]?.requests} requests, ${floor.toFixed(2)} s (median of ${secondsList(floors.map((f) => f.seconds))}); this process's CPU ${secondsList(floors.map((f) => f.cpuSeconds))} s`,
  );
  terminal.print(
    `  backup / floor = ${(seconds / floor).toFixed(2)} (medians; per round ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')}, median ${median(ratios).toFixed(2)}; target <= ${targetFloorRatio})`,
  );
  terminal.print(`  errors ${JSON.stringify(first.result.results.errors)}`);
  const recording = recordingRequester(kube.requester);
  await runBackup({ ...kube, requester: recording.requester }, store, excluded, options, 'bench-5k-recorded');
  const replays: BackupFigures[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const replaying = { ...kube, requester: replayingRequester(recording.answers) };
    replays.push(await runBackup(replaying, drainingStore(store), excluded, options, `bench-5k-replay-${round}`));
  }
  terminal.print(
    `  the client's own work (a backup's API answers replayed in this process, tarball drained, not uploaded): wall ${median(replays.map((run) => run.seconds)).toFixed(2)} s (median of ${secondsList(replays.map((run) => run.seconds))}); CPU ${secondsList(replays.map((run) => run.cpuSeconds))} s`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'page-size': { type: 'string', default: '500' },
      workers: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '3' },
      quick: { type: 'boolean', default: false },
      profile: { type: 'string' },
    },
  });
  const options: BenchOptions = {
    pageSize: Number(values['page-size']),
    workers: Number(values.workers),
    rounds: Math.max(1, Number(values.rounds)),
  };
  terminal.note('starting the development environment…');
  // Nothing here needs nodes: without the simulator this process only runs the bench.
  const environment = await startEnvironment({ nodeSimulator: false });
  try {
    const { info } = environment;
    const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
    const plan = storageLocationPlan(
      {
        metadata: {},
        spec: {
          provider: 'aws',
          objectStorage: { bucket: info.s3.bucket, prefix: `backup-bench-${Date.now()}` },
          config: { s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
        },
      },
      'bench',
    );
    const store = createS3ObjectStore(plan, info.s3);
    const existing = (await kube.core.listNamespace()).items.map((ns) => ns.metadata?.name ?? '');
    const namespaces = Array.from({ length: 50 }, (_, i) => `bench-${String(i).padStart(2, '0')}`);
    await seedNamespaces(kube, namespaces);
    const steps: { label: string; size: DatasetSize }[] = [
      { label: '1,000', size: { configMaps: 450, secrets: 450 } },
      { label: '5,000', size: { configMaps: 2500, secrets: 2500 } },
      { label: '20,000', size: { configMaps: 9950, secrets: 9950 } },
    ].filter((step) => !values.quick || step.label === '5,000');
    let size: DatasetSize = { configMaps: 0, secrets: 0 };
    const memory: string[] = [];
    for (const [index, step] of steps.entries()) {
      terminal.note(`seeding to ${step.label} items…`);
      await growDataset(kube, namespaces, size, step.size);
      size = step.size;
      const run = await runBackup(kube, store, existing, options, `bench-${index}`);
      memory.push(
        `${step.label} items: peak RSS ${mib(run.peakMiB)} (+${mib(run.growthMiB)} during the backup), ${run.result.progress.itemsBackedUp} items in ${run.seconds.toFixed(2)} s`,
      );
      if (step.label !== '5,000') continue;
      await printFigures(kube, store, existing, options, run, size);
      if (values.profile) await profileBackup(kube, store, existing, options, values.profile);
    }
    terminal.print('memory (peak RSS of this process):');
    for (const line of memory) terminal.print(`  ${line}`);
    store.close();
  } finally {
    await environment.stop();
  }
}

main().catch(terminal.fail);
