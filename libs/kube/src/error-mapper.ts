import { ApiException } from '@kubernetes/client-node';
import { KubeError, KubeErrorCode, type KubeFieldCause } from './errors';

/** The parts of a Kubernetes `Status` object the mapper reads. */
interface StatusBody {
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
  readonly details?: { readonly causes?: readonly KubeFieldCause[]; readonly retryAfterSeconds?: number };
}

const networkErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/**
 * Maps whatever a client-node call threw (ApiException, a watch's HTTP error, a fetch network
 * error, a Status object) to a `KubeError`, prefixing `context` ("get pods ns/name") so the message
 * says what failed on which object. A `KubeError` passes through unchanged. Pure; never throws.
 */
export function toKubeError(error: unknown, context: string): KubeError {
  if (error instanceof KubeError) return error;
  if (error instanceof ApiException) {
    return fromHttpStatus(error.code, parseStatusBody(error.body), context, error);
  }
  if (isStatusObject(error)) return fromHttpStatus(error.code ?? 500, error, context, error);
  // Not `instanceof Error`: socket errors come from Node's own realm, which a test sandbox (jest's vm) does not share.
  if (isErrorLike(error)) {
    const statusCode = (error as { statusCode?: unknown }).statusCode;
    if (typeof statusCode === 'number') return fromHttpStatus(statusCode, {}, context, error);
    if (error.name === 'TimeoutError' || error.name === 'AbortError') {
      return new KubeError(KubeErrorCode.Unavailable, `${context}: request ${error.name === 'TimeoutError' ? 'timed out' : 'aborted'}`, {
        cause: error,
      });
    }
    const networkCode = findNetworkCode(error);
    if (networkCode) {
      return new KubeError(
        KubeErrorCode.Unavailable,
        `${context}: API server unreachable (${networkCode}); is it running and is the kubeconfig's server address right?`,
        { cause: error },
      );
    }
    return new KubeError(KubeErrorCode.Unknown, `${context}: ${error.message}`, { cause: error });
  }
  return new KubeError(KubeErrorCode.Unknown, `${context}: ${String(error)}`, { cause: error });
}

/** Maps an HTTP status and the Status body the API server sent with it. Pure. */
export function fromHttpStatus(status: number, body: StatusBody, context: string, cause?: unknown): KubeError {
  const code = codeForStatus(status, body.reason);
  const apiMessage = body.message ?? `HTTP ${status}`;
  const causes = body.details?.causes ?? [];
  const fields = causes.length ? ` [${causes.map(describeCause).join('; ')}]` : '';
  return new KubeError(code, `${context}: ${apiMessage}${fields}`, { cause, status, reason: body.reason, causes });
}

function codeForStatus(status: number, reason: string | undefined): KubeErrorCode {
  switch (status) {
    case 400:
      return KubeErrorCode.BadRequest;
    case 401:
      return KubeErrorCode.Unauthorized;
    case 403:
      return KubeErrorCode.Forbidden;
    case 404:
      return KubeErrorCode.NotFound;
    case 409:
      return reason === 'AlreadyExists' ? KubeErrorCode.AlreadyExists : KubeErrorCode.Conflict;
    case 410:
      return KubeErrorCode.Gone;
    case 422:
      return KubeErrorCode.Invalid;
    case 429:
      return KubeErrorCode.TooManyRequests;
    default:
      return status >= 500 ? KubeErrorCode.Unavailable : KubeErrorCode.Unknown;
  }
}

function describeCause(cause: KubeFieldCause): string {
  return [cause.field, cause.message ?? cause.reason].filter(Boolean).join(': ');
}

/** ApiException bodies are the raw response text (JSON Status) or an already parsed object. */
function parseStatusBody(body: unknown): StatusBody {
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      return isStatusObject(parsed) ? parsed : { message: body };
    } catch {
      return body ? { message: body } : {};
    }
  }
  return isStatusObject(body) ? body : {};
}

function isStatusObject(value: unknown): value is StatusBody & { kind: 'Status' } {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status';
}

function isErrorLike(value: unknown): value is Error {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

function findNetworkCode(error: Error): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && networkErrorCodes.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof TypeError && error.message === 'fetch failed' ? 'fetch failed' : undefined;
}
