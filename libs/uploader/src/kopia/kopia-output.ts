// Pure parsers of kopia 0.22 output, tested on recordings in ./fixtures. Progress is printed on
// stderr as records separated by `\r` (not newlines), e.g.
//   ` | 1 hashing, 0 hashed (271.5 MB), 4 cached (30 MB), uploaded 266.6 MB, estimated 430 MB (70.1%) 0s left`
//   `Processed 6 (421.3 MB) of 6 (430 MB) 230.6 MB/s (98.0%) remaining 0s.`
// Sizes use SI units (1 MB = 10^6 B) with about four significant digits.
import { UploaderError, UploaderErrorCode } from '../errors';
import type { SnapshotInfo, TransferProgress, TransferSummary } from '../uploader';

const units: Readonly<Record<string, number>> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 };

/** Parses a kopia size such as `266.6 MB` into bytes; undefined when it is not one. */
export function parseKopiaBytes(text: string): number | undefined {
  const match = /^\s*([\d.]+)\s*([KMGTP]?B)\s*$/.exec(text);
  const unit = match ? units[match[2] ?? ''] : undefined;
  return match && unit !== undefined ? Math.round(Number(match[1]) * unit) : undefined;
}

/** One backup progress record of `snapshot create`. */
export interface KopiaBackupProgress {
  readonly hashedBytes: number;
  readonly cachedBytes: number;
  readonly uploadedBytes: number;
  /** Kopia's estimate of the source size; undefined while it is still `estimating...`. */
  readonly estimatedBytes?: number;
}

const backupRecord = /hashed \(([^)]+)\), \d+ cached \(([^)]+)\), uploaded ([\d.]+ [KMGTP]?B)(?:, estimated ([\d.]+ [KMGTP]?B))?/;
const restoreRecord = /Processed \d+ \(([^)]+)\) of \d+ \(([^)]+)\)/;

/** Every backup progress record in a chunk of stderr (records are separated by `\r`). */
export function parseKopiaBackupProgress(text: string): KopiaBackupProgress[] {
  const records: KopiaBackupProgress[] = [];
  for (const part of text.split(/[\r\n]/)) {
    const match = backupRecord.exec(part);
    if (!match) continue;
    const [hashed, cached, uploaded] = [match[1], match[2], match[3]].map((s) => parseKopiaBytes(s ?? ''));
    if (hashed === undefined || cached === undefined || uploaded === undefined) continue;
    const estimated = match[4] ? parseKopiaBytes(match[4]) : undefined;
    records.push({
      hashedBytes: hashed,
      cachedBytes: cached,
      uploadedBytes: uploaded,
      ...(estimated !== undefined ? { estimatedBytes: estimated } : {}),
    });
  }
  return records;
}

/** Velero's backup progress from a kopia record: done = hashed + cached bytes, total = the estimate. */
export function toTransferProgress(record: KopiaBackupProgress): TransferProgress {
  return {
    bytesDone: record.hashedBytes + record.cachedBytes,
    ...(record.estimatedBytes !== undefined ? { totalBytes: record.estimatedBytes } : {}),
  };
}

/** Every restore progress record (`Processed n (done) of m (total)`) in a chunk of stderr. */
export function parseKopiaRestoreProgress(text: string): TransferProgress[] {
  const records: TransferProgress[] = [];
  for (const part of text.split(/[\r\n]/)) {
    const match = restoreRecord.exec(part);
    const done = match ? parseKopiaBytes(match[1] ?? '') : undefined;
    const total = match ? parseKopiaBytes(match[2] ?? '') : undefined;
    if (done !== undefined && total !== undefined) records.push({ bytesDone: done, totalBytes: total });
  }
  return records;
}

