// A backup tarball rewritten in place, as Velero's FinalizeBackup does (buildFinalTarball): the old
// object is streamed from the bucket and read with tar-stream, every entry written again with its
// own mode and time in the collection's tar format (tar-encoder.ts), the entries named by the update
// replaced or patched, the remaining new ones appended, and the result gzip'd into a multipart
// upload of the same key. The upload replaces the object only when complete, so a failure leaves
// the old tarball as it was. One entry is in memory at a time (backup entries are single API
// objects) and each write waits while gzip's buffer is full.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';
import { archiveEntryMode, type TarballUpdate } from '@ferry/backup';
import type { ObjectStore } from '@ferry/object-store';
import { extract as tarExtract } from 'tar-stream';
import { ResourceBackupError, ResourceBackupErrorCode } from './errors';
import { encodeTarFiles, tarEnd } from './tar-encoder';

/** Which entries a rewrite changed. */
export interface TarballRewriteResult {
  /** Existing entries written with a new body, in tarball order. */
  readonly replaced: readonly string[];
  /** Entries appended after the existing ones, in the update's order. */
  readonly added: readonly string[];
  /** Bytes of the new object. */
  readonly bytes: number;
}

async function readBody(entry: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const gzipChunkBytes = 256 * 1024;

/** Writes to gzip, waiting for `drain` when its buffer is full; rejects once `failed` reports an error. */
type GzipWrite = (bytes: Buffer) => Promise<void>;

function gzipWriter(gzip: Gzip, failed: () => unknown): GzipWrite {
  return (bytes) => {
    const failure = failed();
    if (failure !== undefined) return Promise.reject(failure);
    if (gzip.write(bytes)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => gzip.once('drain', () => (failed() === undefined ? resolve() : reject(failed()))));
  };
}

/** One entry as the collection writes it, keeping the old header's mode and time (seconds). */
const entryBytes = (name: string, body: Buffer, mode: number, mtime: Date): Buffer =>
  encodeTarFiles([{ name, body }], mode, Math.floor(mtime.getTime() / 1000));

/**
 * Copies `source`'s entries, applying `update`: an unchanged entry keeps its header's mode and time,
 * a replaced one gets Velero's new-file header (mode 0755, time `now`). Answers the replaced names
 * and the puts left to append.
 */
async function copyEntries(
  source: Readable,
  write: GzipWrite,
  update: TarballUpdate,
  now: Date,
): Promise<{ replaced: string[]; pending: Map<string, Buffer> }> {
  const pending = new Map(update.put);
  const replaced: string[] = [];
  const reader = tarExtract();
  const reading = pipeline(source, createGunzip(), reader);
  reading.catch(() => undefined);
  for await (const entry of reader) {
    const { header } = entry;
    const old = await readBody(entry);
    const put = pending.get(header.name);
    const patch = update.patch.get(header.name);
    const body = put ?? (patch ? patch(old) : old);
    if (put) pending.delete(header.name);
    if (body === old) {
      await write(entryBytes(header.name, body, header.mode ?? archiveEntryMode, header.mtime ?? now));
    } else {
      replaced.push(header.name);
      await write(entryBytes(header.name, body, archiveEntryMode, now));
    }
  }
  await reading;
  return { replaced, pending };
}

/**
 * Rewrites the tarball at `key` with `update` (see {@link TarballUpdate}); entries not named there are
 * copied byte for byte with their mode and time. Rejects with `RESOURCE_BACKUP_TARBALL_REWRITE_FAILED`
 * (retryable when the store's error is) or `RESOURCE_BACKUP_ABORTED`; the old object is then untouched.
 */
export async function rewriteTarball(
  store: ObjectStore,
  key: string,
  update: TarballUpdate,
  signal?: AbortSignal,
): Promise<TarballRewriteResult> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const gzip = createGzip({ chunkSize: gzipChunkBytes });
  let failure: unknown;
  const upload = store.uploadStream(key, gzip, { signal: controller.signal }).catch((error: unknown) => {
    failure = error;
    gzip.emit('drain');
    throw error;
  });
  upload.catch(() => undefined);
  const write = gzipWriter(gzip, () => failure);
  try {
    const now = new Date();
    const source = await store.openObjectStream(key, controller.signal);
    const { replaced, pending } = await copyEntries(source, write, update, now);
    for (const [name, body] of pending) await write(entryBytes(name, body, archiveEntryMode, now));
    await write(tarEnd());
    gzip.end();
    const { bytes } = await upload;
    return { replaced, added: [...pending.keys()], bytes };
  } catch (error) {
    controller.abort(error);
    gzip.destroy(error instanceof Error ? error : new Error(String(error)));
    await upload.catch(() => undefined);
    if (signal?.aborted) {
      throw new ResourceBackupError(ResourceBackupErrorCode.Aborted, `rewrite of backup tarball ${key} was aborted`, { cause: error });
    }
    throw new ResourceBackupError(
      ResourceBackupErrorCode.TarballRewriteFailed,
      `could not rewrite backup tarball ${key}: ${error instanceof Error ? error.message : String(error)}; the old tarball is unchanged, retry the finalizing`,
      { cause: error },
    );
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
