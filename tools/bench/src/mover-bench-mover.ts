// The mover side of the benchmark: the real apps/mover as a child process (the esbuild bundle
// when it builds, else the source through tsx), configured by its environment as in a cluster;
// and a client that publishes move jobs and times each from publish to its result event.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FerryContracts, MessageInput, MessageOf } from '@ferry/contracts';
import {
  consume,
  ensureConsumer,
  ensureStreams,
  publishToStream,
  streamRoute,
  subscribe,
  type ConsumerHandle,
  type NatsClient,
  type SubscriptionHandle,
} from '@ferry/nats';

const repositoryRoot = resolve(__dirname, '../../..');

/** A move job as the benchmark publishes it. */
export type BenchMoveJob = MessageInput<FerryContracts['messages']['moveJob']>;
/** A move job's result event. */
export type BenchMoveResult = MessageOf<FerryContracts['messages']['moveResult']>;

/** How the mover is run: the production bundle, or the source when the bundle cannot be built. */
export interface MoverEntry {
  readonly kind: 'bundle' | 'source';
  readonly args: readonly string[];
}

/** Builds `dist/apps/mover/main.js` with `nx run mover:build`; falls back to the source through tsx. */
export function moverEntry(note: (line: string) => void): MoverEntry {
  const build = spawnSync('npx', ['nx', 'run', 'mover:build', '--skip-nx-cache'], { cwd: repositoryRoot, encoding: 'utf8' });
  const bundle = join(repositoryRoot, 'dist/apps/mover/main.js');
  if (build.status === 0 && existsSync(bundle)) return { kind: 'bundle', args: ['--enable-source-maps', bundle] };
  note(
    `mover bundle did not build (exit ${String(build.status)}): running apps/mover/src/main.ts through tsx\n${(build.stdout + build.stderr).slice(-1_000)}`,
  );
  return { kind: 'source', args: ['--import', 'tsx', join(repositoryRoot, 'apps/mover/src/main.ts')] };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === 'string') throw new Error('no free loopback port');
  return address.port;
}

/** Settings of one mover process (its environment, as the DaemonSet would set it). */
export interface MoverProcessOptions {
  readonly entry: MoverEntry;
  readonly natsUrl: string;
  /** The mover's NATS identity (`NATS_CREDENTIALS_FILE`). */
  readonly natsCredentialsFile: string;
  readonly natsNamespace: string;
  readonly ferryNamespace: string;
  readonly kubeconfigPath: string;
  readonly nodeName: string;
  readonly kubeletRoot: string;
  readonly workDir: string;
  readonly resticBinary: string;
  readonly kopiaBinary: string;
  readonly logFile: string;
}

/** A running mover: its pid (for /proc), its HTTP address, and a stop that waits for its exit. */
export interface MoverProcess {
  readonly pid: number;
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the mover and resolves once its `/readyz` answers 200 (rejects after 60 s or if it exits, naming its log). */
export async function startMover(options: MoverProcessOptions): Promise<MoverProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(process.execPath, [...options.entry.args], {
    cwd: repositoryRoot,
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/tmp',
      NATS_URL: options.natsUrl,
      NATS_CREDENTIALS_FILE: options.natsCredentialsFile,
      FERRY_NATS_NAMESPACE: options.natsNamespace,
      FERRY_NAMESPACE: options.ferryNamespace,
      KUBECONFIG: options.kubeconfigPath,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      LOG_LEVEL: 'info',
      FERRY_NODE_NAME: options.nodeName,
      FERRY_KUBELET_ROOT: options.kubeletRoot,
      FERRY_MOVER_WORK_DIR: options.workDir,
      FERRY_RESTIC_BINARY: options.resticBinary,
      FERRY_KOPIA_BINARY: options.kopiaBinary,
      OTEL_TRACES_EXPORTER: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (await Promise.race([exited.then(() => false), sleep(10_000, true, { ref: false })])) child.kill('SIGKILL');
      await exited;
    }
    log.end();
  };
  if (child.pid === undefined) throw new Error(`the mover could not be spawned; log ${options.logFile}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the mover exited while starting; log ${options.logFile}`);
    const ready = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return { pid: child.pid, url, stop };
    await sleep(200);
  }
  await stop();
  throw new Error(`the mover was not ready within 60 s; log ${options.logFile}`);
}

