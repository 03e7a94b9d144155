import { randomBytes } from 'node:crypto';
import { cp, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** What the simulator remembers about a snapshot beside its data (`<snapshot>.json`). */
export interface SnapshotMetadata {
  readonly snapshotHandle: string;
  readonly sourceVolumeHandle: string;
  /** Size of the source volume (its capacity), reported as the snapshot's restoreSize. */
  readonly restoreSizeBytes: number;
  /** Unix time in nanoseconds, as VolumeSnapshotContent reports it. */
  readonly creationTimeNanos: number;
}

/** True when `path` exists (any type). */
export async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Creates `target` as a copy of `source` (or empty when no source), atomically: the copy goes to
 * a temporary sibling that is renamed at the end, so a crash never leaves a half-filled volume and
 * a repeated call after success does nothing.
 */
export async function populateDirectory(target: string, source?: string): Promise<void> {
  if (await exists(target)) return;
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.partial-${randomBytes(4).toString('hex')}`;
  try {
    if (source) await cp(source, temporary, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    else await mkdir(temporary);
    await rename(temporary, target);
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

/** Removes a folder tree; nothing if absent. */
export async function removeDirectory(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/** Bytes of the regular files under `path` (0 when absent). */
export async function directoryBytes(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isDirectory()) return info?.size ?? 0;
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    total += entry.isDirectory() ? await directoryBytes(child) : entry.isFile() ? (await stat(child)).size : 0;
  }
  return total;
}

/** Writes the metadata file of a snapshot next to its data folder. */
export async function writeSnapshotMetadata(snapshotDir: string, metadata: SnapshotMetadata): Promise<void> {
  await writeFile(`${snapshotDir}.json`, JSON.stringify(metadata, null, 2));
}

/** Reads the metadata of a snapshot, or undefined when it has none (e.g. data put there by hand). */
export async function readSnapshotMetadata(snapshotDir: string): Promise<SnapshotMetadata | undefined> {
  const text = await readFile(`${snapshotDir}.json`, 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as SnapshotMetadata) : undefined;
}

/** Removes a snapshot's data and metadata. */
export async function removeSnapshot(snapshotDir: string): Promise<void> {
  await removeDirectory(snapshotDir);
  await rm(`${snapshotDir}.json`, { force: true });
}
