// Reading a backup's files back from the bucket in tests: gzip'd documents as text and the
// tarball's entries (name → bytes, with each entry's mode).
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import type { ObjectStore } from '@ferry/object-store';

/** The gunzipped text of `key`, or undefined when there is no such object. */
export async function gzText(store: ObjectStore, key: string): Promise<string | undefined> {
  const bytes = await store.getObject(key);
  return bytes ? gunzipSync(bytes).toString('utf8') : undefined;
}

/** One entry of a tarball. */
export interface TarEntry {
  readonly mode: number;
  readonly body: Buffer;
}

/** The entries of the gzip'd tarball at `key`, by name, in archive order. Rejects when it is missing or not a whole tarball. */
export async function tarballEntries(store: ObjectStore, key: string): Promise<Map<string, TarEntry>> {
  const bytes = await store.getObject(key);
  if (!bytes) throw new Error(`no tarball at ${key}`);
  const entries = new Map<string, TarEntry>();
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
      stream.on('end', () => {
        entries.set(header.name, { mode: header.mode ?? 0, body: Buffer.concat(chunks) });
        next();
      });
    });
    reader.on('finish', resolve);
    reader.on('error', reject);
  });
  reader.end(gunzipSync(bytes));
  await done;
  return entries;
}
