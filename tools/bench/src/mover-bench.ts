// Ferry's mover against the plain tools: for restic and kopia, a backup and a
// restore of the same seeded dataset (one large file plus many small ones) by the tool run
// directly with the uploader's flags, and by the real apps/mover process (job published → result
// event received), each into its own new repository of the same type in the same MinIO. Rounds
// alternate which side goes first; figures are medians over rounds. A 1/8-size dataset runs
// first, with its own mover process, to show how the mover's memory scales with the data.
// Usage: tsx tools/bench/src/mover-bench.ts [--size-gib 2] [--small-files 20000] [--tools restic,kopia]
//        [--rounds 3] [--scale-down 8 (0: full dataset only)] [--seed issue-5] [--work-dir /tmp]
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createFerryContracts, FerryService } from '@ferry/contracts';
import {
  claimTestNatsNamespace,
  describeTree,
  natsCredentialsFile,
  simulatedNodeName,
  type Environment,
  startEnvironment,
  terminal,
} from '@ferry/devenv';
import { createKubeClient, isAlreadyExists, toKubeError } from '@ferry/kube';
import { createLogger } from '@ferry/logger';
import { connectNats, type NatsClient } from '@ferry/nats';
import { estimateSourceBytes } from '@ferry/uploader';
import { createBenchStorage, type BenchStorage } from './mover-bench-cluster';
import { generateBenchDataset, type BenchDatasetSpec } from './mover-bench-dataset';
import { peakRssKiB } from './mover-bench-memory';
import { createMoveJobClient, moverEntry, startMover, type MoverEntry } from './mover-bench-mover';
import type { BenchTool } from './mover-bench-plain';
import { estimateCostLines, figuresTable, roundsDetail, type BenchDatasetRow, type BenchMeasurement } from './mover-bench-report';
import { podVolumePath, runRound, type RoundContext, type RoundDataset } from './mover-bench-round';

const ferryNamespace = 'velero';
// A node the environment's NATS has a mover identity for (the simulator's names; the simulator itself is off).
const nodeName = simulatedNodeName(0);
const storage: BenchStorage = { bslName: 'default', prefix: 'mover-bench' };
const gib = 2 ** 30;

interface BenchOptions {
  readonly sizeBytes: number;
  readonly smallFiles: number;
  readonly tools: BenchTool[];
  readonly rounds: number;
  readonly scaleDown: number;
  readonly seed: string;
  readonly workDir: string;
}

function options(): BenchOptions {
  const { values } = parseArgs({
    options: {
      'size-gib': { type: 'string', default: '2' },
      'small-files': { type: 'string', default: '20000' },
      tools: { type: 'string', default: 'restic,kopia' },
      rounds: { type: 'string', default: '3' },
      'scale-down': { type: 'string', default: '8' },
      seed: { type: 'string', default: 'issue-5' },
      'work-dir': { type: 'string', default: tmpdir() },
    },
  });
  const tools = values.tools.split(',').map((tool) => tool.trim());
  for (const tool of tools) if (tool !== 'restic' && tool !== 'kopia') throw new Error(`--tools: unknown tool "${tool}" (restic, kopia)`);
  const number = (name: string, value: string, min: number) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min) throw new Error(`--${name} must be a number ≥ ${min}, got "${value}"`);
    return parsed;
  };
  return {
    sizeBytes: Math.round(number('size-gib', values['size-gib'], 0) * gib),
    smallFiles: Math.round(number('small-files', values['small-files'], 0)),
    tools: tools as BenchTool[],
    rounds: number('rounds', values.rounds, 1),
    scaleDown: number('scale-down', values['scale-down'], 0),
    seed: values.seed,
    workDir: values['work-dir'],
  };
}

function datasetSpecs(bench: BenchOptions): { id: string; spec: BenchDatasetSpec }[] {
  const spec = (largeFileBytes: number, smallFiles: number): BenchDatasetSpec => ({
    seed: bench.seed,
    largeFileBytes,
    smallFiles,
    smallFileMinBytes: 512,
    smallFileMaxBytes: 8192,
  });
  const full = { id: 'full', spec: spec(bench.sizeBytes, bench.smallFiles) };
  if (bench.scaleDown <= 1) return [full];
  return [
    {
      id: `1/${bench.scaleDown}`,
      spec: spec(Math.round(bench.sizeBytes / bench.scaleDown), Math.round(bench.smallFiles / bench.scaleDown)),
    },
    full,
  ];
}

/** Per dataset: the mover process's peak RSS once ready, and over all its jobs. */
interface MoverMemory {
  readonly dataset: string;
  readonly readyKiB: number;
  readonly peakKiB: number;
}

