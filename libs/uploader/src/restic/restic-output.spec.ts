import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UploaderErrorCode } from '../errors';
import {
  classifyResticFailure,
  isEmptySnapshotError,
  parseBackupStatusLine,
  parseBackupSummary,
  parseRestoreProgressLine,
  parseSnapshots,
} from './restic-output';

/** Output recorded from restic 0.19.0 (see fixtures/). */
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('restic output parsers - on recorded restic 0.19.0 output', () => {
  it('reads progress from status lines, ignoring bytes_done 0 and other lines', () => {
    const [status, summary] = fixture('backup-json.txt').trim().split('\n');
    expect(parseBackupStatusLine(status ?? '')).toEqual({ bytesDone: 3_000_003, totalBytes: 3_000_003 });
    expect(parseBackupStatusLine(summary ?? '')).toBeUndefined();
    expect(
      parseBackupStatusLine('{"message_type":"status","percent_done":0,"total_files":3,"total_bytes":10,"bytes_done":0}'),
    ).toBeUndefined();
    expect(parseBackupStatusLine('not json')).toBeUndefined();
  });

  it('reads the summary line of a backup', () => {
    expect(parseBackupSummary(fixture('backup-json.txt'))).toEqual({
      snapshotId: '0bee612b',
      totalBytesProcessed: 3_000_003,
      dataAdded: 3_001_334,
    });
    expect(parseBackupSummary('{"message_type":"status","bytes_done":1}\n')).toBeUndefined();
  });

  it('detects an empty source', () => {
    expect(isEmptySnapshotError(fixture('backup-empty-stderr.txt'))).toBe(true);
    expect(isEmptySnapshotError(fixture('wrong-password-stderr.txt'))).toBe(false);
  });

  it('lists snapshots with short ids, tags as a record and the source name', () => {
    expect(parseSnapshots(fixture('snapshots-json.txt'))).toEqual([
      { id: '0bee612b', sourceName: '/tmp/rr/src', tags: { a: 'b' }, time: '2026-11-21T13:13:32.526595233Z' },
    ]);
    expect(parseSnapshots('[{"short_id":"12345678","tags":["ferry-source=ns/pvc","k=v"],"paths":["/x"],"time":"t"}]')).toEqual([
      { id: '12345678', sourceName: 'ns/pvc', tags: { k: 'v' }, time: 't' },
    ]);
    expect(parseSnapshots('')).toEqual([]);
    expect(() => parseSnapshots('{}')).toThrow(SyntaxError);
  });

  it('reads restore progress and the restored size from restore --json', () => {
    const lines = fixture('restore-json.txt').split('\n').map(parseRestoreProgressLine);
    expect(lines[0]).toEqual({ bytesDone: 145_628_144, totalBytes: 450_000_692 });
    expect(lines[2]).toEqual({ bytesDone: 450_000_692, totalBytes: 450_000_692 });
    expect(parseRestoreProgressLine('{"message_type":"verbose_status","action":"restored"}')).toBeUndefined();
    expect(parseRestoreProgressLine('not json')).toBeUndefined();
  });

  it.each([
    ['wrong-password-stderr.txt', 12, UploaderErrorCode.WrongPassword],
    ['repo-locked-stderr.txt', 11, UploaderErrorCode.RepositoryLocked],
    ['repo-not-found-stderr.txt', 10, UploaderErrorCode.RepositoryNotFound],
    ['init-exists-stderr.txt', 1, UploaderErrorCode.RepositoryExists],
    ['unreachable-refused-stderr.txt', null, UploaderErrorCode.StorageUnreachable],
    ['unreachable-no-host-stderr.txt', 1, UploaderErrorCode.StorageUnreachable],
    ['restore-disk-full-stderr.txt', 1, UploaderErrorCode.DiskFull],
    ['snapshot-not-found-stderr.txt', 1, UploaderErrorCode.SnapshotNotFound],
    ['backup-empty-stderr.txt', 1, UploaderErrorCode.ToolFailed],
  ])('classifies %s', (name, exitCode, code) => {
    expect(classifyResticFailure(fixture(name), exitCode)).toBe(code);
  });
});
