import { defaultLocationChanges } from './default-location';

describe('default location - Velero rules', () => {
  const at = (minute: number) => `2025-01-01T00:${String(minute).padStart(2, '0')}:00Z`;
  it.each([
    [
      'none default, one named default: mark it',
      [
        { name: 'a', isDefault: false },
        { name: 'default', isDefault: false },
      ],
      { markDefault: 'default', unsetDefault: [] },
    ],
    ['none default, none named default: nothing', [{ name: 'a', isDefault: false }], { unsetDefault: [] }],
    [
      'one default: nothing, even beside one named default',
      [
        { name: 'a', isDefault: true },
        { name: 'default', isDefault: false },
      ],
      { unsetDefault: [] },
    ],
    [
      'several defaults: the newest keeps it',
      [
        { name: 'a', isDefault: true, creationTimestamp: at(1) },
        { name: 'b', isDefault: true, creationTimestamp: at(3) },
        { name: 'c', isDefault: true, creationTimestamp: at(2) },
      ],
      { unsetDefault: ['a', 'c'] },
    ],
    [
      'several defaults created at once: the first listed keeps it',
      [
        { name: 'a', isDefault: true, creationTimestamp: at(1) },
        { name: 'b', isDefault: true, creationTimestamp: at(1) },
      ],
      { unsetDefault: ['b'] },
    ],
  ])('%s', (_what, locations, changes) => {
    expect(defaultLocationChanges(locations)).toEqual(changes);
  });

  it('honours another server default name', () => {
    expect(defaultLocationChanges([{ name: 'primary', isDefault: false }], 'primary')).toEqual({
      markDefault: 'primary',
      unsetDefault: [],
    });
  });

  // velero pkg/controller/backup_storage_location_controller_test.go TestEnsureSingleDefaultBSL (server default name: the third column)
  it.each<[string, { name: string; isDefault: boolean }[], string, string[]]>([
    [
      'MultipleDefaults (same creation time: the first listed keeps it)',
      [
        { name: 'location-1', isDefault: true },
        { name: 'location-2', isDefault: true },
      ],
      'default',
      ['location-2'],
    ],
    [
      'NoDefault with non-exist default bsl in defaultBackupInfo',
      [
        { name: 'location-1', isDefault: false },
        { name: 'location-2', isDefault: false },
      ],
      'location-3',
      [],
    ],
    [
      'SingleDefault',
      [
        { name: 'location-1', isDefault: true },
        { name: 'location-2', isDefault: false },
      ],
      'default',
      [],
    ],
  ])('%s', (_what, locations, serverDefaultName, unset) => {
    expect(defaultLocationChanges(locations, serverDefaultName)).toEqual({ unsetDefault: unset });
  });
});
