// A per-resource rate limit for progress writes: Velero throttles its progress updates, and Ferry's
// contract is at most one progress write per second per resource. Pure: the caller passes the clock.

/** Decides whether a progress write for a resource may go out now. */
export interface StatusWriteThrottle {
  /**
   * True when `key` had no write within the interval before `now`; the write is then counted
   * (so a true answer must be followed by the write). False = skip it, a later one will carry the value.
   */
  tryAcquire(key: string, now: number): boolean;
  /** Milliseconds until `key` may write again (0 = now). */
  waitMs(key: string, now: number): number;
  /** Forgets `key` (the resource is done). */
  forget(key: string): void;
}

/** Velero-compatible bound of Ferry's progress writes: one per second per resource. */
export const defaultProgressWriteIntervalMs = 1000;

/** A throttle allowing one write per `intervalMs` per key. Memory: one number per live key. */
export function createStatusWriteThrottle(intervalMs: number = defaultProgressWriteIntervalMs): StatusWriteThrottle {
  const last = new Map<string, number>();
  const waitMs = (key: string, now: number): number => {
    const previous = last.get(key);
    return previous === undefined ? 0 : Math.max(0, previous + intervalMs - now);
  };
  return {
    tryAcquire(key, now) {
      if (waitMs(key, now) > 0) return false;
      last.set(key, now);
      return true;
    },
    waitMs,
    forget(key) {
      last.delete(key);
    },
  };
}
