// Pure parsers of restic's output (recorded from restic 0.19.0 in ./fixtures): `--json` status and
// summary lines of a backup, `snapshots --json`, `stats --json`, and failure texts on stderr.
import { UploaderErrorCode } from '../errors';
import type { SnapshotInfo, TransferProgress } from '../uploader';
import { resticSourceTag } from './restic-args';

/** The final line of `restic backup --json`. */
export interface ResticBackupSummary {
  readonly snapshotId: string;
  readonly totalBytesProcessed: number;
  readonly dataAdded: number;
}

/** Length of restic's short ids (`short_id`), which Velero records as the snapshot id. */
const shortIdLength = 8;

function parseJsonObject(line: string): Record<string, unknown> | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function numberField(object: Record<string, unknown>, key: string): number | undefined {
  const value = object[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Progress from one `backup --json` status line; undefined for other lines and, as Velero does,
 * for status lines with `bytes_done` 0 (restic has not started reading yet).
 */
export function parseBackupStatusLine(line: string): TransferProgress | undefined {
  const object = parseJsonObject(line);
  if (object?.['message_type'] !== 'status') return undefined;
  const bytesDone = numberField(object, 'bytes_done');
  if (!bytesDone) return undefined;
  const totalBytes = numberField(object, 'total_bytes');
  return totalBytes === undefined ? { bytesDone } : { bytesDone, totalBytes };
}

/** The summary of a backup from its whole stdout (the last `summary` line); undefined when missing. */
export function parseBackupSummary(stdout: string): ResticBackupSummary | undefined {
  const lines = stdout.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const object = parseJsonObject(lines[i] ?? '');
    if (object?.['message_type'] !== 'summary') continue;
    const snapshotId = object['snapshot_id'];
    const totalBytesProcessed = numberField(object, 'total_bytes_processed');
    const dataAdded = numberField(object, 'data_added');
    if (typeof snapshotId !== 'string' || totalBytesProcessed === undefined || dataAdded === undefined) return undefined;
    return { snapshotId: snapshotId.slice(0, shortIdLength), totalBytesProcessed, dataAdded };
  }
  return undefined;
}

/** True when restic refused to save a snapshot of an empty folder (stderr `snapshot is empty`). */
export function isEmptySnapshotError(stderr: string): boolean {
  return stderr.includes('snapshot is empty');
}

function tagRecord(tags: unknown): Record<string, string> {
  const record: Record<string, string> = {};
  if (!Array.isArray(tags)) return record;
  for (const tag of tags) {
    if (typeof tag !== 'string') continue;
    const equals = tag.indexOf('=');
    if (equals > 0) record[tag.slice(0, equals)] = tag.slice(equals + 1);
    else record[tag] = '';
  }
  return record;
}

/**
 * Snapshots from `restic snapshots --json`, in restic's order (oldest first). The source name is
 * the `ferry-source` tag (not among `tags`), else the first snapshotted path. Throws a
 * `SyntaxError` when the output is not a JSON array.
 */
export function parseSnapshots(stdout: string): SnapshotInfo[] {
  const value: unknown = JSON.parse(stdout.trim() || '[]');
  if (!Array.isArray(value)) throw new SyntaxError('restic snapshots --json did not print an array');
  return value.flatMap((item: unknown): SnapshotInfo[] => {
    if (typeof item !== 'object' || item === null) return [];
    const snapshot = item as Record<string, unknown>;
    const id = typeof snapshot['short_id'] === 'string' ? snapshot['short_id'] : String(snapshot['id'] ?? '').slice(0, shortIdLength);
    if (!id) return [];
    const { [resticSourceTag]: source, ...tags } = tagRecord(snapshot['tags']);
    const paths = Array.isArray(snapshot['paths']) ? (snapshot['paths'] as unknown[]) : [];
    const sourceName = source ?? (typeof paths[0] === 'string' ? paths[0] : '');
    const time = typeof snapshot['time'] === 'string' ? snapshot['time'] : '';
    return [{ id, sourceName, tags, time }];
  });
}

/**
 * Progress from one `restore --json` line, `status` or `summary` (`bytes_restored` of
 * `total_bytes`, restic ≥ 0.17); undefined for other lines.
 */
export function parseRestoreProgressLine(line: string): Required<TransferProgress> | undefined {
  const object = parseJsonObject(line);
  if (object?.['message_type'] !== 'status' && object?.['message_type'] !== 'summary') return undefined;
  const bytesDone = numberField(object, 'bytes_restored');
  const totalBytes = numberField(object, 'total_bytes');
  return bytesDone === undefined || totalBytes === undefined ? undefined : { bytesDone, totalBytes };
}

/** True when a stderr line reports that the object store could not be reached. */
export function isUnreachableLine(line: string): boolean {
  return /connection refused|no such host|dial tcp|i\/o timeout|network is unreachable|no route to host|tls: |x509: /i.test(line);
}

/**
 * Classifies a failed restic run from its stderr (and exit code: 10 no repository, 11 lock
 * failed, 12 wrong password). Unreachable is checked before "not found", since restic also asks
 * "Is there a repository…?" after giving up on an unreachable store.
 */
export function classifyResticFailure(stderr: string, exitCode: number | null): UploaderErrorCode {
  if (/wrong password or no key found/i.test(stderr) || exitCode === 12) return UploaderErrorCode.WrongPassword;
  if (/repository is already locked/i.test(stderr) || exitCode === 11) return UploaderErrorCode.RepositoryLocked;
  if (/no space left on device/i.test(stderr)) return UploaderErrorCode.DiskFull;
  if (stderr.split('\n').some(isUnreachableLine)) return UploaderErrorCode.StorageUnreachable;
  if (/Is there a repository at the following location\?|repository does not exist/i.test(stderr) || exitCode === 10) {
    return UploaderErrorCode.RepositoryNotFound;
  }
  if (/no matching ID found|failed to find snapshot/i.test(stderr)) return UploaderErrorCode.SnapshotNotFound;
  // `init` of an existing repository (restic checks the config first; a key may race it).
  if (/config file already exists|master key and config already initialized/i.test(stderr)) return UploaderErrorCode.RepositoryExists;
  return UploaderErrorCode.ToolFailed;
}
