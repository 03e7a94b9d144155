// Errors of the object-store adapter. Every error has a stable `code`, the `cause` it wraps and
// whether trying again can help. Messages name the bucket, endpoint or Secret at fault and what to
// do; they never hold a credential, and they do not name the BSL (callers add that context).
import { FerryError } from '@ferry/errors';

/** Stable codes of the object-store adapter's failures. */
export const ObjectStoreErrorCode = {
  /** The BackupStorageLocation cannot be used as written (the message names the field). */
  LocationInvalid: 'OBJECT_STORE_LOCATION_INVALID',
  /** The credential Secret, or its key, does not exist. */
  CredentialsNotFound: 'OBJECT_STORE_CREDENTIALS_NOT_FOUND',
  /** The credentials file lacks the profile or a key (named, never quoted). */
  CredentialsInvalid: 'OBJECT_STORE_CREDENTIALS_INVALID',
  /** The store refused the credentials (unknown key, wrong secret, access denied). */
  AccessDenied: 'OBJECT_STORE_ACCESS_DENIED',
  /** The bucket does not exist at the endpoint. */
  BucketNotFound: 'OBJECT_STORE_BUCKET_NOT_FOUND',
  /** The endpoint could not be reached (refused, unknown host, timeout). Retryable. */
  Unreachable: 'OBJECT_STORE_UNREACHABLE',
  /** The object (key) does not exist in the bucket. */
  ObjectNotFound: 'OBJECT_STORE_OBJECT_NOT_FOUND',
  /** The store answered with another failure. Retryable. */
  RequestFailed: 'OBJECT_STORE_REQUEST_FAILED',
  /** The API server could not be asked for the credential Secret. Retryable. */
  KubeUnavailable: 'OBJECT_STORE_KUBE_UNAVAILABLE',
} as const;
/** One of {@link ObjectStoreErrorCode}. */
export type ObjectStoreErrorCode = (typeof ObjectStoreErrorCode)[keyof typeof ObjectStoreErrorCode];

const retryableCodes: ReadonlySet<ObjectStoreErrorCode> = new Set([
  ObjectStoreErrorCode.Unreachable,
  ObjectStoreErrorCode.RequestFailed,
  ObjectStoreErrorCode.KubeUnavailable,
]);

/** A failure of the object-store adapter; `retryable` says whether trying again can help. */
export class ObjectStoreError extends FerryError<ObjectStoreErrorCode> {
  /** `retryable` defaults to true for Unreachable, RequestFailed and KubeUnavailable. */
  constructor(code: ObjectStoreErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(code, message, { cause: options.cause, retryable: options.retryable ?? retryableCodes.has(code) });
  }
}
