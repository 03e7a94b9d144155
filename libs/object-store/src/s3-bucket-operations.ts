// The requests behind the S3 ObjectStore, one function per operation over a bucket's client. Every
// function rejects with an ObjectStoreError (classified from what the SDK threw).
import { Readable, Transform } from 'node:stream';
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ObjectStoreError, ObjectStoreErrorCode } from './errors';
import { classifyS3Error } from './s3-error-classifier';

/** One bucket at one endpoint, reached through `client`. */
export interface S3Bucket {
  readonly client: S3Client;
  readonly endpoint: string;
  readonly bucket: string;
}

/** Part size and parallelism of a streamed upload. */
export interface UploadStreamOptions {
  /** Bytes per part (S3's minimum, 5 MiB, is the default and the floor). */
  readonly partSizeBytes?: number;
  /** Parts uploaded at once; default 4. */
  readonly queueSize?: number;
  readonly signal?: AbortSignal;
}

const minimumPartSize = 5 * 1024 * 1024;
const deleteBatchSize = 1000;

const failure = (at: S3Bucket, operation: string, error: unknown) =>
  classifyS3Error(error, { operation, endpoint: at.endpoint, bucket: at.bucket });

/** Every page of a listing under `keyPrefix`: the keys, or with `delimiter` the common prefixes. */
export async function listAll(at: S3Bucket, keyPrefix: string, delimiter: '/' | undefined, signal?: AbortSignal): Promise<string[]> {
  const found: string[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await at.client.send(
        new ListObjectsV2Command({ Bucket: at.bucket, Prefix: keyPrefix, Delimiter: delimiter, ContinuationToken: token }),
        { abortSignal: signal },
      );
      const names = delimiter
        ? (page.CommonPrefixes ?? []).map((common) => common.Prefix)
        : (page.Contents ?? []).map((object) => object.Key);
      for (const name of names) if (name) found.push(name);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } catch (error) {
    throw failure(at, `list ${keyPrefix}`, error);
  }
  return found;
}

/** Writes a small object in one request. */
export async function putWhole(at: S3Bucket, key: string, body: string | Uint8Array, signal?: AbortSignal): Promise<void> {
  try {
    await at.client.send(new PutObjectCommand({ Bucket: at.bucket, Key: key, Body: body }), { abortSignal: signal });
  } catch (error) {
    throw failure(at, `put ${key}`, error);
  }
}

/** The object at `key` as a stream (code `ObjectNotFound` when absent). */
export async function openObject(at: S3Bucket, key: string, signal?: AbortSignal): Promise<Readable> {
  try {
    const answer = await at.client.send(new GetObjectCommand({ Bucket: at.bucket, Key: key }), { abortSignal: signal });
    if (answer.Body instanceof Readable) return answer.Body;
    throw new ObjectStoreError(ObjectStoreErrorCode.RequestFailed, `get ${key}: the S3 client returned no stream`);
  } catch (error) {
    throw failure(at, `get ${key}`, error);
  }
}

/** The whole object at `key`, or `undefined` when there is none. */
export async function readWhole(at: S3Bucket, key: string, signal?: AbortSignal): Promise<Uint8Array | undefined> {
  try {
    const answer = await at.client.send(new GetObjectCommand({ Bucket: at.bucket, Key: key }), { abortSignal: signal });
    return answer.Body ? await answer.Body.transformToByteArray() : new Uint8Array();
  } catch (error) {
    const classified = failure(at, `get ${key}`, error);
    if (classified.code === ObjectStoreErrorCode.ObjectNotFound) return undefined;
    throw classified;
  }
}

/**
 * Uploads `body` to `key` as a multipart upload (@aws-sdk/lib-storage) while it is read; on any
 * failure or abort the upload is aborted, so no object appears. Resolves with the bytes written.
 */
export async function uploadFromStream(
  at: S3Bucket,
  key: string,
  body: Readable,
  options: UploadStreamOptions = {},
): Promise<{ bytes: number }> {
  let bytes = 0;
  const counted = body.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    }),
  );
  // A failing source must fail the upload too: pipe() does not forward errors.
  body.once('error', (error) => counted.destroy(error));
  const upload = new Upload({
    client: at.client,
    params: { Bucket: at.bucket, Key: key, Body: counted },
    partSize: Math.max(options.partSizeBytes ?? minimumPartSize, minimumPartSize),
    queueSize: options.queueSize ?? 4,
    leavePartsOnError: false,
  });
  const abort = () => void upload.abort().catch(() => undefined);
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (options.signal?.aborted) throw options.signal.reason;
    await upload.done();
    return { bytes };
  } catch (error) {
    counted.destroy();
    throw failure(at, `upload ${key}`, error);
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
}

/** Deletes `keys` in batches of 1000; absent keys are not an error, a key the store refuses is. */
export async function deleteAll(at: S3Bucket, keys: readonly string[], signal?: AbortSignal): Promise<void> {
  for (let start = 0; start < keys.length; start += deleteBatchSize) {
    const batch = keys.slice(start, start + deleteBatchSize);
    try {
      const answer = await at.client.send(
        new DeleteObjectsCommand({ Bucket: at.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
        { abortSignal: signal },
      );
      const refused = answer.Errors?.[0];
      if (refused) {
        throw new ObjectStoreError(
          ObjectStoreErrorCode.RequestFailed,
          `delete ${refused.Key ?? ''} in bucket ${JSON.stringify(at.bucket)} at ${at.endpoint} failed (${refused.Code ?? 'unknown'}: ${refused.Message ?? ''})`,
        );
      }
    } catch (error) {
      throw failure(at, `delete ${batch.length} objects under ${batch[0] ?? ''}`, error);
    }
  }
}
