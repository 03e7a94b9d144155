// The backup tarball streamed into the bucket while it is written: tar blocks (tar-encoder.ts) →
// gzip → the store's multipart upload. Entries are written a page at a time; each write waits
// while gzip's buffer is full, so a slow upload slows the writers down and memory stays near the
// upload's part buffers.
import { constants as zlibConstants, createGzip } from 'node:zlib';
import { archiveEntryMode } from '@ferry/backup';
import type { ObjectStore } from '@ferry/object-store';
import { encodeTarFiles, tarEnd, type TarFile } from './tar-encoder';

/** Where entries go; one per collection. */
export interface TarballSink {
  /** Appends regular files; resolves when gzip took them, rejects when the upload failed. */
  add(files: readonly TarFile[]): Promise<void>;
  /** Ends the archive and waits for the upload; resolves with the object's bytes. */
  finish(): Promise<number>;
  /** Stops writing and aborts the upload (no object is left); never rejects. */
  abort(reason: unknown): Promise<void>;
}

const gzipChunkBytes = 256 * 1024;

/** Starts the multipart upload of `key` and returns the sink that feeds it. */
export function openTarballSink(store: ObjectStore, key: string, signal?: AbortSignal): TarballSink {
  // Fastest compression: gzip was the largest CPU cost of a collection at the default level (the
  // format is the same; the tarball is about 1.5x larger).
  const gzip = createGzip({ chunkSize: gzipChunkBytes, level: zlibConstants.Z_BEST_SPEED });
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let failure: { error: unknown } | undefined;
  const upload = store.uploadStream(key, gzip, { signal: controller.signal }).catch((error: unknown) => {
    failure = { error };
    gzip.emit('drain');
    throw error;
  });
  // Observed through finish(); this keeps an early failure from being reported as unhandled.
  upload.catch(() => undefined);
  const mtime = Math.floor(Date.now() / 1000);
  const write = (bytes: Buffer): Promise<void> => {
    if (failure) return Promise.reject(failure.error);
    if (gzip.write(bytes)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => gzip.once('drain', () => (failure ? reject(failure.error) : resolve())));
  };
  return {
    add(files) {
      return files.length === 0 ? Promise.resolve() : write(encodeTarFiles(files, archiveEntryMode, mtime));
    },
    async finish() {
      await write(tarEnd());
      gzip.end();
      try {
        return (await upload).bytes;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    async abort(reason) {
      controller.abort(reason);
      gzip.destroy(reason instanceof Error ? reason : new Error(String(reason)));
      await upload.catch(() => undefined);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
