// Turns what @aws-sdk/client-s3 throws into an ObjectStoreError. Pure: reads only the error's
// name, code and HTTP status (never its request, which carries signed headers).
import { ObjectStoreError, ObjectStoreErrorCode } from './errors';

/** Where a failed request went, for the message. */
export interface S3RequestTarget {
  readonly operation: string;
  readonly endpoint: string;
  readonly bucket: string;
}

const deniedNames = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'InvalidToken', 'ExpiredToken', 'Forbidden']);
const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const tlsCodes = /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|ERR_TLS_)/;

function field(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;
}

/** The network code of `error` or of one of its causes / aggregated errors (Node's happy eyeballs). */
function networkCode(error: unknown, depth = 0): string | undefined {
  if (depth > 3 || typeof error !== 'object' || error === null) return undefined;
  const code = field(error, 'code');
  if (typeof code === 'string' && (networkCodes.has(code) || tlsCodes.test(code))) return code;
  const nested = [field(error, 'cause'), ...((field(error, 'errors') as unknown[] | undefined) ?? [])];
  for (const inner of nested) {
    const found = networkCode(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The ObjectStoreError for `error` thrown by a request to `target`. Pure. */
export function classifyS3Error(error: unknown, target: S3RequestTarget): ObjectStoreError {
  if (error instanceof ObjectStoreError) return error;
  const { operation, endpoint, bucket } = target;
  const name = typeof field(error, 'name') === 'string' ? (field(error, 'name') as string) : 'Error';
  const status = (field(error, '$metadata') as { httpStatusCode?: number } | undefined)?.httpStatusCode;
  const code = networkCode(error);
  if (code && tlsCodes.test(code)) {
    return new ObjectStoreError(
      ObjectStoreErrorCode.Unreachable,
      `cannot reach the object store at ${endpoint}: TLS verification failed (${code}); Ferry trusts the system CAs only (it does not read spec.objectStorage.caCert or caCertRef): serve a certificate they trust, or set spec.config.insecureSkipTLSVerify "true" for a test store`,
      { cause: error, retryable: false },
    );
  }
  if (code || name === 'TimeoutError' || name === 'AbortError' || name === 'RequestTimeout') {
    return new ObjectStoreError(
      ObjectStoreErrorCode.Unreachable,
      `cannot reach the object store at ${endpoint} (${code ?? name}); check spec.config.s3Url and that the store is running`,
      { cause: error },
    );
  }
  if (name === 'NoSuchBucket') {
    return new ObjectStoreError(
      ObjectStoreErrorCode.BucketNotFound,
      `bucket ${JSON.stringify(bucket)} does not exist at ${endpoint}; create it or fix spec.objectStorage.bucket`,
      { cause: error },
    );
  }
  if (name === 'NoSuchKey' || name === 'NotFound' || status === 404) {
    return new ObjectStoreError(
      ObjectStoreErrorCode.ObjectNotFound,
      `${operation}: no such object in bucket ${JSON.stringify(bucket)} at ${endpoint}`,
      {
        cause: error,
      },
    );
  }
  if (deniedNames.has(name) || status === 401 || status === 403) {
    return new ObjectStoreError(
      ObjectStoreErrorCode.AccessDenied,
      `the object store at ${endpoint} refused the credentials for bucket ${JSON.stringify(bucket)} (${name}); check the keys in the credential Secret`,
      { cause: error },
    );
  }
  return new ObjectStoreError(
    ObjectStoreErrorCode.RequestFailed,
    `${operation} on bucket ${JSON.stringify(bucket)} at ${endpoint} failed (${name}${status ? `, HTTP ${status}` : ''})`,
    { cause: error },
  );
}
