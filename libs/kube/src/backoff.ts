import { systemClock, type Clock } from './clock';

/** Shape of an exponential backoff: `initialMs * factor^attempt`, capped at `maxMs`, with jitter. */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /** Fraction of the delay added at random (0.2 → up to +20 %), so restarts do not synchronise. */
  readonly jitter: number;
}

/** The informer's default: 200 ms, doubling, capped at 30 s, +20 % jitter. */
export const defaultBackoffPolicy: BackoffPolicy = { initialMs: 200, maxMs: 30_000, factor: 2, jitter: 0.2 };

/**
 * Delay before retry number `attempt` (0-based). Pure: `random` (returning [0, 1)) is injectable so
 * the schedule can be tested; the cap applies before jitter is added.
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  return Math.round(base * (1 + policy.jitter * random()));
}

/**
 * A stateful backoff: `next()` returns the next delay and advances, `reset()` starts over after a
 * success. Not shared between loops: each retry loop owns one.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly policy: BackoffPolicy = defaultBackoffPolicy,
    private readonly random: () => number = Math.random,
  ) {}

  /** The delay to wait now; the following call returns a longer one (up to the cap). */
  next(): number {
    return backoffDelay(this.policy, this.attempt++, this.random);
  }

  /** Back to the initial delay. */
  reset(): void {
    this.attempt = 0;
  }

  /** How many delays were handed out since the last reset. */
  get attempts(): number {
    return this.attempt;
  }
}

/**
 * Resolves after `ms`, or early (without rejecting) when `signal` aborts, so a stopping loop never
 * waits out a long backoff. `clock` is the real one unless a test passes a fake.
 */
export function sleepUnlessAborted(ms: number, signal: AbortSignal, clock: Clock = systemClock): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      cancel();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const cancel = clock.schedule(ms, done);
    signal.addEventListener('abort', done, { once: true });
  });
}
