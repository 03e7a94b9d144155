// A backup tarball rewritten in place, as Velero's FinalizeBackup does (buildFinalTarball): the old
// object is streamed from the bucket and read with tar-stream, every entry written again with its
// own mode and time through tar-stream's pack (as the collection writes), the entries named by the update
// replaced or patched, the remaining new ones appended, and the result gzip'd into a multipart
// upload of the same key. The upload replaces the object only when complete, so a failure leaves
// the old tarball as it was. One entry is in memory at a time (backup entries are single API
// objects) and each entry waits until the pack took it, which happens only as gzip drains.
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { archiveEntryMode, type TarballUpdate } from '@ferry/backup';
import type { ObjectStore } from '@ferry/object-store';
import { extract as tarExtract, pack as tarPack, type Pack } from 'tar-stream';
import { ResourceBackupError, ResourceBackupErrorCode } from './errors';

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

/** Writes one regular file entry (mode, time); resolves when the pack took it, rejects once `failed` reports an error. */
type EntryWrite = (name: string, body: Buffer, mode: number, mtime: Date) => Promise<void>;

const ignore = (): void => undefined;

function entryWriter(tar: Pack, failed: () => unknown): EntryWrite {
  return (name, body, mode, mtime) => {
    const failure = failed();
    if (failure !== undefined) return Promise.reject(failure);
    return new Promise<void>((resolve, reject) => {
      tar
        .entry({ name, size: body.length, mode, mtime, type: 'file' }, body, (error) => (error ? reject(failed() ?? error) : resolve()))
        .on('error', ignore);
    });
  };
}

/**
 * Copies `source`'s entries, applying `update`: an unchanged entry keeps its header's mode and time,
 * a replaced one gets Velero's new-file header (mode 0755, time `now`). Answers the replaced names
 * and the puts left to append.
 */
async function copyEntries(
  source: Readable,
  write: EntryWrite,
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
      await write(header.name, body, header.mode ?? archiveEntryMode, header.mtime ?? now);
    } else {
      replaced.push(header.name);
      await write(header.name, body, archiveEntryMode, now);
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
  const tar = tarPack();
  // The pack fails only when this function destroys it; the rejection below reports why.
  tar.on('error', ignore);
  tar.pipe(gzip);
  let failure: unknown;
  const upload = store.uploadStream(key, gzip, { signal: controller.signal }).catch((error: unknown) => {
    failure = error;
    tar.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  });
  upload.catch(() => undefined);
  const write = entryWriter(tar, () => failure);
  try {
    const now = new Date();
    const source = await store.openObjectStream(key, controller.signal);
    const { replaced, pending } = await copyEntries(source, write, update, now);
    for (const [name, body] of pending) await write(name, body, archiveEntryMode, now);
    tar.finalize();
    const { bytes } = await upload;
    return { replaced, added: [...pending.keys()], bytes };
  } catch (error) {
    controller.abort(error);
    tar.destroy(error instanceof Error ? error : new Error(String(error)));
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
