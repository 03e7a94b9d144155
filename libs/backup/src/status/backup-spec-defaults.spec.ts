import { type BackupSpec } from '@ferry/api';
import { defaultedBackupSpec, veleroServerDefaults } from './backup-spec-defaults';

describe('backup spec defaults - what Velero writes back into the spec', () => {
  it("fills an empty spec (the CLI's zero durations included) with the server defaults", () => {
    expect(defaultedBackupSpec({ ttl: '0s', csiSnapshotTimeout: '0s', itemOperationTimeout: '0s' })).toEqual({
      ttl: '720h0m0s',
      csiSnapshotTimeout: '10m0s',
      itemOperationTimeout: '4h0m0s',
      volumeGroupSnapshotLabelKey: 'velero.io/volume-group',
      backupType: 'Incremental',
      datamover: 'velero-fs',
      defaultVolumesToFsBackup: false,
      snapshotMoveData: false,
      storageLocation: 'default',
    });
  });

  it.each<[string, BackupSpec, Partial<BackupSpec>]>([
    ['keeps written durations as written', { ttl: '24h', csiSnapshotTimeout: '90s' }, { ttl: '24h', csiSnapshotTimeout: '90s' }],
    ['keeps an unparsable duration for validation', { ttl: '1d' }, { ttl: '1d' }],
    ['velero data mover means the built-in default', { datamover: 'velero' }, { datamover: 'velero-fs' }],
    ['another data mover is kept', { datamover: 'velero-block' }, { datamover: 'velero-block' }],
    ['the deprecated restic flag is remapped', { defaultVolumesToRestic: true }, { defaultVolumesToFsBackup: true }],
    [
      'an explicit false is kept',
      { defaultVolumesToFsBackup: false, snapshotMoveData: true },
      { defaultVolumesToFsBackup: false, snapshotMoveData: true },
    ],
    ['a full backup stays full', { backupType: 'Full' }, { backupType: 'Full' }],
    ['a named location is kept', { storageLocation: 'secondary' }, { storageLocation: 'secondary' }],
  ])('%s', (_, spec, expected) => {
    expect(defaultedBackupSpec(spec)).toMatchObject(expected);
  });

  it('uses the given server defaults and leaves the input untouched', () => {
    const spec: BackupSpec = {};
    const defaulted = defaultedBackupSpec(spec, {
      ...veleroServerDefaults,
      storageLocation: 'primary',
      defaultVolumesToFsBackup: true,
      durations: { ...veleroServerDefaults.durations, ttl: 86_400_000_000_000n },
    });
    expect(defaulted).toMatchObject({ storageLocation: 'primary', defaultVolumesToFsBackup: true, ttl: '24h0m0s' });
    expect(spec).toEqual({});
  });
});
