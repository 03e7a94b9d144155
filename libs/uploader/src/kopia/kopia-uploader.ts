// The kopia implementation of the Uploader role: kopia-args builds the command lines, runProcess
// runs them (streaming, abortable), kopia-output parses what they print.
import { access as fileAccess, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UploaderError, UploaderErrorCode } from '../errors';
import { runProcess, type ProcessResult } from '../process-runner';
import { partitionSnapshotIds } from '../snapshot-deletion';
import { estimateSourceBytes } from '../source-size-estimate';
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
  kopiaConfigPath,
  kopiaEnvironment,
  kopiaRepositoryArgs,
  kopiaRepositoryPrefix,
  kopiaSnapshotCreateArgs,
  kopiaSnapshotDeleteArgs,
  kopiaSnapshotListArgs,
  kopiaSnapshotRestoreArgs,
  kopiaManifestShowArgs,
  kopiaSnapshotVerifyArgs,
} from './kopia-args';
import {
  classifyKopiaError,
  parseKopiaBackupProgress,
  parseKopiaRestoredBytes,
  parseKopiaManifestSize,
  parseKopiaRestoreProgress,
  parseKopiaSnapshotList,
  parseKopiaSnapshotManifest,
  toTransferProgress,
  type KopiaBackupProgress,
} from './kopia-output';

/** Options of {@link createKopiaUploader}. */
export interface KopiaUploaderOptions {
  /** Path of the kopia binary (0.22+, for `--override-source`). */
  readonly binary: string;
}

interface KopiaRun {
  readonly operation: string;
  readonly args: string[];
  readonly signal?: AbortSignal;
  readonly onStderrLine?: (line: string) => void;
}

function redact(text: string, access: RepositoryAccess): string {
  const secrets = [access.password, access.location.secretAccessKey, access.location.accessKeyId, access.location.sessionToken];
  return secrets.reduce<string>((out, secret) => (secret ? out.split(secret).join('***') : out), text);
}

function describe(access: RepositoryAccess): string {
  const { location } = access;
  return `kopia repository s3://${location.bucket}/${kopiaRepositoryPrefix(location)} at ${location.endpoint}`;
}

/** Stderr without progress records (they are `\r`-separated and would bury the error). */
function errorText(result: ProcessResult): string {
  return result.stderrTail
    .split('\n')
    .map((line) => line.split('\r').pop() ?? '')
    .filter((line) => line.trim())
    .slice(-5)
    .join('\n');
}

async function run(binary: string, access: RepositoryAccess, kopia: KopiaRun): Promise<ProcessResult> {
  if (kopia.signal?.aborted)
    throw new UploaderError(UploaderErrorCode.Canceled, `kopia ${kopia.operation} on ${describe(access)} canceled before it started`);
  await mkdir(join(access.workDir, 'kopia'), { recursive: true, mode: 0o700 });
  let result: ProcessResult;
  try {
    result = await runProcess({
      command: binary,
      args: kopia.args,
      env: kopiaEnvironment(access),
      cwd: access.workDir,
      ...(kopia.signal ? { signal: kopia.signal } : {}),
      ...(kopia.onStderrLine ? { onStderrLine: kopia.onStderrLine } : {}),
    });
  } catch (cause) {
    throw new UploaderError(UploaderErrorCode.ToolFailed, `cannot start kopia (${binary}) for ${kopia.operation}: check the binary path`, {
      cause,
    });
  }
  if (result.aborted) throw new UploaderError(UploaderErrorCode.Canceled, `kopia ${kopia.operation} on ${describe(access)} was canceled`);
  if (result.exitCode !== 0) {
    const stderr = redact(errorText(result), access);
    const code = classifyKopiaError(stderr);
    throw new UploaderError(
      code,
      `kopia ${kopia.operation} on ${describe(access)} failed (${code}, exit ${String(result.exitCode ?? result.signal)}): ${stderr}`,
    );
  }
  return result;
}

function unexpected(operation: string, access: RepositoryAccess, cause: unknown): UploaderError {
  return new UploaderError(
    UploaderErrorCode.UnexpectedOutput,
    `kopia ${operation} on ${describe(access)} printed output Ferry cannot parse`,
    { cause },
  );
}

const signalOf = (signal?: AbortSignal) => (signal ? { signal } : {});

async function connectRepository(binary: string, access: RepositoryAccess, signal?: AbortSignal): Promise<void> {
  await run(binary, access, { operation: 'repository connect', args: kopiaRepositoryArgs('connect', access), ...signalOf(signal) });
}

async function createRepository(binary: string, access: RepositoryAccess, signal?: AbortSignal): Promise<void> {
  await run(binary, access, { operation: 'repository create', args: kopiaRepositoryArgs('create', access), ...signalOf(signal) });
}

// Operations connect a fresh work folder themselves, but never create: a missing repository is
// UPLOADER_REPOSITORY_NOT_FOUND, as creating is the caller's coordinated step.
async function connected(binary: string, access: RepositoryAccess, signal?: AbortSignal): Promise<void> {
  const exists = await fileAccess(kopiaConfigPath(access)).then(
    () => true,
    () => false,
  );
  if (!exists) await connectRepository(binary, access, signal);
}