/** The environment's addresses the mover is configured with. */
interface MoverTarget {
  readonly natsUrl: string;
  readonly kubeconfigPath: string;
  /** The environment's state folder: the NATS namespace pool and credentials. */
  readonly stateDir: string;
}

async function runDataset(
  bench: BenchOptions,
  shared: Omit<RoundContext, 'mover' | 'jobs'>,
  target: MoverTarget,
  nats: NatsClient,
  entry: MoverEntry,
  id: string,
  spec: BenchDatasetSpec,
): Promise<{ row: BenchDatasetRow; measurements: BenchMeasurement[]; memory: MoverMemory }> {
  const key = id.replace('/', '-');
  const podUid = `bench-source-${key}`;
  const path = podVolumePath(shared.kubeletRoot, podUid, 'pv-bench-data');
  let begin = performance.now();
  const size = await generateBenchDataset(path, spec);
  shared.note(
    `dataset ${id}: ${size.files} files, ${(size.bytes / 2 ** 20).toFixed(1)} MiB, generated in ${((performance.now() - begin) / 1000).toFixed(1)} s`,
  );
  begin = performance.now();
  const dataset: RoundDataset = { id: key, podUid, volumeDir: 'pv-bench-data', path, description: await describeTree(path) };
  shared.note(`dataset ${id}: described (sha256 of every file) in ${((performance.now() - begin) / 1000).toFixed(1)} s`);
  begin = performance.now();
  await estimateSourceBytes(path);
  const estimateSeconds = (performance.now() - begin) / 1000;

  // A mover process per dataset, so its peak RSS belongs to that dataset alone, on a namespace of
  // the pool (its streams emptied first) whose mover identity the environment's NATS knows.
  const claim = await claimTestNatsNamespace(target.stateDir);
  const contracts = createFerryContracts({ namespace: claim.namespace });
  const jsm = await nats.manager();
  for (const stream of Object.values(contracts.streams)) await jsm.streams.delete(stream.name).catch(() => false);
  const mover = await startMover({
    entry,
    natsUrl: target.natsUrl,
    natsCredentialsFile: natsCredentialsFile(target.stateDir, contracts.namespace, { service: FerryService.Mover, node: nodeName }),
    natsNamespace: contracts.namespace,
    ferryNamespace,
    kubeconfigPath: target.kubeconfigPath,
    nodeName,
    kubeletRoot: shared.kubeletRoot,
    workDir: join(shared.workRoot, `mover-work-${key}`),
    resticBinary: shared.binaries.restic,
    kopiaBinary: shared.binaries.kopia,
    logFile: join(shared.workRoot, `mover-${key}.log`),
  });
  const readyKiB = peakRssKiB(mover.pid) ?? 0;
  const jobs = await createMoveJobClient(nats, contracts, nodeName, shared.note);
  const measurements: BenchMeasurement[] = [];
  try {
    const context: RoundContext = { ...shared, mover, jobs };
    for (let round = 1; round <= bench.rounds; round++) {
      for (const tool of bench.tools) {
        shared.note(`dataset ${id}, round ${round}, ${tool} (${round % 2 === 1 ? 'plain first' : 'mover first'})`);
        measurements.push(...(await runRound(context, tool, dataset, round)));
      }
    }
  } finally {
    await jobs.stop();
    await mover.stop();
    await claim.release();
    await rm(join(shared.kubeletRoot, 'pods', podUid), { recursive: true, force: true });
  }
  const jobPeaks = measurements.map((m) => m.moverPeakKiB ?? 0);
  return {
    row: { id: key, bytes: size.bytes, estimateSeconds },
    measurements,
    memory: { dataset: id, readyKiB, peakKiB: Math.max(readyKiB, ...jobPeaks) },
  };
}

async function prepareCluster(environment: Environment, password: string): Promise<void> {
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: environment.info.kubeconfigPath });
  await createBenchStorage(kube, ferryNamespace, environment.info.s3, storage, password);
  // The mover's node, for per-node loadConcurrency rules (no simulator runs: nothing else needs nodes).
  await kube.core
    .createNode({ body: { metadata: { name: nodeName, labels: { 'kubernetes.io/hostname': nodeName } } } })
    .catch((error: unknown) => {
      if (!isAlreadyExists(toKubeError(error, `create node ${nodeName}`))) throw error;
    });
}

