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

// Velero's TestValidateAndGetSnapshotLocations, the cases where the Backup names its locations.
describe('location checks - Velero’s named snapshot locations', () => {
  const vsls: LocationList<SnapshotLocationFacts> = {
    ok: true,
    items: [
      { name: 'aws-us-east-1', provider: 'aws' },
      { name: 'aws-us-west-1', provider: 'aws' },
      { name: 'some-name', provider: 'fake-provider' },
    ],
  };
  it.each<[string, string[], string[]]>([
    [
      'location name does not correspond to any existing location',
      ['random-name'],
      [
        'a VolumeSnapshotLocation CRD for the location random-name with the name specified in the backup spec needs to be created before this snapshot can be executed. Error: volumesnapshotlocations.velero.io "random-name" not found',
      ],
    ],
    ['duplicate locationName per provider: should filter out dups', ['aws-us-west-1', 'aws-us-west-1'], []],
    [
      'multiple non-dupe location names per provider should error',
      ['aws-us-east-1', 'aws-us-west-1'],
      ['more than one VolumeSnapshotLocation name specified for provider aws: aws-us-west-1; unexpected name was aws-us-east-1'],
    ],
    ['multiple location names for a provider, one for another provider', ['aws-us-west-1', 'aws-us-west-1', 'some-name'], []],
  ])('%s', (_, names, errors) => {
    expect(snapshotLocationErrors(names, vsls)).toEqual(errors);
  });
});

// Velero's Test_prepareBackupRequest_BackupStorageLocation (server default `default-location`).
describe('location checks - Velero’s storage location choice', () => {
  const both = bsls({ name: 'test-backup-location' }, { name: 'default-location' });
  it.each<[string, string, LocationList<StorageLocationFacts>, string, string | undefined]>([
    [
      'BackupLocation is specified in backup CR spec and it can be found in ApiServer',
      'test-backup-location',
      both,
      'test-backup-location',
      undefined,
    ],
    [
      "BackupLocation is specified in backup CR spec and it can't be found in ApiServer",
      'test-backup-location',
      bsls(),
      'test-backup-location',
      'an existing backup storage location was not specified at backup creation time and the default test-backup-location was not found. Please address this issue (see `velero backup-location -h` for options) and create a new backup. Error: backupstoragelocations.velero.io "test-backup-location" not found',
    ],
    ['Using default BackupLocation and it can be found in ApiServer', '', both, 'default-location', undefined],
    [
      "Using default BackupLocation and it can't be found in ApiServer",
      '',
      bsls(),
      'default-location',
      'an existing backup storage location was not specified at backup creation time and the server default default-location does not exist. Please address this issue (see `velero backup-location -h` for options) and create a new backup. Error: backupstoragelocations.velero.io "default-location" not found',
    ],
  ])('%s', (_, spec, list, name, missing) => {
    const choice = chooseStorageLocation(spec, list, 'default-location');
    expect(choice.name).toBe(name);
    // Velero's BSLs here have no phase: when found, the only error is that they are not Available.
    expect(storageLocationErrors(choice, list)[0]).toBe(
      missing ?? `backup can't be created because BackupStorageLocation ${name} is in Unavailable status.`,
    );
  });
});
