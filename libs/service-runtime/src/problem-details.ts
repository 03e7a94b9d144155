import { STATUS_CODES } from 'node:http';

/** Media type of an RFC 9457 problem document. */
export const problemContentType = 'application/problem+json';

/**
 * An RFC 9457 problem document as Ferry's HTTP APIs answer every error: `type` (`about:blank`: the
 * status says it all), `title` (the status text), `status`, `detail` (what is wrong and the fix),
 * and the extension members `error` (the same text, for clients of the earlier `{error}` answers)
 * and `details` (per-field issues) when there are any.
 */
export interface ProblemDetails {
  readonly type: 'about:blank';
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly error: string;
  readonly details?: unknown;
}

/** The problem document of an error answered with `status`. Pure. */
export function problemOf(status: number, detail: string, details?: unknown): ProblemDetails {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    error: detail,
    ...(details === undefined ? {} : { details }),
  };
}