function printFigures(
  bench: BenchOptions,
  entry: MoverEntry,
  rows: BenchDatasetRow[],
  measurements: BenchMeasurement[],
  memory: MoverMemory[],
  loadBefore: number,
): void {
  const describe = (row: BenchDatasetRow) => `${row.id} = ${(row.bytes / 2 ** 20).toFixed(0)} MiB`;
  terminal.print(
    `mover vs plain tools, seed "${bench.seed}": one large file plus small files of 512-8191 bytes (${rows.map(describe).join('; ')});`,
  );
  terminal.print(
    `full = ${(bench.sizeBytes / gib).toFixed(2)} GiB + ${bench.smallFiles} small files. Mover: apps/mover ${entry.kind === 'bundle' ? 'esbuild bundle' : 'from source (tsx)'}, one process per dataset, Node ${process.version}.`,
  );
  terminal.print(
    `${bench.rounds} round(s) per tool and dataset; odd rounds run the plain tool first, even rounds the mover first; figures are medians over rounds.`,
  );
  terminal.print(
    'Backup: each side into its own new repository (plain: init/create + backup, timed together; mover: job published -> result event).',
  );
  terminal.print(
    'Restore: into an empty folder (plain: restore using the backup connection; mover: job -> result); every restore verified by sha256 of every file.',
  );
  terminal.print(
    `Machine: ${availableParallelism()} cores, ${(totalmem() / gib).toFixed(0)} GiB; 1-minute load average (other work included) ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end.`,
  );
  terminal.print('');
  for (const line of figuresTable(measurements, rows, bench.tools)) terminal.print(line);
  terminal.print('');
  terminal.print('per round (wall seconds):');
  for (const line of roundsDetail(measurements, rows, bench.tools)) terminal.print(`  ${line}`);
  terminal.print('');
  terminal.print(
    'kopia backup total: the mover walks the source (metadata only) alongside kopia, so progress has a total before kopia estimates:',
  );
  for (const line of estimateCostLines(measurements, rows)) terminal.print(`  ${line}`);
  terminal.print('');
  terminal.print('mover Node process peak RSS (VmHWM; reset via clear_refs before each job, goal: flat with dataset size):');
  for (const entryMemory of memory) {
    terminal.print(
      `  dataset ${entryMemory.dataset.padEnd(5)} once ready ${(entryMemory.readyKiB / 1024).toFixed(0)} MiB, peak over all jobs ${(entryMemory.peakKiB / 1024).toFixed(0)} MiB`,
    );
  }
}

/** Removes the work folder; after a failure keeps the mover logs (only), and says where. */
async function cleanUp(workRoot: string, finished: boolean): Promise<void> {
  if (finished) return rm(workRoot, { recursive: true, force: true });
  for (const name of await readdir(workRoot)) if (!name.endsWith('.log')) await rm(join(workRoot, name), { recursive: true, force: true });
  terminal.note(`mover logs kept in ${workRoot}`);
}

async function main(): Promise<void> {
  const bench = options();
  const loadBefore = loadavg()[0] ?? 0;
  const environment = await startEnvironment({ nodeSimulator: false, onProgress: (line) => terminal.note(line) });
  const workRoot = await mkdtemp(join(bench.workDir, 'ferry-mover-bench-'));
  const logger = createLogger({ name: 'mover-bench', level: 'warn' });
  const nats = await connectNats({
    name: 'mover-bench',
    servers: environment.info.natsUrl,
    credentials: environment.info.natsTestCredentials,
    logger,
  });
  let finished = false;
  try {
    const password = randomBytes(24).toString('hex');
    await prepareCluster(environment, password);
    const kubeletRoot = join(workRoot, 'kubelet');
    await mkdir(kubeletRoot, { recursive: true });
    const entry = moverEntry((line) => terminal.note(line));
    terminal.note(`mover: ${entry.kind}; work folder ${workRoot}`);
    const shared: Omit<RoundContext, 'mover' | 'jobs'> = {
      runId: randomBytes(3).toString('hex'),
      s3: environment.info.s3,
      storage,
      password,
      ferryNamespace,
      kubeletRoot,
      workRoot,
      binaries: { restic: environment.info.binaries.restic, kopia: environment.info.binaries.kopia },
      note: (line) => terminal.note(line),
      jobTimeoutMs: 60 * 60_000,
    };
    const rows: BenchDatasetRow[] = [];
    const measurements: BenchMeasurement[] = [];
    const memory: MoverMemory[] = [];
    for (const { id, spec } of datasetSpecs(bench)) {
      const result = await runDataset(bench, shared, environment.info, nats, entry, id, spec);
      rows.push(result.row);
      measurements.push(...result.measurements);
      memory.push(result.memory);
    }
    printFigures(bench, entry, rows, measurements, memory, loadBefore);
    finished = true;
  } finally {
    await nats.close();
    await environment.stop();
    await cleanUp(workRoot, finished);
  }
}

main().catch(terminal.fail);
