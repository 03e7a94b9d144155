import {
  chooseStorageLocation,
  snapshotLocationErrors,
  storageLocationErrors,
  type LocationList,
  type SnapshotLocationFacts,
  type StorageLocationFacts,
} from './location-checks';

const bsls = (...items: StorageLocationFacts[]): LocationList<StorageLocationFacts> => ({ ok: true, items });
const available = (name: string, extra: Partial<StorageLocationFacts> = {}): StorageLocationFacts => ({
  name,
  phase: 'Available',
  ...extra,
});

describe('location checks - chooseStorageLocation', () => {
  it.each<[string, string | undefined, LocationList<StorageLocationFacts>, string | undefined, { name: string; serverSpecified: boolean }]>(
    [
      [
        'named by the Backup',
        'secondary',
        bsls(available('default', { default: true })),
        undefined,
        { name: 'secondary', serverSpecified: false },
      ],
      [
        'marked default',
        undefined,
        bsls(available('a'), available('b', { default: true })),
        undefined,
        { name: 'b', serverSpecified: true },
      ],
      ['server default name', undefined, bsls(available('a')), undefined, { name: 'default', serverSpecified: true }],
      ['server default flag', undefined, bsls(), 'primary', { name: 'primary', serverSpecified: true }],
      ['list failed', '', { ok: false, message: 'boom' }, undefined, { name: 'default', serverSpecified: true }],
    ],
  )('%s', (_, spec, list, serverDefault, choice) => {
    expect(chooseStorageLocation(spec, list, serverDefault)).toEqual(choice);
  });
});

describe('location checks - storageLocationErrors', () => {
  it.each<[string, { name: string; serverSpecified: boolean }, LocationList<StorageLocationFacts>, string[]]>([
    ['available', { name: 'default', serverSpecified: true }, bsls(available('default')), []],
    [
      'missing, chosen by the server',
      { name: 'default', serverSpecified: true },
      bsls(),
      [
        'an existing backup storage location was not specified at backup creation time and the server default default does not exist. Please address this issue (see `velero backup-location -h` for options) and create a new backup. Error: backupstoragelocations.velero.io "default" not found',
      ],
    ],
    [
      'missing, named by the Backup',
      { name: 'other', serverSpecified: false },
      bsls(available('default')),
      [
        'an existing backup storage location was not specified at backup creation time and the default other was not found. Please address this issue (see `velero backup-location -h` for options) and create a new backup. Error: backupstoragelocations.velero.io "other" not found',
      ],
    ],
    [
      'lookup failed',
      { name: 'default', serverSpecified: true },
      { ok: false, message: 'etcdserver: request timed out' },
      ['error getting backup storage location: etcdserver: request timed out'],
    ],
    [
      'read-only and unavailable',
      { name: 'ro', serverSpecified: false },
      bsls({ name: 'ro', accessMode: 'ReadOnly', phase: 'Unavailable' }),
      [
        "backup can't be created because backup storage location ro is currently in read-only mode",
        "backup can't be created because BackupStorageLocation ro is in Unavailable status.",
      ],
    ],
    [
      'never validated yet',
      { name: 'new', serverSpecified: false },
      bsls({ name: 'new' }),
      ["backup can't be created because BackupStorageLocation new is in Unavailable status."],
    ],
  ])('%s', (_, choice, list, errors) => {
    expect(storageLocationErrors(choice, list)).toEqual(errors);
  });
});

describe('location checks - snapshotLocationErrors', () => {
  const vsls = (...items: SnapshotLocationFacts[]): LocationList<SnapshotLocationFacts> => ({ ok: true, items });
  it.each<[string, string[] | undefined, LocationList<SnapshotLocationFacts>, string[]]>([
    ['none named', undefined, vsls(), []],
    ['named and present', ['aws-east'], vsls({ name: 'aws-east', provider: 'aws' }), []],
    [
      'named and missing',
      ['gone'],
      vsls(),
      [
        'a VolumeSnapshotLocation CRD for the location gone with the name specified in the backup spec needs to be created before this snapshot can be executed. Error: volumesnapshotlocations.velero.io "gone" not found',
      ],
    ],
    [
      'two for one provider',
      ['aws-east', 'aws-west', 'aws-east'],
      vsls({ name: 'aws-east', provider: 'aws' }, { name: 'aws-west', provider: 'aws' }),
      ['more than one VolumeSnapshotLocation name specified for provider aws: aws-west; unexpected name was aws-east'],
    ],
    ['list failed', ['x'], { ok: false, message: 'forbidden' }, ['error getting volume snapshot location named x: forbidden']],
  ])('%s', (_, names, list, errors) => {
    expect(snapshotLocationErrors(names, list)).toEqual(errors);
  });
});
