// The ObjectStore role over S3 (@aws-sdk/client-s3): one client per BackupStorageLocation, with the
// BSL's endpoint, region, addressing, TLS setting and the credentials given explicitly (never the
// SDK's default chain of environment and files).
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AwsCredentials, StorageLocationPlan } from '@ferry/storage-location';
import { classifyS3Error } from './s3-error-classifier';

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
  /** Writes `body` at `key` (replacing an object there). */
  putObject(key: string, body: string | Uint8Array, signal?: AbortSignal): Promise<void>;
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

/** An ObjectStore for `plan` with `credentials`. Connects lazily: nothing is sent until a call. */
export function createS3ObjectStore(
  plan: StorageLocationPlan,
  credentials: AwsCredentials,
  options: ObjectStoreClientOptions = {},
): ObjectStore {
  const client = new S3Client({
    endpoint: plan.endpoint,
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
  const target = (operation: string) => ({ operation, endpoint: plan.endpoint, bucket: plan.bucket });
  let closed = false;

  return {
    endpoint: plan.endpoint,
    bucket: plan.bucket,
    prefix: plan.prefix,
    async listCommonPrefixes(keyPrefix, signal) {
      const found: string[] = [];
      let token: string | undefined;
      try {
        do {
          const page = await client.send(
            new ListObjectsV2Command({ Bucket: plan.bucket, Prefix: keyPrefix, Delimiter: '/', ContinuationToken: token }),
            { abortSignal: signal },
          );
          for (const common of page.CommonPrefixes ?? []) if (common.Prefix) found.push(common.Prefix);
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
      } catch (error) {
        throw classifyS3Error(error, target('list'));
      }
      return found;
    },
    async putObject(key, body, signal) {
      try {
        await client.send(new PutObjectCommand({ Bucket: plan.bucket, Key: key, Body: body }), { abortSignal: signal });
      } catch (error) {
        throw classifyS3Error(error, target(`put ${key}`));
      }
    },
    close() {
      if (closed) return;
      closed = true;
      client.destroy();
    },
  };
}
