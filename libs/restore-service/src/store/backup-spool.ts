// Phase 1's read of the backup: the tarball streamed from the bucket (tar-stream over node:zlib's
// gunzip) and every item entry appended to one file in a private temporary directory, as Velero
// extracts it before restoring. Memory stays bounded whatever the backup's size: bodies go to disk
// as they stream by (one entry in memory at a time, the file's write buffer aside), and what stays
// in memory is one small index record per entry (group-resource, version directory, namespace,
// name, offset and length) — about 150 bytes, so some 15 MB for 50,000 items written twice (legacy
// and preferred-version paths). One append-only file, not a file per entry: creating 10,000 small
// files cost seconds of a 5,000-item restore; an entry is read back with one positional read.
import { createWriteStream, readSync } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import { parseArchiveEntry, type ArchiveItemEntry } from '@ferry/restore';
import { RestoreServiceError, RestoreServiceErrorCode } from '../errors';

/** The items of one version directory of one resource: by namespace (`""` = cluster), name → entry number. */
type ScopeIndex = Map<string, Map<string, number>>;

/** Where each entry's body lies in the spool file, by entry number. */
interface BodySpans {
  readonly offsets: number[];
  readonly lengths: number[];
}

/** The spooled backup: an index in memory, bodies on disk. */
export interface SpooledBackup {
  /** Backed-up resources (`group.resource`) with their version directories (`""` = the legacy path). */
  readonly resources: ReadonlyMap<string, ReadonlyMap<string, ScopeIndex>>;
  /** Item entries spooled. */
  readonly entries: number;
  /** The names of `resource` in `namespace` under `versionDir`, in tarball order. */
  names(resource: string, versionDir: string, namespace: string): readonly string[];
  /** Namespaces (`""` = cluster) holding items of `resource` under `versionDir`. */
  namespaces(resource: string, versionDir: string): readonly string[];
  /** The body of an item, or undefined when the backup has no such entry. */
  read(resource: string, versionDir: string, namespace: string, name: string): Promise<Buffer | undefined>;
  /** Removes the temporary directory. Idempotent; never rejects. */
  dispose(): Promise<void>;
}

function record(resources: Map<string, Map<string, ScopeIndex>>, entry: ArchiveItemEntry, entryNumber: number): void {
  let versions = resources.get(entry.groupResource);
  if (!versions) resources.set(entry.groupResource, (versions = new Map()));
  let scopes = versions.get(entry.versionDir);
  if (!scopes) versions.set(entry.versionDir, (scopes = new Map()));
  let names = scopes.get(entry.namespace);
  if (!names) scopes.set(entry.namespace, (names = new Map()));
  names.set(entry.name, entryNumber);
}

/** The entry's bytes; listeners rather than an async iterator per entry (a tarball holds every item twice). */
function drain(stream: Pick<NodeJS.EventEmitter, 'on' | 'once'>): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('error', fail);
    stream.once('end', () => done(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
  });
}

/**
 * Bytes gunzip hands on at once: with zlib's default (16 KiB) a 5,000-item tarball (~16 MB of tar)
 * took ~1,000 thread-pool round trips and gunzip alone ~58 ms; with 256 KiB, ~15-25 ms.
 */
const gunzipChunkBytes = 256 * 1024;

/**
 * Appends every item entry of `tarball` to `path` and indexes it. Resolves once the file is
 * complete; rejects when the tarball or the file fails.
 */
