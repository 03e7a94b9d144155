import { setTimeout as sleep } from 'node:timers/promises';
import { startProcess, type ManagedProcess, type ProcessSpec } from './managed-process';

/** Options of {@link startSupervisedProcess}. */
export interface SupervisionOptions {
  /** Pause before a restart; default 500 ms. */
  readonly restartDelayMs?: number;
  /** Called with each restarted process (e.g. to record its pid for the reaper). */
  readonly onRestart?: (process: ManagedProcess) => void | Promise<void>;
  /** Called when a restart failed; supervision then tries again after the delay. */
  readonly onRestartFailure?: (error: unknown) => void;
}

/**
 * Starts a server and keeps it running as a kubelet keeps a container: when it exits without
 * `stop()` (a crash, `kill`), it is started again with the same spec after a short delay, until
 * `stop()`. The handle's `pid` is the current process's; `kill` crashes the current one (tests),
 * which is then restarted. Resolves once the first start is ready; rejects like `startProcess`.
 */
export async function startSupervisedProcess(spec: ProcessSpec, options: SupervisionOptions = {}): Promise<ManagedProcess> {
  let stopping = false;
  let current: ManagedProcess | undefined;
  const delay = options.restartDelayMs ?? 500;
  const restart = async (): Promise<void> => {
    while (!stopping) {
      await sleep(delay, undefined, { ref: false });
      if (stopping) return;
      try {
        current = await startProcess(supervised);
        await options.onRestart?.(current);
        return;
      } catch (error) {
        options.onRestartFailure?.(error);
      }
    }
  };
  const supervised: ProcessSpec = {
    ...spec,
    onExit: (code) => {
      spec.onExit?.(code);
      if (!stopping) void restart();
    },
  };
  current = await startProcess(supervised);
  return {
    name: spec.name,
    get pid() {
      return current?.pid ?? -1;
    },
    async stop() {
      stopping = true;
      await current?.stop();
    },
    kill: async (signal) => current?.kill(signal),
    signal: (signal) => current?.signal(signal),
  };
}
