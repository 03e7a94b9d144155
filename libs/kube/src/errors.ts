import { FerryError } from '@ferry/errors';

/** Stable codes of the Kubernetes adapter's failures. */
export const KubeErrorCode = {
  /** The object (or its kind) does not exist. */
  NotFound: 'KUBE_NOT_FOUND',
  /** A create found an object of that name already. */
  AlreadyExists: 'KUBE_ALREADY_EXISTS',
  /** An update was based on a stale resourceVersion: re-read and re-apply. */
  Conflict: 'KUBE_CONFLICT',
  /** The API server rejected the object; `causes` names the fields. */
  Invalid: 'KUBE_INVALID',
  /** The request itself was malformed (bad patch, bad selector). */
  BadRequest: 'KUBE_BAD_REQUEST',
  Unauthorized: 'KUBE_UNAUTHORIZED',
  Forbidden: 'KUBE_FORBIDDEN',
  /** A watch or list asked for a resourceVersion the server no longer has: relist. */
  Gone: 'KUBE_GONE',
  TooManyRequests: 'KUBE_TOO_MANY_REQUESTS',
  /** The API server could not be reached or answered 5xx / timed out. */
  Unavailable: 'KUBE_UNAVAILABLE',
  /** No usable kubeconfig or in-cluster credentials. */
  Config: 'KUBE_CONFIG',
  /** A write was refused because this replica is not (or no longer) the leader. */
  NotLeader: 'KUBE_NOT_LEADER',
  /** An object still existed when a wait for its deletion ran out. */
  NotGone: 'KUBE_NOT_GONE',
  /** The informer or client was stopped before the operation finished. */
  Stopped: 'KUBE_STOPPED',
  Unknown: 'KUBE_UNKNOWN',
} as const;
export type KubeErrorCode = (typeof KubeErrorCode)[keyof typeof KubeErrorCode];

/** One field-level reason the API server gave for rejecting an object (`status.details.causes`). */
export interface KubeFieldCause {
  /** e.g. `FieldValueInvalid`, `FieldValueRequired`. */
  readonly reason?: string;
  readonly message?: string;
  /** JSON path of the field, e.g. `spec.containers[0].image`. */
  readonly field?: string;
}

/** Options of a `KubeError` beyond code and message. */
export interface KubeErrorOptions {
  readonly cause?: unknown;
  /** HTTP status, when the API server answered. */
  readonly status?: number;
  /** The Status `reason` (`NotFound`, `Conflict`, `Invalid`...). */
  readonly reason?: string;
  readonly causes?: readonly KubeFieldCause[];
  /** Overrides the default retryability of the code. */
  readonly retryable?: boolean;
}

const retryableCodes: ReadonlySet<KubeErrorCode> = new Set([
  KubeErrorCode.Conflict,
  KubeErrorCode.Gone,
  KubeErrorCode.TooManyRequests,
  KubeErrorCode.Unavailable,
  KubeErrorCode.NotLeader,
  KubeErrorCode.NotGone,
]);

/**
 * A failed Kubernetes API call. `retryable` says whether trying again can help (a Conflict can,
 * after re-reading the object; an Invalid object cannot). `causes` keeps the API server's field
 * causes so callers can surface which field was wrong.
 */
export class KubeError extends FerryError<KubeErrorCode> {
  readonly status: number | undefined;
  readonly reason: string | undefined;
  readonly causes: readonly KubeFieldCause[];

  constructor(code: KubeErrorCode, message: string, options: KubeErrorOptions = {}) {
    super(code, message, { cause: options.cause, retryable: options.retryable ?? retryableCodes.has(code) });
    this.status = options.status;
    this.reason = options.reason;
    this.causes = options.causes ?? [];
  }
}

/** True when `error` is a `KubeError` with `code`. */
export function hasKubeErrorCode(error: unknown, code: KubeErrorCode): boolean {
  return error instanceof KubeError && error.code === code;
}

/** True when `error` says the object does not exist. */
export function isNotFound(error: unknown): boolean {
  return hasKubeErrorCode(error, KubeErrorCode.NotFound);
}

/** True when `error` is an optimistic-concurrency conflict (stale resourceVersion). */
export function isConflict(error: unknown): boolean {
  return hasKubeErrorCode(error, KubeErrorCode.Conflict);
}

/** True when `error` says a create found an existing object. */
export function isAlreadyExists(error: unknown): boolean {
  return hasKubeErrorCode(error, KubeErrorCode.AlreadyExists);
}
