import type { Backup, BackupStorageLocation, RestoreSpec } from '@ferry/api';
import { mostRecentCompletedBackup, validateRestore, type RestorePolicyOutcome } from './restore-validation';

// Velero's restore_controller_test.go TestRestoreReconcile validation cases, as data.
const backup = (name: string, phase: string, start = '2026-01-01T00:00:00Z', schedule?: string): Backup => ({
  metadata: { name, ...(schedule ? { labels: { 'velero.io/schedule-name': schedule } } : {}) },
  spec: { storageLocation: 'default' },
  status: { phase: phase as never, startTimestamp: start },
});
const available: BackupStorageLocation = { metadata: { name: 'default' }, spec: {} as never, status: { phase: 'Available' } };
const validate = (
  spec: RestoreSpec,
  extra: { backups?: Backup[]; locations?: BackupStorageLocation[]; policy?: RestorePolicyOutcome } = {},
) =>
  validateRestore({
    namespace: 'velero',
    spec,
    backups: extra.backups ?? [backup('b1', 'Completed')],
    locations: extra.locations ?? [available],
    policy: extra.policy ?? { kind: 'none' },
  }).errors;

describe('validateRestore (Velero validateAndComplete)', () => {
  it.each<[string, RestoreSpec, string[]]>([
    ['valid', { backupName: 'b1' }, []],
    ['neither source', {}, ['Either a backup or schedule must be specified as a source for the restore, but not both']],
    [
      'both sources',
      { backupName: 'b1', scheduleName: 's' },
      ['Either a backup or schedule must be specified as a source for the restore, but not both'],
    ],
    [
      'non-restorable include',
      { backupName: 'b1', includedResources: ['nodes'] },
      [
        'nodes are non-restorable resources',
        'Invalid included/excluded resource lists: excludes list cannot contain an item in the includes list: nodes',
      ],
    ],
    [
      'resource include/exclude overlap',
      { backupName: 'b1', includedResources: ['pods'], excludedResources: ['pods'] },
      ['Invalid included/excluded resource lists: excludes list cannot contain an item in the includes list: pods'],
    ],
    [
      'namespace include/exclude overlap',
      { backupName: 'b1', includedNamespaces: ['a'], excludedNamespaces: ['a'] },
      ['Invalid included/excluded namespace lists: excludes list cannot contain an item in the includes list: a'],
    ],
    [
      'both selectors',
      { backupName: 'b1', labelSelector: { matchLabels: { a: 'b' } }, orLabelSelectors: [] },
      ['encountered labelSelector as well as orLabelSelectors in restore spec, only one can be specified'],
    ],
    ['unknown existing policy', { backupName: 'b1', existingResourcePolicy: 'replace' }, ['Invalid ExistingResourcePolicy: replace']],
    [
      'restore hook with an invalid label selector, before the existing policy',
      {
        backupName: 'b1',
        hooks: { resources: [{ name: 'h', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] } }] },
        existingResourcePolicy: 'replace',
      },
      ['"Equals" is not a valid label selector operator', 'Invalid ExistingResourcePolicy: replace'],
    ],
    [
      'restore hook with an init container without a command',
      {
        backupName: 'b1',
        hooks: { resources: [{ name: 'h', postHooks: [{ init: { initContainers: [{ name: 'i', image: 'busybox' }] } }] }] },
      },
      ["invalid InitContainer in restore hook, it doesn't have Command, Name or Image field"],
    ],
    [
      'itemOperationTimeout not a duration',
      { backupName: 'b1', itemOperationTimeout: 'later' },
      ['invalid spec.itemOperationTimeout "later": time: invalid duration "later"'],
    ],
    ['itemOperationTimeout a duration', { backupName: 'b1', itemOperationTimeout: '1h30m' }, []],
    ['missing backup', { backupName: 'b2' }, [`Error retrieving backup: can't find backup velero/b2: backups.velero.io "b2" not found`]],
  ])('%s', (_name, spec, errors) => {
    expect(validate(spec)).toEqual(errors);
  });

  it('needs the backup location to exist and be Available', () => {
    expect(validate({ backupName: 'b1' }, { locations: [] })).toEqual([
      'Error retrieving backup: backupstoragelocations.velero.io "default" not found',
    ]);
    expect(validate({ backupName: 'b1' }, { locations: [{ ...available, status: { phase: 'Unavailable' } }] })).toEqual([
      'The BSL default is unavailable, cannot retrieve the backup',
    ]);
  });

  it.each([
    ['Completed', []],
    ['PartiallyFailed', []],
    ['InProgress', ['backup b1 is in phase InProgress; only Completed or PartiallyFailed backups can be restored']],
    ['Deleting', ['backup b1 is in phase Deleting; only Completed or PartiallyFailed backups can be restored']],
  ])('a backup in phase %s', (phase, errors) => {
    expect(validate({ backupName: 'b1' }, { backups: [backup('b1', phase)] })).toEqual(errors);
  });

  it('takes the newest Completed backup of a schedule', () => {
    const backups = [
      backup('old', 'Completed', '2026-01-01T00:00:00Z', 's'),
      backup('new', 'Completed', '2026-01-03T00:00:00Z', 's'),
      backup('newest-failed', 'PartiallyFailed', '2026-01-04T00:00:00Z', 's'),
    ];
    const result = validateRestore({
      namespace: 'velero',
      spec: { scheduleName: 's' },
      backups,
      locations: [available],
      policy: { kind: 'none' },
    });
    expect(result.errors).toEqual([]);
    expect(result.backup?.metadata?.name).toBe('new');
    expect(mostRecentCompletedBackup([])).toBeUndefined();
    expect(validate({ scheduleName: 'none' }, { backups })).toEqual([
      'No backups found for schedule',
      'No completed backups found for schedule',
    ]);
  });

  it.each<[string, RestorePolicyOutcome, string[]]>([
    ['filter policies only', { kind: 'loaded', volumePolicies: false, includeExcludePolicy: false }, []],
    [
      'volume policies',
      { kind: 'loaded', volumePolicies: true, includeExcludePolicy: false },
      ['volumePolicies in the resource policy is not supported for restore'],
    ],
    [
      'includeExcludePolicy',
      { kind: 'loaded', volumePolicies: false, includeExcludePolicy: true },
      ['includeExcludePolicy in the resource policy is not supported for restore'],
    ],
    [
      'a load failure',
      { kind: 'failed', message: 'fail to get ResourcePolicies velero/p ConfigMap: nope' },
      ['fail to get ResourcePolicies velero/p ConfigMap: nope'],
    ],
  ])('a resource policy with %s', (_name, policy, errors) => {
    expect(validate({ backupName: 'b1' }, { policy })).toEqual(errors);
  });
});
