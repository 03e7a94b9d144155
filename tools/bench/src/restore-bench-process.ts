// The parent's side of the restore benchmark's controller process (restore-bench-controller.ts):
// bundles it as apps are bundled for their image (esbuild, the workspace's libraries inlined,
// npm packages external; through tsx when the bundle cannot be built), forks it with --expose-gc,
// and measures one restore window with it (API requests, 429 answers, creates in flight, CPU time
// and peak RSS as the controller saw them).
import type { ApiRequester } from '@ferry/kube';
import type { NatsCredentials } from '@ferry/nats';
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';

/** Creates (POSTs) seen through a requester: how many were in flight on average between the first one's start and the last one's end. */
export interface CreateFlight {
  /** Wraps `requester` so its POSTs are timed. */
  wrap(requester: ApiRequester): ApiRequester;
  /** Starts a new window. */
  reset(): void;
  /** The average number of POSTs in flight over the window's span of creates (0 when none). */
  averageInFlight(): number;
}

/** A meter for {@link CreateFlight}: the floor wraps its requester with one, the controller process its client's. */
export function createFlightMeter(): CreateFlight {
  let busyNs = 0n;
  let first: bigint | undefined;
  let last = 0n;
  return {
    wrap: (requester) => ({
      async request(request) {
        if (request.method !== 'POST') return requester.request(request);
        const begin = process.hrtime.bigint();
        first ??= begin;
        try {
          return await requester.request(request);
        } finally {
          last = process.hrtime.bigint();
          busyNs += last - begin;
        }
      },
    }),
    reset() {
      busyNs = 0n;
      first = undefined;
      last = 0n;
    },
    averageInFlight: () => (first === undefined || last <= first ? 0 : Number(busyNs) / Number(last - first)),
  };
}

/** What the controller process measured over one window. */
export interface ControllerFigures {
  /** API requests sent through its requester (restore items, status patches, discovery, informers). */
  readonly requests: number;
  /** Answers 429 (priority and fairness turned the request away). */
  readonly throttled: number;
  /** Highest resident set seen, MiB (sampled every 100 ms). */
  readonly peakMiB: number;
  /** Resident set when the window began, MiB. */
  readonly startMiB: number;
  /** V8 heap in use after a full GC at the window's end (the run is over: what it left retained), MiB. */
  readonly heapAfterGcMiB: number;
  /** CPU time (user and system) the process spent over the window, seconds: what it took from the API server's cores. */
  readonly cpuSeconds: number;
  /** Creates (POSTs) in flight on average between the window's first create and its last create's answer. */
  readonly createsInFlight: number;
}

/** Messages between the bench and its controller process. */
export type ControllerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'begin' }
  | { readonly kind: 'end' }
  | { readonly kind: 'stop' }
  | { readonly kind: 'figures'; readonly figures: ControllerFigures };

/** A running controller process. */
export interface RestoreBenchController {
  readonly pid: number;
  /** Resets its counters and starts sampling its memory. */
  begin(): void;
  /** Ends the window and resolves with its figures. */
  end(): Promise<ControllerFigures>;
  /** Stops the service and waits for the process to exit. */
  stop(): Promise<void>;
}

const repositoryRoot = resolve(__dirname, '../../..');

/**
 * How the controller process runs: bundled with the flags nx.json's `build` target gives every app,
 * as `node dist/apps/controller/main.js` runs in the image, else the source through tsx. Through
 * tsx the process also held tsx's transformed modules: V8 heap after a full GC ~105 MiB and peak
 * RSS ~440 MiB at 5,000 items, against ~55-60 MiB and ~365 MiB bundled (CPU per item about the same).
 */
function controllerEntry(): { module: string; execArgv: string[]; note?: string } {
  const source = join(__dirname, 'restore-bench-controller.ts');
  // Under the repository, so its npm packages resolve from node_modules as the image's bundles do.
  const bundle = join(repositoryRoot, 'dist/tools/bench/restore-bench-controller.js');
  const build = spawnSync(
    'npx',
    [
      'esbuild',
      source,
      '--bundle',
      '--platform=node',
      '--target=node24',
      '--format=cjs',
      '--packages=external',
      '--log-level=warning',
      `--outfile=${bundle}`,
    ],
    { cwd: repositoryRoot, encoding: 'utf8' },
  );
  if (build.status === 0) return { module: bundle, execArgv: [] };
  const output = `${build.stdout}${build.stderr}`.slice(-1_000);
  return {
    module: source,
    execArgv: ['--import', 'tsx'],
    note: `controller bundle did not build (exit ${String(build.status)}): running its source through tsx\n${output}`,
  };
}

/** Forks the controller process against `kubeconfigPath`; resolves once its restore service runs. */
export async function startRestoreBenchController(options: {
  readonly kubeconfigPath: string;
  /** The environment's NATS, where the process's volume-info seals each Restore's report. */
  readonly natsUrl: string;
  /** The test identity on it (handed over in the environment, never in argv). */
  readonly natsCredentials: NatsCredentials;
  readonly namespace: string;
  readonly parallel: number;
  /** Where the process writes a V8 CPU profile when it exits (`--cpu-prof-dir`); none when absent. */
  readonly cpuProfileDir?: string | undefined;
}): Promise<RestoreBenchController> {
  const entry = controllerEntry();
  if (entry.note) process.stderr.write(`${entry.note}\n`);
  const child: ChildProcess = fork(entry.module, [], {
    cwd: repositoryRoot,
    execArgv: [
      ...entry.execArgv,
      '--expose-gc',
      ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    ],
    env: {
      ...process.env,
      KUBECONFIG: options.kubeconfigPath,
      RESTORE_BENCH_NAMESPACE: options.namespace,
      RESTORE_BENCH_NATS_URL: options.natsUrl,
      RESTORE_BENCH_NATS_USER: options.natsCredentials.user,
      RESTORE_BENCH_NATS_PASSWORD: options.natsCredentials.password,
      RESTORE_BENCH_PARALLEL: String(options.parallel),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const next = (kind: ControllerMessage['kind']): Promise<ControllerMessage> =>
    new Promise((done, fail) => {
      const onMessage = (message: ControllerMessage) => {
        if (message.kind !== kind) return;
        child.off('message', onMessage);
        done(message);
      };
      child.on('message', onMessage);
      void exited.then(() => fail(new Error(`the restore bench controller exited before '${kind}'`)));
    });
  await next('ready');
  return {
    pid: child.pid ?? 0,
    begin: () => child.send({ kind: 'begin' } satisfies ControllerMessage),
    async end() {
      const answer = next('figures');
      child.send({ kind: 'end' } satisfies ControllerMessage);
      const message = await answer;
      if (message.kind !== 'figures') throw new Error(`unexpected answer ${message.kind}`);
      return message.figures;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ kind: 'stop' } satisfies ControllerMessage);
      await exited;
    },
  };
}
