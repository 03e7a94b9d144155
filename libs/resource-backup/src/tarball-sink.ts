// The backup tarball streamed into the bucket while it is written: tar-stream → gzip → the
// store's multipart upload. Each entry is awaited until tar-stream has taken its bytes, so a slow
// upload slows the writers down and memory stays near the upload's part buffers.
import { createGzip } from 'node:zlib';
import type { ObjectStore } from '@ferry/object-store';
import { pack as tarPack } from 'tar-stream';
import { archiveEntryMode } from '@ferry/backup';

/** Where entries go; one per collection. */
export interface TarballSink {
  /** Appends a regular file entry; resolves when tar-stream took it, rejects when the upload failed. */
  add(name: string, body: Buffer): Promise<void>;
  /** Ends the archive and waits for the upload; resolves with the object's bytes. */
  finish(): Promise<number>;
  /** Stops writing and aborts the upload (no object is left); never rejects. */
  abort(reason: unknown): Promise<void>;
}

/** Starts the multipart upload of `key` and returns the sink that feeds it. */
export function openTarballSink(store: ObjectStore, key: string, signal?: AbortSignal): TarballSink {
  const archive = tarPack();
  const gzip = createGzip();
  archive.pipe(gzip);
  archive.on('error', (error: Error) => gzip.destroy(error));
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  let failure: { error: unknown } | undefined;
  let rejectWaiters: ((error: unknown) => void)[] = [];
  const upload = store.uploadStream(key, gzip, { signal: controller.signal }).catch((error: unknown) => {
    failure = { error };
    for (const reject of rejectWaiters) reject(error);
    rejectWaiters = [];
    throw error;
  });
  // Observed through finish(); this keeps an early failure from being reported as unhandled.
  upload.catch(() => undefined);
  const mtime = new Date();
  return {
    add(name, body) {
      if (failure) return Promise.reject(failure.error);
      return new Promise<void>((resolve, reject) => {
        rejectWaiters.push(reject);
        archive.entry({ name, size: body.length, mode: archiveEntryMode, mtime, type: 'file' }, body, (error) => {
          rejectWaiters = rejectWaiters.filter((waiter) => waiter !== reject);
          if (error) reject(error);
          else resolve();
        });
      });
    },
    async finish() {
      archive.finalize();
      try {
        return (await upload).bytes;
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    async abort(reason) {
      controller.abort(reason);
      archive.destroy(reason instanceof Error ? reason : new Error(String(reason)));
      await upload.catch(() => undefined);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}
