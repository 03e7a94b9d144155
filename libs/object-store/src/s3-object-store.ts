// The ObjectStore role over S3 (@aws-sdk/client-s3): one client per BackupStorageLocation, with the
// BSL's endpoint, region, addressing, TLS setting and the credentials given explicitly (never the
// SDK's default chain of environment and files).
import type { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentials, StorageLocationPlan } from '@ferry/storage-location';
import {
  deleteAll,
  listAll,
  openObject,
  putWhole,
  readWhole,
  uploadFromStream,
  type S3Bucket,
  type UploadStreamOptions,
} from './s3-bucket-operations';

/** A BSL's bucket, as Velero's object-store plugins see it. Every method rejects with an ObjectStoreError. */
export interface ObjectStore {
  readonly endpoint: string;
  readonly bucket: string;
  /** The BSL's prefix, trimmed of slashes (`''` = the bucket's root). */
  readonly prefix: string;
  /**
   * The "folders" directly under `keyPrefix` (S3 common prefixes with delimiter `/`), each as the
   * full key prefix ending in `/`, across every page of the listing.
   */
  listCommonPrefixes(keyPrefix: string, signal?: AbortSignal): Promise<string[]>;
  /** Every key under `keyPrefix` (no delimiter: nested keys too), across every page of the listing. */
  listKeys(keyPrefix: string, signal?: AbortSignal): Promise<string[]>;
  /** Writes `body` at `key` (replacing an object there). */
  putObject(key: string, body: string | Uint8Array, signal?: AbortSignal): Promise<void>;
  /** The whole object at `key`, or `undefined` when there is none. For small files; stream large ones. */
  getObject(key: string, signal?: AbortSignal): Promise<Uint8Array | undefined>;
  /** The object at `key` as a stream; rejects with code `ObjectNotFound` when there is none. The caller consumes or destroys it. */
  openObjectStream(key: string, signal?: AbortSignal): Promise<Readable>;
  /**
   * Writes `body` at `key` as a multipart upload while it is read: memory stays near `partSizeBytes ×
   * queueSize` whatever the size. The object appears only when the whole stream was uploaded; an error
   * of `body`, of the store or an abort through `signal` aborts the upload and leaves no object (nor a
   * replaced one). Resolves with the bytes written.
   */
  uploadStream(key: string, body: Readable, options?: UploadStreamOptions): Promise<{ bytes: number }>;
  /** Deletes `keys` (in batches of 1000); keys that do not exist are not an error. */
  deleteKeys(keys: readonly string[], signal?: AbortSignal): Promise<void>;
  /** Releases the client's connections. Idempotent. */
  close(): void;
}

/** Timeouts and retries of the S3 client. */
export interface ObjectStoreClientOptions {
  /** Time to establish a connection; default 5 s. */
  readonly connectionTimeoutMs?: number;
  /** Time for a whole request; default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Attempts per request, the SDK's retry strategy (first try included); default 2. */
  readonly maxAttempts?: number;
}

/**
 * The S3 client of `plan` with `credentials` (never the SDK's default chain), at `endpoint`
 * (default: the plan's). Connects lazily; the caller destroys it.
 */
export function createS3Client(
  plan: StorageLocationPlan,
  credentials: AwsCredentials,
  options: ObjectStoreClientOptions = {},
  endpoint = plan.endpoint,
): S3Client {
  return new S3Client({
    endpoint,
    region: plan.region,
    forcePathStyle: plan.forcePathStyle,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
    maxAttempts: options.maxAttempts ?? 2,
    requestHandler: {
      connectionTimeout: options.connectionTimeoutMs ?? 5000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      // Without it the SDK only logs a warning and keeps waiting: a hung store would hang the caller.
      throwOnRequestTimeout: true,
      ...(plan.insecureSkipTlsVerify ? { httpsAgent: { rejectUnauthorized: false } } : {}),
    },
  });
}

/** An ObjectStore for `plan` with `credentials`. Connects lazily: nothing is sent until a call. */
export function createS3ObjectStore(
  plan: StorageLocationPlan,
  credentials: AwsCredentials,
  options: ObjectStoreClientOptions = {},
): ObjectStore {
  const client = createS3Client(plan, credentials, options);
  const at: S3Bucket = { client, endpoint: plan.endpoint, bucket: plan.bucket };
  let closed = false;

  return {
    endpoint: plan.endpoint,
    bucket: plan.bucket,
    prefix: plan.prefix,
    listCommonPrefixes: (keyPrefix, signal) => listAll(at, keyPrefix, '/', signal),
    listKeys: (keyPrefix, signal) => listAll(at, keyPrefix, undefined, signal),
    putObject: (key, body, signal) => putWhole(at, key, body, signal),
    getObject: (key, signal) => readWhole(at, key, signal),
    openObjectStream: (key, signal) => openObject(at, key, signal),
    uploadStream: (key, body, options) => uploadFromStream(at, key, body, options),
    deleteKeys: (keys, signal) => deleteAll(at, keys, signal),
    close() {
      if (closed) return;
      closed = true;
      client.destroy();
    },
  };
}
