import {
  backupMetadataKey,
  describeInvalidTopLevelDirectories,
  invalidTopLevelDirectories,
  restoreLogKey,
  rootPrefix,
} from './object-store-layout';

describe('object store layout - keys and top-level folders', () => {
  it.each([
    ['', ''],
    ['velero', 'velero/'],
    ['/a/b/', 'a/b/'],
  ])('roots prefix %j at %j', (prefix, root) => {
    expect(rootPrefix(prefix)).toBe(root);
  });

  it('spells the keys as Velero does', () => {
    expect(backupMetadataKey('velero', 'nightly')).toBe('velero/backups/nightly/velero-backup.json');
    expect(backupMetadataKey('', 'nightly')).toBe('backups/nightly/velero-backup.json');
    expect(restoreLogKey('velero/', 'r1')).toBe('velero/restores/r1/restore-r1-logs.gz');
  });

  it('accepts only Velero top-level folders', () => {
    const listed = ['p/backups/', 'p/restores/', 'p/kopia/', 'p/restic/', 'p/metadata/', 'p/plugins/', 'p/photos/', 'p/tmp/'];
    expect(invalidTopLevelDirectories('p', listed)).toEqual(['photos', 'tmp']);
    expect(invalidTopLevelDirectories('', ['backups/', 'other-prefix/'])).toEqual(['other-prefix']);
  });

  it.each([
    [[], undefined],
    [['photos'], 'Backup store contains invalid top-level directories: [photos]'],
    [['a', 'b', 'c'], 'Backup store contains invalid top-level directories: [a b c]'],
    [['a', 'b', 'c', 'd', 'e'], 'Backup store contains 5 invalid top-level directories: [a b c ...]'],
  ])('describes %j as Velero', (invalid, sentence) => {
    expect(describeInvalidTopLevelDirectories(invalid)).toBe(sentence);
  });
});
