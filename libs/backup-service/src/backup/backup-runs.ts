// The collections running in this process: at most `limit` at once (Velero's concurrent backups),
// each with its own AbortController so stopping the service (or losing leadership) ends them.
import type { KubeLogger } from '@ferry/kube';

/** Bounded set of running collections keyed by `namespace/name`. */
export class BackupRuns {
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(
    private readonly limit: number,
    private readonly logger: KubeLogger,
  ) {}

  /** Whether `key` is running here. */
  has(key: string): boolean {
    return this.running.has(key);
  }

  /** Whether a new collection may start now. */
  hasRoom(): boolean {
    return this.running.size < this.limit;
  }

  /**
   * Starts `run` for `key` when there is room; false when there is none (nothing started) or it
   * already runs. A rejection is logged, never thrown; `onEnd` runs afterwards.
   */
  start(key: string, run: (signal: AbortSignal) => Promise<void>, onEnd: () => void): boolean {
    if (this.running.has(key) || !this.hasRoom()) return false;
    const abort = new AbortController();
    const done = run(abort.signal)
      .catch((error: unknown) => {
        this.logger.warn({ backup: key, error: (error as Error).message }, 'backup collection stopped; the next reconcile resumes it');
      })
      .finally(() => {
        this.running.delete(key);
        onEnd();
      });
    this.running.set(key, { abort, done });
    return true;
  }

  /** Aborts every running collection and waits until they ended. */
  async stop(): Promise<void> {
    const all = [...this.running.values()];
    for (const run of all) run.abort.abort();
    await Promise.all(all.map((run) => run.done));
  }
}
