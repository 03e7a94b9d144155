import { backoffDelay, type BackoffPolicy } from './backoff';
import { isConflict } from './errors';

/** Options of `retryOnConflict`. */
export interface ConflictRetryOptions {
  /** Attempts in total, the first included. Default 5. */
  readonly maxAttempts?: number;
  /** Pause between attempts (short: the next attempt re-reads anyway). Default 20 ms doubling to 1 s. */
  readonly backoff?: BackoffPolicy;
}

const defaultConflictBackoff: BackoffPolicy = { initialMs: 20, maxMs: 1_000, factor: 2, jitter: 0.5 };

/**
 * Runs `attempt` (which must read the object, apply the change and write it) again whenever it
 * fails with a Conflict, up to `maxAttempts`; then throws the last Conflict (retryable: the caller
 * may try later). Any other failure is thrown at once.
 */
export async function retryOnConflict<R>(attempt: (attemptNumber: number) => Promise<R>, options: ConflictRetryOptions = {}): Promise<R> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attemptNumber = 0; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!isConflict(error) || attemptNumber + 1 >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(options.backoff ?? defaultConflictBackoff, attemptNumber)));
    }
  }
}