async function backupTo(binary: string, access: RepositoryAccess, backup: BackupOptions): Promise<TransferSummary> {
  await connected(binary, access, backup.signal);
  let last: KopiaBackupProgress | undefined;
  await mkdir(backup.sourceDir, { recursive: true });
  // Until kopia's own estimate arrives, the total is Ferry's metadata walk of the source, run alongside.
  let estimate: number | undefined;
  const progress = (record: KopiaBackupProgress | undefined): TransferProgress => {
    const reported = record ? toTransferProgress(record) : { bytesDone: 0 };
    return reported.totalBytes === undefined && estimate !== undefined ? { ...reported, totalBytes: estimate } : reported;
  };
  const walk = new AbortController();
  void estimateSourceBytes(backup.sourceDir, walk.signal).then(
    (bytes) => {
      if (walk.signal.aborted) return;
      estimate = bytes;
      if (last?.estimatedBytes === undefined) backup.onProgress?.(progress(last));
    },
    () => undefined,
  );
  const result = await run(binary, access, {
    operation: `snapshot create of ${backup.sourceName}`,
    args: kopiaSnapshotCreateArgs(access, backup.sourceDir, backup.sourceName, backup.tags, backup.parent?.kind === 'none'),
    ...signalOf(backup.signal),
    onStderrLine: (line) => {
      for (const record of parseKopiaBackupProgress(line)) {
        last = record;
        backup.onProgress?.(progress(record));
      }
    },
  }).finally(() => walk.abort());
  try {
    return parseKopiaSnapshotManifest(result.stdout, last);
  } catch (cause) {
    throw unexpected('snapshot create', access, cause);
  }
}

async function restoreFrom(binary: string, access: RepositoryAccess, restore: RestoreOptions): Promise<TransferSummary> {
  await connected(binary, access, restore.signal);
  // Kopia prints sizes to four digits; the manifest holds the exact size Velero reports. Read alongside
  // the restore (no added wait), best effort: the printed size stands in when it cannot be read.
  const exactSize = snapshotSize(binary, access, restore.snapshotId, restore.signal).catch(() => undefined);
  let restored: number | undefined;
  let lastDone = 0;
  await run(binary, access, {
    operation: `snapshot restore of ${restore.snapshotId}`,
    args: kopiaSnapshotRestoreArgs(access, restore.snapshotId, restore.targetDir),
    ...signalOf(restore.signal),
    onStderrLine: (line) => {
      for (const progress of parseKopiaRestoreProgress(line)) {
        lastDone = progress.bytesDone;
        restore.onProgress?.(progress);
      }
      restored = parseKopiaRestoredBytes(line) ?? restored;
    },
  }).finally(() => exactSize); // never return (or throw) with the manifest read's kopia still running in the work dir
  return { snapshotId: restore.snapshotId, totalBytes: (await exactSize) ?? restored ?? lastDone };
}

async function snapshotSize(
  binary: string,
  access: RepositoryAccess,
  snapshotId: string,
  signal?: AbortSignal,
): Promise<number | undefined> {
  const result = await run(binary, access, {
    operation: `manifest show of ${snapshotId}`,
    args: kopiaManifestShowArgs(access, snapshotId),
    ...signalOf(signal),
  });
  return parseKopiaManifestSize(result.stdout);
}

async function listSnapshots(binary: string, access: RepositoryAccess, sourceName?: string, signal?: AbortSignal): Promise<SnapshotInfo[]> {
  await connected(binary, access, signal);
  const result = await run(binary, access, { operation: 'snapshot list', args: kopiaSnapshotListArgs(access), ...signalOf(signal) });
  try {
    return parseKopiaSnapshotList(result.stdout, sourceName);
  } catch (cause) {
    throw unexpected('snapshot list', access, cause);
  }
}

// kopia stops at the first id it cannot find and deletes none after it: list first, delete what is there.
async function deleteSnapshots(
  binary: string,
  access: RepositoryAccess,
  snapshotIds: readonly string[],
  signal?: AbortSignal,
): Promise<SnapshotDeletion> {
  const stored = await listSnapshots(binary, access, undefined, signal);
  const deletion = partitionSnapshotIds(
    snapshotIds,
    stored.map((snapshot) => snapshot.id),
  );
  if (deletion.deleted.length > 0) {
    await run(binary, access, {
      operation: `snapshot delete of ${deletion.deleted.join(', ')}`,
      args: kopiaSnapshotDeleteArgs(access, deletion.deleted),
      ...signalOf(signal),
    });
  }
  return deletion;
}

async function checkRepository(binary: string, access: RepositoryAccess, signal?: AbortSignal): Promise<void> {
  await connected(binary, access, signal);
  await run(binary, access, { operation: 'snapshot verify', args: kopiaSnapshotVerifyArgs(access), ...signalOf(signal) });
}

/**
 * Creates the kopia Uploader. Each `RepositoryAccess.workDir` holds one connection (config, logs,
 * cache); operations connect first when that workDir is not connected yet (they never create).
 * Credentials are never persisted there: every run gets them in its environment. Snapshots are owned by `default@default`
 * with source path `BackupOptions.sourceName`, so kopia's own parent selection (latest snapshot of
 * the same source) makes a re-backup incremental; a `snapshot` parent cannot be forced via the CLI
 * (kopia's latest of the source is used), `none` re-hashes every file.
 */
export function createKopiaUploader(options: KopiaUploaderOptions): Uploader {
  const { binary } = options;
  return {
    kind: 'kopia',
    connectRepository: (access, signal) => connectRepository(binary, access, signal),
    createRepository: (access, signal) => createRepository(binary, access, signal),
    backup: (access, options) => backupTo(binary, access, options),
    restore: (access, options) => restoreFrom(binary, access, options),
    listSnapshots: (access, sourceName, signal) => listSnapshots(binary, access, sourceName, signal),
    deleteSnapshots: (access, snapshotIds, signal) => deleteSnapshots(binary, access, snapshotIds, signal),
    checkRepository: (access, signal) => checkRepository(binary, access, signal),
  };
}
