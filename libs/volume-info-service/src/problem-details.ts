// RFC 9457 problem details for the HTTP API: `application/problem+json` with `type` (a URI per
// error code), `title` (the same for every occurrence of the type), `status`, `detail` (this
// occurrence, naming the object and what to do) and `instance` (the request path), plus the stable
// `code` and `retryable` as extension members. The media type is service-runtime's
// `problemContentType`; the runtime's own problems (`about:blank`) answer what the routes do not.
import { errorCode, isRetryable } from '@ferry/errors';
import { VolumeInfoError } from './errors';

/** Base of the problem type URIs; the type is `<base><code in kebab case>`. */
export const problemTypeBase = 'https://ferry.dev/problems/';

/** An RFC 9457 problem document. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
  readonly retryable: boolean;
}

/** The type URI of `code` (`VOLUMEINFO_BACKUP_NOT_FOUND` → `<base>volumeinfo-backup-not-found`). Pure. */
export function problemType(code: string): string {
  return `${problemTypeBase}${code.toLowerCase().replaceAll('_', '-')}`;
}

/**
 * The problem for `error` at `instance`. A {@link VolumeInfoError} keeps its status, title and
 * message; anything else is a 500 whose detail points at the log (its message may hold internals). Pure.
 */
export function problemOf(error: unknown, instance: string): ProblemDetails {
  if (error instanceof VolumeInfoError) {
    const { code, title, status, message: detail, retryable } = error;
    return { type: problemType(code), title, status, detail, instance, code, retryable };
  }
  const code = errorCode(error, 'INTERNAL');
  return {
    type: problemType('INTERNAL'),
    title: 'Internal error',
    status: 500,
    detail: `the request failed (${code}); see the volume-info service log`,
    instance,
    code,
    retryable: isRetryable(error),
  };
}
