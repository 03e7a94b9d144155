/**
 * Time as the controller runtime sees it: the current time and one-shot timers. Production code
 * uses {@link systemClock}; unit tests pass a fake one and advance it by hand, so backoff,
 * requeue-after and lease expiry are tested without waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `run` once after `delayMs`; the returned function cancels it (idempotent). */
  schedule(delayMs: number, run: () => void): () => void;
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(delayMs, run) {
    const timer = setTimeout(run, Math.max(0, delayMs));
    return () => clearTimeout(timer);
  },
};
