// The parts a service has started, stopped in reverse order: on stop, and when start-up fails
// half-way (so nothing started is left running).
import type { Logger } from '@ferry/logger';

/** Stop steps collected while a service starts. */
export interface ShutdownStack {
  /** Registers how to stop a part that has just started; runs before the parts added earlier. */
  add(step: () => Promise<void>): void;
  /** True once `run` was called: a stopping service is no longer ready for work. */
  readonly stopping: boolean;
  /**
   * Runs every step once, newest first, each after the previous one settled; a failing step is
   * logged and the others still run. Idempotent: later calls return the first run's promise.
   */
  run(): Promise<void>;
}

/** A new, empty stack whose failed steps are logged on `logger` as `<service> stop step failed`. */
export function createShutdownStack(logger: Logger, service: string): ShutdownStack {
  const steps: (() => Promise<void>)[] = [];
  let running: Promise<void> | undefined;
  return {
    get stopping() {
      return running !== undefined;
    },
    add(step) {
      steps.push(step);
    },
    run() {
      running ??= (async () => {
        for (const step of steps.reverse()) {
          await step().catch((error: unknown) => logger.warn({ err: error }, `${service} stop step failed`));
        }
      })();
      return running;
    },
  };
}
