import { DownloadTargetKind } from '@ferry/api';
import { downloadTargetFile, downloadTargetKey, downloadTargetOwner } from './download-target-keys';

describe('download target keys - the file each kind names', () => {
  it.each<[DownloadTargetKind, string]>([
    [DownloadTargetKind.BackupContents, 'velero/backups/b1/b1.tar.gz'],
    [DownloadTargetKind.BackupLog, 'velero/backups/b1/b1-logs.gz'],
    [DownloadTargetKind.BackupVolumeSnapshots, 'velero/backups/b1/b1-volumesnapshots.json.gz'],
    [DownloadTargetKind.BackupItemOperations, 'velero/backups/b1/b1-itemoperations.json.gz'],
    [DownloadTargetKind.BackupResourceList, 'velero/backups/b1/b1-resource-list.json.gz'],
    [DownloadTargetKind.BackupResults, 'velero/backups/b1/b1-results.gz'],
    [DownloadTargetKind.BackupVolumeInfos, 'velero/backups/b1/b1-volumeinfo.json.gz'],
    [DownloadTargetKind.CSIBackupVolumeSnapshots, 'velero/backups/b1/b1-csi-volumesnapshots.json.gz'],
    [DownloadTargetKind.CSIBackupVolumeSnapshotContents, 'velero/backups/b1/b1-csi-volumesnapshotcontents.json.gz'],
  ])('%s of backup b1 is %s', (kind, key) => {
    expect(downloadTargetOwner(kind)).toBe('backup');
    expect(downloadTargetKey('velero', { kind, name: 'b1' })).toBe(key);
  });

  it.each<[DownloadTargetKind, string]>([
    [DownloadTargetKind.RestoreLog, 'restores/r1/restore-r1-logs.gz'],
    [DownloadTargetKind.RestoreResults, 'restores/r1/restore-r1-results.gz'],
    [DownloadTargetKind.RestoreResourceList, 'restores/r1/restore-r1-resource-list.json.gz'],
    [DownloadTargetKind.RestoreItemOperations, 'restores/r1/restore-r1-itemoperations.json.gz'],
    [DownloadTargetKind.RestoreVolumeInfo, 'restores/r1/r1-volumeinfo.json.gz'],
  ])('%s of restore r1 at the bucket root is %s', (kind, key) => {
    expect(downloadTargetOwner(kind)).toBe('restore');
    expect(downloadTargetKey('', { kind, name: 'r1' })).toBe(key);
  });

  it('covers every kind of the vocabulary', () => {
    for (const kind of Object.values(DownloadTargetKind)) expect(downloadTargetKey('p', { kind, name: 'x' })).toBeDefined();
  });

  it('gives the owner and a key builder for any prefix', () => {
    const file = downloadTargetFile({ kind: DownloadTargetKind.RestoreLog, name: 'r1' });
    expect(file?.owner).toBe('restore');
    expect(file?.key('/a/b/')).toBe('a/b/restores/r1/restore-r1-logs.gz');
    expect(downloadTargetFile({ kind: 'Nope', name: 'r1' })).toBeUndefined();
  });

  it.each(['BackupVolumeInfo', 'RestoreVolumeInfos', 'toString', ''])('knows no kind %j', (kind) => {
    expect(downloadTargetOwner(kind)).toBeUndefined();
    expect(downloadTargetKey('velero', { kind, name: 'b1' })).toBeUndefined();
  });

  const dashes = 'b-cool-20170913154901-20170913154902';
  // velero pkg/persistence/object_store_test.go TestGetDownloadURL
  it.each<[string, string, string, DownloadTargetKind, string]>([
    [
      'backup with prefix',
      'velero-backups/',
      'my-backup',
      DownloadTargetKind.BackupContents,
      'velero-backups/backups/my-backup/my-backup.tar.gz',
    ],
    [
      'backup with prefix',
      'velero-backups/',
      'my-backup',
      DownloadTargetKind.BackupLog,
      'velero-backups/backups/my-backup/my-backup-logs.gz',
    ],
    [
      'backup with multiple dashes',
      '',
      dashes,
      DownloadTargetKind.BackupVolumeSnapshots,
      `backups/${dashes}/${dashes}-volumesnapshots.json.gz`,
    ],
    [
      'scheduled backup with prefix',
      'velero-backups/',
      'my-backup-20170913154901',
      DownloadTargetKind.BackupResourceList,
      'velero-backups/backups/my-backup-20170913154901/my-backup-20170913154901-resource-list.json.gz',
    ],
    [
      'restore with prefix',
      'velero-backups/',
      'my-backup',
      DownloadTargetKind.RestoreItemOperations,
      'velero-backups/restores/my-backup/restore-my-backup-itemoperations.json.gz',
    ],
    ['restore with multiple dashes', '', dashes, DownloadTargetKind.RestoreResults, `restores/${dashes}/restore-${dashes}-results.gz`],
    ['backup volume infos', '', 'my-backup', DownloadTargetKind.BackupVolumeInfos, 'backups/my-backup/my-backup-volumeinfo.json.gz'],
  ])('%s: prefix %j, %s, %s', (_what, prefix, name, kind, key) => {
    expect(downloadTargetKey(prefix, { kind, name })).toBe(key);
  });
});