/** A job's end as the benchmark saw it: wall time from publish to result, and the result. */
export interface TimedMove {
  readonly seconds: number;
  readonly result: BenchMoveResult;
}

/** Publishes move jobs for one node and awaits their results (the controller's role). */
export interface MoveJobClient {
  /** Publishes `job` and resolves with its result event; rejects unless it ended `completed`, or after `timeoutMs`. */
  run(job: BenchMoveJob, timeoutMs: number): Promise<TimedMove>;
  stop(): Promise<void>;
}

/**
 * Creates Ferry's streams, the controller's events durable and a progress subscription for
 * `nodeName` (progress goes to `note` every ~10 s per job). The caller stops it before closing NATS.
 */
export async function createMoveJobClient(
  nats: NatsClient,
  contracts: FerryContracts,
  nodeName: string,
  note: (line: string) => void,
): Promise<MoveJobClient> {
  await ensureStreams(nats, Object.values(contracts.streams));
  const waiting = new Map<string, (result: BenchMoveResult, at: number) => void>();
  const reader = contracts.consumers.controllerEvents();
  await ensureConsumer(nats, reader);
  const results: ConsumerHandle = await consume(nats, {
    consumer: reader,
    routes: [
      streamRoute(contracts.messages.moveResult, async ({ data }) => waiting.get(data.jobId)?.(data, performance.now())),
      streamRoute(contracts.messages.exposeResult, async () => undefined),
    ],
  });
  const lastNote = new Map<string, number>();
  const progress: SubscriptionHandle = subscribe(nats, {
    contract: contracts.messages.moveProgress,
    params: { node: nodeName },
    handler: ({ data }) => {
      if (performance.now() - (lastNote.get(data.jobId) ?? 0) < 10_000) return;
      lastNote.set(data.jobId, performance.now());
      const total = data.totalBytes === undefined ? 'total unknown' : `of ${(data.totalBytes / 2 ** 20).toFixed(0)} MiB`;
      note(`  ${data.jobId}: ${(data.bytesDone / 2 ** 20).toFixed(0)} MiB ${total}, ${(data.bytesPerSecond / 2 ** 20).toFixed(1)} MiB/s`);
    },
  });
  return {
    async run(job, timeoutMs) {
      const ended = new Promise<{ result: BenchMoveResult; at: number }>((done) =>
        waiting.set(job.jobId, (result, at) => done({ result, at })),
      );
      const begin = performance.now();
      await publishToStream(nats, contracts.messages.moveJob, { node: nodeName }, job);
      const timeout = new AbortController();
      const timer = sleep(timeoutMs, undefined, { signal: timeout.signal }).then(() => {
        throw new Error(`move job ${job.jobId} (${job.uploader} ${job.direction}) had no result after ${timeoutMs / 1000} s`);
      });
      // The race settles the losing timer later (aborted below); that rejection is expected.
      timer.catch(() => undefined);
      try {
        const { result, at } = await Promise.race([ended, timer]);
        if (result.outcome !== 'completed') {
          throw new Error(
            `move job ${job.jobId} (${job.uploader} ${job.direction}) ended ${result.outcome}: ${result.error ? `${result.error.code} ${result.error.message}` : 'no error given'}`,
          );
        }
        return { seconds: (at - begin) / 1000, result };
      } finally {
        timeout.abort();
        waiting.delete(job.jobId);
      }
    },
    async stop() {
      await progress.stop();
      await results.stop();
    },
  };
}
