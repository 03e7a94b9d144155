// The backup tarball streamed into the bucket while it is written: tar-stream's pack → gzip → the
// store's multipart upload. A page of entries goes into the pack at once (no wait per entry); add()
// resolves when the page's last entry has been taken, which happens only as gzip drains the pack,
// so a slow upload slows the writers down a page at a time and memory stays near the upload's
// part buffers.
import { createGzip, type Gzip } from 'node:zlib';
import { pack as tarPack, type Pack } from 'tar-stream';
import { archiveEntryMode } from '@ferry/backup';
import type { ObjectStore } from '@ferry/object-store';

/** One regular file of the archive. */
export interface TarFile {
  readonly name: string;
  readonly body: Buffer;
}

/** Where entries go; one per collection. */
export interface TarballSink {
  /** Appends regular files; resolves when the pack took them, rejects when the upload failed. */
  add(files: readonly TarFile[]): Promise<void>;
  /** Ends the archive and waits for the upload; resolves with the object's bytes. */
  finish(): Promise<number>;
  /** Stops writing and aborts the upload (no object is left); never rejects. */
  abort(reason: unknown): Promise<void>;
}

const gzipChunkBytes = 256 * 1024;

const ignore = (): void => undefined;
const asError = (reason: unknown): Error => (reason instanceof Error ? reason : new Error(String(reason)));

/**
 * Moves the pack's output into gzip in chunks of about `gzipChunkBytes`: the pack emits a small
 * buffer per header, body and padding, and zlib's stream runs one threadpool job per write, which
 * made gzip's writes (not the tar encoding) the cost of a collection. Pauses the pack while gzip's
 * buffer is full.
 */
function feedInBatches(tar: Pack, gzip: Gzip): void {
  let chunks: Buffer[] = [];
  let bytes = 0;
  const flush = (): boolean => {
    const batch = Buffer.concat(chunks, bytes);
    chunks = [];
    bytes = 0;
    return gzip.write(batch);
  };
  tar.on('data', (data) => {
    const chunk = data as Buffer;
    chunks.push(chunk);
    bytes += chunk.length;
    if (bytes < gzipChunkBytes || flush()) return;
    tar.pause();
    gzip.once('drain', () => tar.resume());
  });
  tar.on('end', () => {
    if (bytes > 0) flush();
    gzip.end();
  });
}

/**
 * Starts the multipart upload of `key` and returns the sink that feeds it. Entries are USTAR
 * regular files (a PAX header when a name fits no USTAR split), mode `archiveEntryMode`, uid and
 * gid 0, all with the time the sink was opened; gzip at zlib's default level, as Velero's Go
 * writer (gzip.NewWriter: the default level).
 */
export function openTarballSink(store: ObjectStore, key: string, signal?: AbortSignal): TarballSink {
  const tar = tarPack();
  const gzip = createGzip({ chunkSize: gzipChunkBytes });
  feedInBatches(tar, gzip);
  // The pack and its entries fail only when the sink destroys the pack; add(), finish() and abort()
  // report why.
  tar.on('error', ignore);
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let failure: { error: unknown } | undefined;
  const upload = store.uploadStream(key, gzip, { signal: controller.signal }).catch((error: unknown) => {
    failure = { error };
    tar.destroy(asError(error));
    throw error;
  });
  // Observed through finish(); this keeps an early failure from being reported as unhandled.
  upload.catch(() => undefined);
  const mtime = new Date(Math.floor(Date.now() / 1000) * 1000);
  const header = (file: TarFile): Parameters<typeof tar.entry>[0] => ({
    name: file.name,
    size: file.body.length,
    mode: archiveEntryMode,
    mtime,
    type: 'file',
  });
  return {
    add(files) {
      if (failure) return Promise.reject(failure.error);
      if (files.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const last = files.length - 1;
        files.forEach((file, index) => {
          const done = index < last ? undefined : (error?: Error | null) => (error ? reject(failure?.error ?? error) : resolve());
          tar.entry(header(file), file.body, done).on('error', ignore);
        });
      });
    },
    async finish() {
      if (failure) throw failure.error;
      tar.finalize();
      try {
        return (await upload).bytes;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    async abort(reason) {
      controller.abort(reason);
      tar.destroy(asError(reason));
      gzip.destroy(asError(reason));
      await upload.catch(() => undefined);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