/** The size kopia reports at the end of a restore (`Restored … (430 MB).`); undefined if absent. */
export function parseKopiaRestoredBytes(text: string): number | undefined {
  const match = /Restored .*\(([\d.]+ [KMGTP]?B)\)\.?\s*$/m.exec(text);
  return match ? parseKopiaBytes(match[1] ?? '') : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The manifest `snapshot create --json` prints on stdout → summary. The manifest holds the exact
 * snapshot size (`rootEntry.summ.size`) but no hashed/cached split, so incremental bytes are
 * Velero's `total − cached` with the cached bytes of the last progress record: the bytes kopia had
 * to hash because size or mtime changed (a changed large file counts whole, though dedup uploads
 * less). Exact when nothing was cached (a first backup); otherwise the printed cached size's four
 * digits, kept within [0, size]. Kopia's `uploaded` counter is not used: small packs are flushed
 * after the last progress record.
 * Throws (the caller maps it to `UPLOADER_UNEXPECTED_OUTPUT`) when there is no manifest.
 */
export function parseKopiaSnapshotManifest(stdout: string, lastProgress?: KopiaBackupProgress): TransferSummary {
  const manifest: unknown = JSON.parse(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1));
  if (!isRecord(manifest) || typeof manifest['id'] !== 'string')
    throw new UploaderError(UploaderErrorCode.UnexpectedOutput, 'kopia printed no snapshot manifest with an id');
  const summ = isRecord(manifest['rootEntry']) ? manifest['rootEntry']['summ'] : undefined;
  const size = isRecord(summ) && typeof summ['size'] === 'number' ? summ['size'] : 0;
  const files = isRecord(summ) && typeof summ['files'] === 'number' ? summ['files'] : 0;
  return {
    snapshotId: manifest['id'],
    totalBytes: size,
    ...(lastProgress ? { incrementalBytes: Math.min(size, Math.max(0, size - lastProgress.cachedBytes)) } : {}),
    ...(size === 0 && files === 0 ? { emptyVolume: true } : {}),
  };
}

/** The exact size of a snapshot from `manifest show <id>` (`// …` header lines, then the JSON manifest); undefined if absent. */
export function parseKopiaManifestSize(stdout: string): number | undefined {
  const start = stdout.indexOf('{');
  if (start < 0) return undefined;
  const manifest: unknown = JSON.parse(stdout.slice(start, stdout.lastIndexOf('}') + 1));
  const root = isRecord(manifest) ? manifest['rootEntry'] : undefined;
  const summ = isRecord(root) ? root['summ'] : undefined;
  return isRecord(summ) && typeof summ['size'] === 'number' ? summ['size'] : undefined;
}

/** `snapshot list --json` → snapshots of `sourceName` (all when undefined), oldest first; `tag:` prefixes removed. */
export function parseKopiaSnapshotList(stdout: string, sourceName?: string): SnapshotInfo[] {
  const list: unknown = JSON.parse(stdout.trim() || '[]');
  if (!Array.isArray(list)) throw new UploaderError(UploaderErrorCode.UnexpectedOutput, 'kopia snapshot list did not print a JSON array');
  const snapshots: SnapshotInfo[] = [];
  for (const entry of list as unknown[]) {
    if (!isRecord(entry) || typeof entry['id'] !== 'string' || !isRecord(entry['source'])) continue;
    const path = entry['source']['path'];
    if (typeof path !== 'string' || (sourceName !== undefined && path !== sourceName)) continue;
    const tags: Record<string, string> = {};
    if (isRecord(entry['tags'])) {
      for (const [key, value] of Object.entries(entry['tags'])) if (typeof value === 'string') tags[key.replace(/^tag:/, '')] = value;
    }
    snapshots.push({ id: entry['id'], sourceName: path, tags, time: typeof entry['startTime'] === 'string' ? entry['startTime'] : '' });
  }
  return snapshots.sort((a, b) => a.time.localeCompare(b.time));
}

const classifications: readonly (readonly [RegExp, UploaderErrorCode])[] = [
  [/invalid repository password/i, UploaderErrorCode.WrongPassword],
  [/no space left on device/i, UploaderErrorCode.DiskFull],
  [/connection refused|no such host|dial tcp|i\/o timeout|tls: |x509: |network is unreachable/i, UploaderErrorCode.StorageUnreachable],
  [/found existing data in storage location/i, UploaderErrorCode.RepositoryExists],
  [/repository not initialized|cannot access storage path|repository not connected/i, UploaderErrorCode.RepositoryNotFound],
  [/unable to open object: .*not found|snapshot .*not found|manifest not found/i, UploaderErrorCode.SnapshotNotFound],
  [/lock(ed)? .*held|repository is locked|unable to acquire lock/i, UploaderErrorCode.RepositoryLocked],
];

/** Classifies a failed kopia run by its stderr; `UPLOADER_TOOL_FAILED` when nothing matches. */
export function classifyKopiaError(stderr: string): UploaderErrorCode {
  return classifications.find(([pattern]) => pattern.test(stderr))?.[1] ?? UploaderErrorCode.ToolFailed;
}
