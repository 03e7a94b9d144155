import { checkBackupStore } from './backup-store-check';
import type { ObjectStore } from './s3-object-store';

/** A bucket holding `keys`, listed as S3 does with delimiter `/`; nothing else is used by the check. */
function bucketOf(prefix: string, keys: readonly string[]): ObjectStore {
  const unused = () => Promise.reject(new Error('not used by the check'));
  return {
    endpoint: 'http://s3',
    bucket: 'foo',
    prefix,
    listCommonPrefixes: async (keyPrefix) => {
      const folders = keys
        .filter((key) => key.startsWith(keyPrefix) && key.slice(keyPrefix.length).includes('/'))
        .map((key) => `${keyPrefix}${key.slice(keyPrefix.length).split('/')[0]}/`);
      return [...new Set(folders)];
    },
    listKeys: unused,
    putObject: unused,
    getObject: unused,
    openObjectStream: unused,
    uploadStream: unused,
    deleteKeys: unused,
    close: () => undefined,
  };
}

describe('backup store check - Velero IsValid', () => {
  // velero pkg/persistence/object_store_test.go TestIsValid
  it.each<[string, string, string[], string | undefined]>([
    ['empty backup store with no prefix is valid', '', [], undefined],
    ['empty backup store with a prefix is valid', 'bar', [], undefined],
    [
      'backup store with no prefix and only unsupported directories is invalid',
      '',
      ['backup-1/velero-backup.json', 'backup-2/velero-backup.json'],
      'Backup store contains invalid top-level directories: [backup-1 backup-2]',
    ],
    [
      'backup store with a prefix and only unsupported directories is invalid',
      'backups',
      ['backups/backup-1/velero-backup.json', 'backups/backup-2/velero-backup.json'],
      'Backup store contains invalid top-level directories: [backup-1 backup-2]',
    ],
    [
      'backup store with no prefix and both supported and unsupported directories is invalid',
      '',
      ['backups/backup-1/velero-backup.json', 'backups/backup-2/velero-backup.json', 'restores/restore-1/foo', 'unsupported-dir/foo'],
      'Backup store contains invalid top-level directories: [unsupported-dir]',
    ],
    [
      'backup store with a prefix and both supported and unsupported directories is invalid',
      'cluster-1',
      [
        'cluster-1/backups/backup-1/velero-backup.json',
        'cluster-1/backups/backup-2/velero-backup.json',
        'cluster-1/restores/restore-1/foo',
        'cluster-1/unsupported-dir/foo',
      ],
      'Backup store contains invalid top-level directories: [unsupported-dir]',
    ],
    [
      'backup store with no prefix and only supported directories is valid',
      '',
      ['backups/backup-1/velero-backup.json', 'backups/backup-2/velero-backup.json', 'restores/restore-1/foo'],
      undefined,
    ],
    [
      'backup store with a prefix and only supported directories is valid',
      'cluster-1',
      [
        'cluster-1/backups/backup-1/velero-backup.json',
        'cluster-1/backups/backup-2/velero-backup.json',
        'cluster-1/restores/restore-1/foo',
      ],
      undefined,
    ],
    ['backup store with plugins directory is valid', '', ['plugins/vsphere/foo'], undefined],
    ['files beside the folders are not folders', 'p', ['p/notes.txt', 'p/kopia/ns/x'], undefined],
  ])('%s', async (_what, prefix, keys, problem) => {
    await expect(checkBackupStore(bucketOf(prefix, keys))).resolves.toBe(problem);
  });
});
