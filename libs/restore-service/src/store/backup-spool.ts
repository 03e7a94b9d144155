// Phase 1's read of the backup: the tarball streamed from the bucket (tar-stream over node:zlib's
// gunzip) and every item entry written to a private temporary directory, as Velero extracts it
// before restoring. Memory stays bounded whatever the backup's size: bodies go to disk as they
// stream by (one entry in memory at a time), and what stays in memory is one small index record
// per entry (group-resource, version directory, namespace, name, file number) — about 150 bytes,
// so some 15 MB for 50,000 items written twice (legacy and preferred-version paths).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import { parseArchiveEntry, type ArchiveItemEntry } from '@ferry/restore';
import { RestoreServiceError, RestoreServiceErrorCode } from '../errors';

/** The items of one version directory of one resource: by namespace (`""` = cluster), name → file. */
type ScopeIndex = Map<string, Map<string, number>>;

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

function record(resources: Map<string, Map<string, ScopeIndex>>, entry: ArchiveItemEntry, file: number): void {
  let versions = resources.get(entry.groupResource);
  if (!versions) resources.set(entry.groupResource, (versions = new Map()));
  let scopes = versions.get(entry.versionDir);
  if (!scopes) versions.set(entry.versionDir, (scopes = new Map()));
  let names = scopes.get(entry.namespace);
  if (!names) scopes.set(entry.namespace, (names = new Map()));
  names.set(entry.name, file);
}

async function drain(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Streams `tarball` (gzip'd tar) into a new temporary directory. Rejects with
 * RESTORE_TARBALL_UNREADABLE when it is not gzip'd tar (the directory is removed), RESTORE_ABORTED
 * when `signal` aborts. The caller disposes of the result.
 */
export async function spoolBackupTarball(tarball: Readable, backupName: string, signal?: AbortSignal): Promise<SpooledBackup> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-restore-'));
  const resources = new Map<string, Map<string, ScopeIndex>>();
  let files = 0;
  const extractor = tarExtract();
  extractor.on('entry', (header, stream, next) => {
    const entry = header.type === 'file' ? parseArchiveEntry(header.name) : undefined;
    if (!entry) {
      stream.on('end', () => next());
      stream.resume();
      return;
    }
    const file = files++;
    drain(stream)
      .then((body) => writeFile(join(dir, `${file}.json`), body))
      .then(() => {
        record(resources, entry, file);
        next();
      })
      .catch((error: unknown) => next(error as Error));
  });
  try {
    await pipeline(tarball, createGunzip(), extractor, { signal });
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
  return {
    resources,
    entries: files,
    names: (resource, versionDir, namespace) => [...(scope(resource, versionDir)?.get(namespace)?.keys() ?? [])],
    namespaces: (resource, versionDir) => [...(scope(resource, versionDir)?.keys() ?? [])],
    async read(resource, versionDir, namespace, name) {
      const file = scope(resource, versionDir)?.get(namespace)?.get(name);
      return file === undefined ? undefined : readFile(join(dir, `${file}.json`));
    },
    dispose: () => rm(dir, { recursive: true, force: true }).catch(() => undefined),
  };
}
