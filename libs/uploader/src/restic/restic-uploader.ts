// The restic implementation of the Uploader role (Velero's legacy restic path,
// docs/velero-compatibility.md#restic): argument builders and parsers are pure (restic-args,
// restic-output); this file sequences the restic commands of each operation and reports progress.
import { mkdir } from 'node:fs/promises';
import { UploaderError, UploaderErrorCode } from '../errors';
import { partitionSnapshotIds } from '../snapshot-deletion';
import type {
  BackupOptions,
  RepositoryAccess,
  RestoreOptions,
  SnapshotDeletion,
  SnapshotInfo,
  TransferProgress,
  TransferSummary,
  Uploader,
} from '../uploader';
import {
  backupArgs,
  catConfigArgs,
  checkArgs,
  forgetArgs,
  initArgs,
  resticHost,
  resticSourceTag,
  restoreArgs,
  snapshotsArgs,
} from './restic-args';
import { isEmptySnapshotError, parseBackupStatusLine, parseBackupSummary, parseRestoreProgressLine, parseSnapshots } from './restic-output';
import { openResticSession, type ResticSession } from './restic-runner';

/** Options of the restic uploader. */
export interface ResticUploaderOptions {
  /** Path of the restic binary (0.19 is what the project records and tests against). */
  readonly binary: string;
}

async function snapshotsMatching(
  session: ResticSession,
  tags: Readonly<Record<string, string>>,
  signal?: AbortSignal,
  host: string | undefined = resticHost,
): Promise<SnapshotInfo[]> {
  const filter = host === undefined ? { tags } : { tags, host };
  const result = await session.run({ operation: 'snapshots', args: snapshotsArgs(session.options, filter), signal });
  try {
    return parseSnapshots(result.stdout).sort((a, b) => a.time.localeCompare(b.time));
  } catch (error) {
    throw new UploaderError(
      UploaderErrorCode.UnexpectedOutput,
      `restic snapshots in repository ${session.options.repository} printed no JSON list`,
      { cause: error },
    );
  }
}

/** Reads the repository's config: it exists and the password opens it. */
async function connectRepository(binary: string, access: RepositoryAccess, signal?: AbortSignal): Promise<void> {
  const session = await openResticSession(binary, access);
  await session.run({ operation: 'cat config', args: catConfigArgs(session.options), signal });
}

/** `restic init`; an existing repository is `UPLOADER_REPOSITORY_EXISTS` (classified by the runner). */
async function createRepository(binary: string, access: RepositoryAccess, signal?: AbortSignal): Promise<void> {
  const session = await openResticSession(binary, access);
  await session.run({ operation: 'init', args: initArgs(session.options), signal });
}

// The parent argument for a backup: the requested one, none, or the latest matching snapshot.
async function resticParent(
  session: ResticSession,
  tags: Readonly<Record<string, string>>,
  options: BackupOptions,
): Promise<{ id: string } | 'none' | undefined> {
  const parent = options.parent ?? { kind: 'latest' };
  if (parent.kind === 'none') return 'none';
  if (parent.kind === 'snapshot') return { id: parent.id };
  const latest = (await snapshotsMatching(session, tags, options.signal)).at(-1);
  return latest ? { id: latest.id } : undefined;
}

async function backup(binary: string, access: RepositoryAccess, options: BackupOptions): Promise<TransferSummary> {
  const session = await openResticSession(binary, access);
  const tags = { ...options.tags, [resticSourceTag]: options.sourceName };
  const parent = await resticParent(session, tags, options);
  const result = await session.run({
    operation: `backup of ${options.sourceName}`,
    args: backupArgs(session.options, tags, parent),
    cwd: options.sourceDir,
    signal: options.signal,
    onStdoutLine: (line) => {
      const progress = parseBackupStatusLine(line);
      if (progress) options.onProgress?.(progress);
    },
    tolerate: (_code, run) => isEmptySnapshotError(run.stderrTail) || isEmptySnapshotError(run.stdout),
  });
  if (result.exitCode !== 0) return { snapshotId: '', totalBytes: 0, incrementalBytes: 0, emptyVolume: true };
  const summary = parseBackupSummary(result.stdout);
  if (!summary) {
    throw new UploaderError(
      UploaderErrorCode.UnexpectedOutput,
      `restic backup of ${options.sourceName} in repository ${session.options.repository} printed no summary line`,
    );
  }
  options.onProgress?.({ bytesDone: summary.totalBytesProcessed, totalBytes: summary.totalBytesProcessed });
  return { snapshotId: summary.snapshotId, totalBytes: summary.totalBytesProcessed, incrementalBytes: summary.dataAdded };
}

async function restore(binary: string, access: RepositoryAccess, options: RestoreOptions): Promise<TransferSummary> {
  const session = await openResticSession(binary, access);
  await mkdir(options.targetDir, { recursive: true });
  let last: Required<TransferProgress> | undefined;
  await session.run({
    operation: `restore of snapshot ${options.snapshotId}`,
    args: restoreArgs(session.options, options.snapshotId),
    cwd: options.targetDir,
    signal: options.signal,
    onStdoutLine: (line) => {
      const progress = parseRestoreProgressLine(line);
      if (!progress) return;
      last = progress;
      options.onProgress?.(progress);
    },
  });
  if (!last) {
    throw new UploaderError(
      UploaderErrorCode.UnexpectedOutput,
      `restic restore of snapshot ${options.snapshotId} in repository ${session.options.repository} printed no summary line`,
    );
  }
  return { snapshotId: options.snapshotId, totalBytes: last.totalBytes };
}

/** Lists every snapshot (any host: Velero's too), then forgets the requested ones that are there. */
async function deleteSnapshots(
  binary: string,
  access: RepositoryAccess,
  snapshotIds: readonly string[],
  signal?: AbortSignal,
): Promise<SnapshotDeletion> {
  const session = await openResticSession(binary, access);
  const stored = await snapshotsMatching(session, {}, signal, undefined);
  const deletion = partitionSnapshotIds(
    snapshotIds,
    stored.map((snapshot) => snapshot.id),
  );
  if (deletion.deleted.length > 0) {
    await session.run({
      operation: `forget of ${deletion.deleted.join(', ')}`,
      args: forgetArgs(session.options, deletion.deleted),
      signal,
    });
  }
  return deletion;
}

/**
 * Creates the restic uploader. Each call runs restic processes to their end (or until its signal
 * aborts them: `UPLOADER_CANCELED`); the password reaches restic through a 0600 file in the
 * access's work folder and S3 keys through its environment. Snapshots are tagged with the source
 * name (`ferry-source`) besides the given tags; the parent of a backup is the latest snapshot with
 * the same tags and host, as the mount path differs between jobs.
 */
export function createResticUploader(options: ResticUploaderOptions): Uploader {
  const { binary } = options;
  return {
    kind: 'restic',
    connectRepository: (access, signal) => connectRepository(binary, access, signal),
    createRepository: (access, signal) => createRepository(binary, access, signal),
    backup: (access, backupOptions) => backup(binary, access, backupOptions),
    restore: (access, restoreOptions) => restore(binary, access, restoreOptions),
    async listSnapshots(access, sourceName, signal) {
      const session = await openResticSession(binary, access);
      return snapshotsMatching(session, sourceName === undefined ? {} : { [resticSourceTag]: sourceName }, signal);
    },
    deleteSnapshots: (access, snapshotIds, signal) => deleteSnapshots(binary, access, snapshotIds, signal),
    async checkRepository(access, signal) {
      const session = await openResticSession(binary, access);
      await session.run({ operation: 'check', args: checkArgs(session.options), signal });
    },
  };
}
