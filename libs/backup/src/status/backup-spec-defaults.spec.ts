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

// Velero's TestDefaultVolumesToResticDeprecation: the spec's defaultVolumesToRestic and
// defaultVolumesToFsBackup, the server's --default-volumes-to-fs-backup → the value used.
describe('backup spec defaults - defaultVolumesToFsBackup and the deprecated restic flag', () => {
  it.each<[string, boolean | undefined, boolean | undefined, boolean, boolean]>([
    ['restic unset, fs-backup unset, server true', undefined, undefined, true, true],
    ['restic unset, fs-backup false, server true', undefined, false, true, false],
    ['restic unset, fs-backup true, server false', undefined, true, false, true],
    ['restic false, fs-backup unset, server false', false, undefined, false, false],
    ['restic false, fs-backup true, server false', false, true, false, true],
    ['restic false, fs-backup false, server true', false, false, true, false],
    ['restic true, fs-backup unset, server false', true, undefined, false, true],
    ['restic true, fs-backup false, server false', true, false, false, true],
    ['restic true, fs-backup true, server false', true, true, false, true],
  ])('%s', (_name, restic, fsBackup, serverDefault, expected) => {
    const spec: BackupSpec = {
      ...(restic === undefined ? {} : { defaultVolumesToRestic: restic }),
      ...(fsBackup === undefined ? {} : { defaultVolumesToFsBackup: fsBackup }),
    };
    const defaults = { ...veleroServerDefaults, defaultVolumesToFsBackup: serverDefault };
    expect(defaultedBackupSpec(spec, defaults).defaultVolumesToFsBackup).toBe(expected);
  });
});

// Velero's TestPrepareBackupRequest_SetsVGSLabelKey.
describe('backup spec defaults - volume group snapshot label key', () => {
  it.each<[string, string | undefined, string, string]>([
    ['backup with spec label key set', 'spec-key', 'server-key', 'spec-key'],
    ['backup with no spec key, uses server flag', undefined, 'server-key', 'server-key'],
    ['backup with no spec or server flag, uses default', undefined, 'velero.io/volume-group', 'velero.io/volume-group'],
  ])('%s', (_name, specKey, serverKey, expected) => {
    const spec: BackupSpec = specKey === undefined ? {} : { volumeGroupSnapshotLabelKey: specKey };
    const defaults = { ...veleroServerDefaults, volumeGroupSnapshotLabelKey: serverKey };
    expect(defaultedBackupSpec(spec, defaults).volumeGroupSnapshotLabelKey).toBe(expected);
  });
});

// Velero's TestProcessBackupCompletions, the snapshot data movement cases: spec, server's --default-snapshot-move-data → value used.
describe('backup spec defaults - snapshotMoveData', () => {
  it.each<[string, boolean | undefined, boolean, boolean]>([
    ['set to true, server default false', true, false, true],
    ['set to false, server default false', false, false, false],
    ['not set, server default false', undefined, false, false],
    ['set to false, server default true', false, true, false],
    ['not set, server default true', undefined, true, true],
  ])('%s', (_name, snapshotMoveData, serverDefault, expected) => {
    const spec: BackupSpec = snapshotMoveData === undefined ? {} : { snapshotMoveData };
    expect(defaultedBackupSpec(spec, { ...veleroServerDefaults, snapshotMoveData: serverDefault }).snapshotMoveData).toBe(expected);
  });
});
