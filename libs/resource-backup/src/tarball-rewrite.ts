// A backup tarball rewritten in place, as Velero's FinalizeBackup does (buildFinalTarball): the old
// object is streamed from the bucket, every entry copied through tar-stream (extract → pack) with
// its header, the entries named by the update replaced or patched, the remaining new ones appended,
// and the result gzip'd into a multipart upload of the same key. The upload replaces the object
// only when complete, so a failure leaves the old tarball as it was. One entry is in memory at a
// time (backup entries are single API objects).
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { archiveEntryMode, type TarballUpdate } from '@ferry/backup';
import type { ObjectStore } from '@ferry/object-store';
import { extract as tarExtract, pack as tarPack, type Header, type Pack } from 'tar-stream';
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

function writeEntry(archive: Pack, header: Partial<Header> & Pick<Header, 'name'>, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    archive.entry({ ...header, size: body.length }, body, (error) => (error ? reject(error) : resolve()));
  });
}

/** Copies `source`'s entries into `archive`, applying `update`; answers the replaced names and the puts left. */
async function copyEntries(
  source: Readable,
  archive: Pack,
  update: TarballUpdate,
): Promise<{ replaced: string[]; pending: Map<string, Buffer> }> {
  const pending = new Map(update.put);
  const replaced: string[] = [];
  const reader = tarExtract();
  const reading = pipeline(source, createGunzip(), reader);
  reading.catch(() => undefined);
  for await (const entry of reader) {
    const header = entry.header as Header;
    const old = await readBody(entry);
    const put = pending.get(header.name);
    const patch = update.patch.get(header.name);
    const body = put ?? (patch ? patch(old) : old);
    if (put) pending.delete(header.name);
    if (body !== old) replaced.push(header.name);
    await writeEntry(archive, header, body);
  }
  await reading;
  return { replaced, pending };
}

/**
 * Rewrites the tarball at `key` with `update` (see {@link TarballUpdate}); entries not named there are
 * copied byte for byte with their headers. Rejects with `RESOURCE_BACKUP_TARBALL_REWRITE_FAILED`
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
  const archive = tarPack();
  const gzip = createGzip();
  archive.pipe(gzip);
  archive.on('error', (error: Error) => gzip.destroy(error));
  const upload = store.uploadStream(key, gzip, { signal: controller.signal });
  upload.catch(() => undefined);
  try {
    const source = await store.openObjectStream(key, controller.signal);
    const { replaced, pending } = await copyEntries(source, archive, update);
    const mtime = new Date();
    for (const [name, body] of pending) await writeEntry(archive, { name, mode: archiveEntryMode, mtime, type: 'file' }, body);
    archive.finalize();
    const { bytes } = await upload;
    return { replaced, added: [...pending.keys()], bytes };
  } catch (error) {
    controller.abort(error);
    archive.destroy();
    await upload.catch(() => undefined);
    if (signal?.aborted)
      throw new ResourceBackupError(ResourceBackupErrorCode.Aborted, `rewrite of backup tarball ${key} was aborted`, { cause: error });
    throw new ResourceBackupError(
      ResourceBackupErrorCode.TarballRewriteFailed,
      `could not rewrite backup tarball ${key}: ${error instanceof Error ? error.message : String(error)}; the old tarball is unchanged, retry the finalizing`,
      { cause: error },
    );
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
