import { gzipSync } from 'node:zlib';
import type { ObjectStore } from '@ferry/object-store';
import { backupStoreReader } from './backup-store-reader';

/** A bucket of `objects` at `prefix`, listed as S3 does with delimiter `/`. */
function bucketOf(prefix: string, objects: Record<string, string | Uint8Array>): ObjectStore {
  const unused = () => Promise.reject(new Error('not used by the reader'));
  const keys = Object.keys(objects);
  return {
    endpoint: 'http://s3',
    bucket: 'foo',
    prefix,
    listCommonPrefixes: async (keyPrefix) => [
      ...new Set(
        keys
          .filter((key) => key.startsWith(keyPrefix) && key.slice(keyPrefix.length).includes('/'))
          .map((key) => `${keyPrefix}${key.slice(keyPrefix.length).split('/')[0]}/`),
      ),
    ],
    listKeys: unused,
    putObject: unused,
    getObject: async (key) => {
      const body = objects[key];
      return typeof body === 'string' ? Buffer.from(body) : body;
    },
    openObjectStream: unused,
    uploadStream: unused,
    deleteKeys: unused,
    close: () => undefined,
  };
}

const backupJson = (name: string) =>
  JSON.stringify({ apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name, namespace: 'velero' } });

// velero pkg/persistence/object_store_test.go TestListBackups
describe('backup store reader - backup names', () => {
  it.each<[string, string, Record<string, string>, string[]]>([
    [
      'normal case',
      '',
      { 'backups/backup-1/velero-backup.json': backupJson('backup-1'), 'backups/backup-2/velero-backup.json': backupJson('backup-2') },
      ['backup-1', 'backup-2'],
    ],
    [
      'normal case with backup store prefix',
      'velero-backups',
      {
        'velero-backups/backups/backup-1/velero-backup.json': backupJson('backup-1'),
        'velero-backups/backups/backup-2/velero-backup.json': backupJson('backup-2'),
      },
      ['backup-1', 'backup-2'],
    ],
    ['a folder without velero-backup.json is listed too', '', { 'backups/partial/partial.tar.gz': 'x' }, ['partial']],
    ['no backups folder', '', { 'restores/r1/restore-r1-logs.gz': 'x' }, []],
  ])('%s', async (_what, prefix, objects, names) => {
    await expect(backupStoreReader(bucketOf(prefix, objects)).listBackupNames()).resolves.toEqual(names);
  });
});

// velero pkg/persistence/object_store_test.go TestGetBackupMetadata
describe('backup store reader - velero-backup.json', () => {
  it.each<[string, Record<string, string>, object]>([
    [
      'metadata file returns correctly',
      { 'backups/foo/velero-backup.json': backupJson('foo') },
      { backup: { metadata: { name: 'foo', namespace: 'velero' } } },
    ],
    ['no metadata file', {}, { missing: true }],
    ['not JSON', { 'backups/foo/velero-backup.json': 'foo' }, { problem: expect.stringContaining('it is not JSON') }],
    [
      'another kind',
      { 'backups/foo/velero-backup.json': JSON.stringify({ apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'foo' } }) },
      { problem: 'it is not a velero.io/v1 Backup (apiVersion and kind)' },
    ],
    [
      'no apiVersion',
      { 'backups/foo/velero-backup.json': JSON.stringify({ kind: 'Backup', metadata: { name: 'foo' } }) },
      { problem: 'it is not a velero.io/v1 Backup (apiVersion and kind)' },
    ],
  ])('%s', async (_what, objects, read) => {
    await expect(backupStoreReader(bucketOf('', objects)).readBackup('foo')).resolves.toMatchObject(read);
  });
});

// velero pkg/persistence/object_store_test.go TestGetBackupVolumeSnapshots (the same rules as GetPodVolumeBackups)
describe('backup store reader - pod volume backups', () => {
  const key = 'backups/test-backup/test-backup-podvolumebackups.json.gz';
  const pvbs = [{ metadata: { name: 'pvb-1' } }, { metadata: { name: 'pvb-2' } }];
  it.each<[string, Record<string, string | Uint8Array>, object]>([
    ['a missing file is no pod volume backups', { 'backups/test-backup/velero-backup.json': 'foo' }, { items: [] }],
    ['invalid data is a problem', { [key]: 'foo' }, { problem: expect.stringContaining('it is not JSON') }],
    ['gzipped JSON that is no list is a problem', { [key]: gzipSync('{}') }, { problem: 'it is not a JSON list' }],
    ['gzipped JSON returns correctly', { [key]: gzipSync(JSON.stringify(pvbs)) }, { items: pvbs }],
  ])('%s', async (_what, objects, read) => {
    await expect(backupStoreReader(bucketOf('', objects)).readPodVolumeBackups('test-backup')).resolves.toEqual(read);
  });
});
