// The parent's side of the restore benchmark's controller process (restore-bench-controller.ts):
// forks it through tsx with --expose-gc, and measures one restore window with it (API requests,
// 429 answers and peak RSS as the controller saw them).
import type { NatsCredentials } from '@ferry/nats';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';

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

/** Forks the controller process against `kubeconfigPath`; resolves once its restore service runs. */
export async function startRestoreBenchController(options: {
  readonly kubeconfigPath: string;
  /** The environment's NATS, where the process's volume-info seals each Restore's report. */
  readonly natsUrl: string;
  /** The test identity on it (handed over in the environment, never in argv). */
  readonly natsCredentials: NatsCredentials;
  readonly namespace: string;
  readonly parallel: number;
}): Promise<RestoreBenchController> {
  const child: ChildProcess = fork(join(__dirname, 'restore-bench-controller.ts'), [], {
    cwd: repositoryRoot,
    execArgv: ['--import', 'tsx', '--expose-gc'],
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
