// The one base class of Ferry's errors and the one answer to "can a retry help?". Every lib's
// errors.ts extends FerryError; every component that decides between retrying and giving up
// (JetStream settlement, request error replies, job results) asks isRetryable.

/** What every {@link FerryError} is built with besides its code and message. */
export interface FerryErrorOptions {
  /** The failure this error wraps, if any (kept as `Error.cause`). */
  readonly cause?: unknown;
  /**
   * Whether trying the same operation again can succeed. Required: each lib states it per code
   * (usually through a per-code default in its own constructor), so no error is silently retryable.
   */
  readonly retryable: boolean;
}

/**
 * Base of every error a Ferry lib throws: a stable `code` (switch on it, never on `message`), the
 * wrapped `cause`, and `retryable`. `name` is the concrete class's name. Subclasses live in their
 * lib's `errors.ts`; they pick the code type and the retry policy, and add fields that locate the
 * failure (object, field, issues).
 */
export class FerryError<Code extends string = string> extends Error {
  /** Stable code, `<LIB>_<FAILURE>` (e.g. `KUBE_CONFLICT`); part of job results and error replies. */
  readonly code: Code;
  /** Whether retrying the same operation can succeed. */
  readonly retryable: boolean;

  constructor(code: Code, message: string, options: FerryErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable;
  }
}

/**
 * Whether retrying after `error` can help — the single rule for all of Ferry. An error that carries
 * a boolean `retryable` (every {@link FerryError}, and foreign errors that follow the convention)
 * is taken at its word. Anything else — a bug (TypeError), a third-party failure, a thrown
 * non-Error — counts as RETRYABLE: for a JetStream job, losing the work is worse than a bounded
 * retry (redelivery stops at the consumer's maxDeliver, and a request caller decides itself how
 * often to ask again). Pure; never throws.
 */
export function isRetryable(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && 'retryable' in error && typeof error.retryable === 'boolean') {
    return error.retryable;
  }
  return true;
}

/**
 * The stable code of `error` when it carries a string `code` (every {@link FerryError}), else
 * `fallback`. Pure; never throws.
 */
export function errorCode(error: unknown, fallback: string): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return fallback;
}