async function spoolEntries(
  tarball: Readable,
  path: string,
  resources: Map<string, Map<string, ScopeIndex>>,
  spans: BodySpans,
  signal?: AbortSignal,
): Promise<void> {
  const file = createWriteStream(path);
  const fileDone = finished(file);
  // A write error is answered by `fileDone` (and a pending 'drain' wait); swallowed here so it is not unhandled.
  fileDone.catch(() => undefined);
  let written = 0;
  const extractor = tarExtract();
  extractor.on('entry', (header, stream, next) => {
    const entry = header.type === 'file' ? parseArchiveEntry(header.name) : undefined;
    if (!entry) {
      stream.on('end', () => next());
      stream.resume();
      return;
    }
    drain(stream)
      .then(async (body) => {
        const entryNumber = spans.offsets.length;
        spans.offsets.push(written);
        spans.lengths.push(body.length);
        written += body.length;
        record(resources, entry, entryNumber);
        // The stream coalesces buffered bodies into few writes; wait only when its buffer is full.
        if (!file.write(body)) await once(file, 'drain');
        next();
      })
      .catch((error: unknown) => next(error as Error));
  });
  try {
    await pipeline(tarball, createGunzip({ chunkSize: gunzipChunkBytes }), extractor, { signal });
  } finally {
    file.end();
  }
  await fileDone;
}

/** Bytes read from the spool file at once: the restore reads items in nearly the order they were written. */
const readAheadBytes = 64 * 1024;

/**
 * Positional reads of the spool file through a read-ahead window: a synchronous read of a few KiB
 * just written (in the page cache) takes microseconds, less than the thread pool's hand-off (~8%
 * of the restore's CPU when it went through it), and one read per window instead of one per item
 * saves most of the system calls (a read per item was ~25 µs of the restore bench's CPU per item).
 * An answer is a view of a window, never overwritten (a refill allocates a new one).
 */
function readAheadOf(fd: number): { read(offset: number, length: number): Buffer } {
  let window = Buffer.alloc(0);
  let windowStart = 0;
  return {
    read(offset, length) {
      if (offset < windowStart || offset + length > windowStart + window.length) {
        const buffer = Buffer.allocUnsafe(Math.max(length, readAheadBytes));
        window = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, offset));
        windowStart = offset;
      }
      const start = offset - windowStart;
      return window.subarray(start, Math.min(start + length, window.length));
    },
  };
}

/**
 * Streams `tarball` (gzip'd tar) into a new temporary directory. Rejects with
 * RESTORE_TARBALL_UNREADABLE when it is not gzip'd tar (the directory is removed), RESTORE_ABORTED
 * when `signal` aborts. The caller disposes of the result.
 */
export async function spoolBackupTarball(tarball: Readable, backupName: string, signal?: AbortSignal): Promise<SpooledBackup> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-restore-'));
  const path = join(dir, 'items.spool');
  const resources = new Map<string, Map<string, ScopeIndex>>();
  const spans: BodySpans = { offsets: [], lengths: [] };
  let bodies: FileHandle;
  try {
    await spoolEntries(tarball, path, resources, spans, signal);
    bodies = await open(path, 'r');
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    if (signal?.aborted)
      throw new RestoreServiceError(RestoreServiceErrorCode.Aborted, `reading backup ${backupName} was aborted`, { cause: error });
    const detail = error instanceof Error ? error.message : String(error);
    throw new RestoreServiceError(RestoreServiceErrorCode.TarballUnreadable, `error downloading backup ${backupName}: ${detail}`, {
      cause: error,
    });
  }
  const scope = (resource: string, versionDir: string) => resources.get(resource)?.get(versionDir);
  const readAhead = readAheadOf(bodies.fd);
  let disposed: Promise<void> | undefined;
  return {
    resources,
    entries: spans.offsets.length,
    names: (resource, versionDir, namespace) => [...(scope(resource, versionDir)?.get(namespace)?.keys() ?? [])],
    namespaces: (resource, versionDir) => [...(scope(resource, versionDir)?.keys() ?? [])],
    async read(resource, versionDir, namespace, name) {
      const entryNumber = scope(resource, versionDir)?.get(namespace)?.get(name);
      if (entryNumber === undefined) return undefined;
      return readAhead.read(spans.offsets[entryNumber] ?? 0, spans.lengths[entryNumber] ?? 0);
    },
    dispose: () =>
      (disposed ??= bodies
        .close()
        .catch(() => undefined)
        .then(() => rm(dir, { recursive: true, force: true }))
        .catch(() => undefined)),
  };
}
