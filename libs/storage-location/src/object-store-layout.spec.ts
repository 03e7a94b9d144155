import {
  backupFileKeys,
  backupMetadataKey,
  describeInvalidTopLevelDirectories,
  invalidTopLevelDirectories,
  restoreFileKeys,
  restoreLogKey,
  restorePrefixKey,
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
    expect(restorePrefixKey('/velero/', 'r1')).toBe('velero/restores/r1/');
    expect(restorePrefixKey('', 'r1')).toBe('restores/r1/');
    expect(restoreLogKey('velero/', 'r1')).toBe('velero/restores/r1/restore-r1-logs.gz');
  });

  it("names a restore's files as Velero's object-store layout does", () => {
    expect(restoreFileKeys('velero', 'r1')).toEqual({
      logs: 'velero/restores/r1/restore-r1-logs.gz',
      results: 'velero/restores/r1/restore-r1-results.gz',
      resourceList: 'velero/restores/r1/restore-r1-resource-list.json.gz',
      itemOperations: 'velero/restores/r1/restore-r1-itemoperations.json.gz',
      volumeInfo: 'velero/restores/r1/r1-volumeinfo.json.gz',
    });
  });

  it("names a backup's files as Velero's object-store layout does", () => {
    expect(backupFileKeys('velero/', 'b1')).toEqual({
      metadata: 'velero/backups/b1/velero-backup.json',
      contents: 'velero/backups/b1/b1.tar.gz',
      logs: 'velero/backups/b1/b1-logs.gz',
      podVolumeBackups: 'velero/backups/b1/b1-podvolumebackups.json.gz',
      volumeSnapshots: 'velero/backups/b1/b1-volumesnapshots.json.gz',
      itemOperations: 'velero/backups/b1/b1-itemoperations.json.gz',
      resourceList: 'velero/backups/b1/b1-resource-list.json.gz',
      results: 'velero/backups/b1/b1-results.gz',
      volumeInfo: 'velero/backups/b1/b1-volumeinfo.json.gz',
      csiVolumeSnapshots: 'velero/backups/b1/b1-csi-volumesnapshots.json.gz',
      csiVolumeSnapshotContents: 'velero/backups/b1/b1-csi-volumesnapshotcontents.json.gz',
      csiVolumeSnapshotClasses: 'velero/backups/b1/b1-csi-volumesnapshotclasses.json.gz',
    });
    expect(backupFileKeys('', 'b1').contents).toBe('backups/b1/b1.tar.gz');
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
