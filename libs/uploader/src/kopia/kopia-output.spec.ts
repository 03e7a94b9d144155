import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  classifyKopiaError,
  parseKopiaBackupProgress,
  parseKopiaBytes,
  parseKopiaManifestSize,
  parseKopiaRestoredBytes,
  parseKopiaRestoreProgress,
  parseKopiaSnapshotList,
  parseKopiaSnapshotManifest,
  toTransferProgress,
} from './kopia-output';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('kopia output - sizes', () => {
  it.each([
    ['0 B', 0],
    ['5 B', 5],
    ['30 MB', 30_000_000],
    ['266.6 MB', 266_600_000],
    ['1.2 GB', 1_200_000_000],
    ['nope', undefined],
  ])('parses %s', (text, bytes) => expect(parseKopiaBytes(text)).toBe(bytes));
});

describe('kopia output - backup progress', () => {
  const records = parseKopiaBackupProgress(fixture('snapshot-create-progress.txt'));

  it('reads every \\r-separated record, estimating or estimated', () => {
    expect(records).toHaveLength(4);
    expect(records[1]).toEqual({ hashedBytes: 59_400_000, cachedBytes: 30_000_000, uploadedBytes: 42_100_000 });
    expect(records[3]).toEqual({
      hashedBytes: 400_000_000,
      cachedBytes: 30_000_000,
      uploadedBytes: 387_600_000,
      estimatedBytes: 430_000_000,
    });
  });

  it('maps to Velero progress: done = hashed + cached, total = estimate', () => {
    expect(toTransferProgress(records[2]!)).toEqual({ bytesDone: 301_500_000, totalBytes: 430_000_000 });
    expect(toTransferProgress(records[0]!)).toEqual({ bytesDone: 0 });
  });
});

describe('kopia output - snapshot manifest', () => {
  it.each<[string, number, number]>([
    ['nothing cached (a first backup): exactly the size', 0, 30_000_003],
    ['part cached: size − cached', 10_000_000, 20_000_003],
    ['the rounded cached size above the size: 0', 30_100_000, 0],
  ])('reads id and size; incremental bytes are Velero total − cached: %s', (_, cachedBytes, incrementalBytes) => {
    const last = { hashedBytes: 30_000_000 - cachedBytes, cachedBytes, uploadedBytes: 0 };
    expect(parseKopiaSnapshotManifest(fixture('snapshot-create.json.txt'), last)).toEqual({
      snapshotId: 'bd171e034f1c5e3ea22fcf69c272acfe',
      totalBytes: 30_000_003,
      incrementalBytes,
    });
  });

  it('flags an empty volume and rejects output without a manifest', () => {
    const empty = '{"id":"abc","rootEntry":{"summ":{"size":0,"files":0,"dirs":1}}}';
    expect(parseKopiaSnapshotManifest(empty)).toEqual({ snapshotId: 'abc', totalBytes: 0, emptyVolume: true });
    expect(() => parseKopiaSnapshotManifest('nothing here')).toThrow();
  });
});

describe('kopia output - restore progress', () => {
  const text = fixture('snapshot-restore-progress.txt');

  it('reads processed / total bytes of every record', () => {
    expect(parseKopiaRestoreProgress(text)).toEqual([
      { bytesDone: 80_700_000, totalBytes: 430_000_000 },
      { bytesDone: 421_300_000, totalBytes: 430_000_000 },
      { bytesDone: 430_000_000, totalBytes: 430_000_000 },
    ]);
  });

  it('reads the restored size', () => expect(parseKopiaRestoredBytes(text)).toBe(430_000_000));
});

describe('kopia output - snapshot list', () => {
  const text = fixture('snapshot-list.json.txt');

  it('filters by source, strips the tag: prefix, oldest first', () => {
    const all = parseKopiaSnapshotList(text);
    expect(all.map((s) => s.sourceName)).toEqual(['ns1/pvc1', 'ns1/pvc1']);
    expect(all[0]).toEqual({
      id: 'bd171e034f1c5e3ea22fcf69c272acfe',
      sourceName: 'ns1/pvc1',
      tags: { 'snapshot-uploader': 'kopia' },
      time: '2026-11-21T13:13:29.515609574Z',
    });
    expect(parseKopiaSnapshotList(text, 'other/pvc')).toEqual([]);
    expect(parseKopiaSnapshotList('')).toEqual([]);
  });
});

describe('kopia output - error classification', () => {
  it.each([
    ['error-wrong-password.txt', 'UPLOADER_WRONG_PASSWORD'],
    ['error-not-initialized.txt', 'UPLOADER_REPOSITORY_NOT_FOUND'],
    ['error-create-exists.txt', 'UPLOADER_REPOSITORY_EXISTS'],
    ['error-connection-refused.txt', 'UPLOADER_STORAGE_UNREACHABLE'],
    ['error-no-such-host.txt', 'UPLOADER_STORAGE_UNREACHABLE'],
    ['error-snapshot-not-found.txt', 'UPLOADER_SNAPSHOT_NOT_FOUND'],
  ])('%s → %s', (name, code) => expect(classifyKopiaError(fixture(name))).toBe(code));

  it('classifies a full disk and falls back to tool failed', () => {
    expect(classifyKopiaError('error writing file: write /x: no space left on device')).toBe('UPLOADER_DISK_FULL');
    expect(classifyKopiaError('something else broke')).toBe('UPLOADER_TOOL_FAILED');
  });
});

describe('kopia output - manifest show', () => {
  it('reads the exact size after the // header lines; undefined without a manifest', () => {
    const shown = [
      '// id: 12cdb54064ea26b6400642032423eba8',
      '// label type:snapshot',
      '{"id":"","source":{"path":"/tmp/kt/src"},"stats":{"totalSize":123457},"rootEntry":{"name":"src","summ":{"size":123457,"files":1}}}',
    ].join('\n');
    expect(parseKopiaManifestSize(shown)).toBe(123_457);
    expect(parseKopiaManifestSize('// id: x\n')).toBeUndefined();
    expect(parseKopiaManifestSize('{"rootEntry":{}}')).toBeUndefined();
  });
});
