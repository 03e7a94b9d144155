import { type BackupSpec } from '@ferry/api';
import { validateBackup, type BackupValidationInput } from './backup-validation';
import { filterPoliciesWithOldFilters, includeExcludePolicyWithOldFilters } from './resource-policy-outcome';

const mixed =
  'include-resources, exclude-resources and include-cluster-resources are old filter parameters.\n' +
  'include-cluster-scoped-resources, exclude-cluster-scoped-resources, include-namespace-scoped-resources and exclude-namespace-scoped-resources are new filter parameters.\n' +
  'They cannot be used together';

function input(spec: BackupSpec, overrides: Partial<BackupValidationInput> = {}): BackupValidationInput {
  return {
    backup: { namespace: 'velero', name: 'b1', spec },
    storageLocations: { ok: true, items: [{ name: 'default', phase: 'Available' }] },
    resourcePolicies: { kind: 'none' },
    ...overrides,
  };
}

describe('backup validation - one problem at a time', () => {
  it.each<[string, BackupValidationInput, string[]]>([
    ['a valid backup', input({ ttl: '0s', csiSnapshotTimeout: '0s', itemOperationTimeout: '0s' }), []],
    ['bad ttl', input({ ttl: '30d' }), ['invalid spec.ttl "30d": time: unknown unit "d" in duration "30d"']],
    [
      'a selector operator Kubernetes does not know',
      input({ labelSelector: { matchExpressions: [{ key: 'a', operator: 'Near' }] } }),
      ['invalid spec.labelSelector: "Near" is not a valid label selector operator'],
    ],
    [
      'an orLabelSelectors entry with an In without values',
      input({ orLabelSelectors: [{ matchLabels: { a: 'b' } }, { matchExpressions: [{ key: 'a', operator: 'In' }] }] }),
      [
        expect.stringMatching(
          /^invalid spec\.orLabelSelectors\[1\]: values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty/,
        ),
      ],
    ],
    [
      'bad csiSnapshotTimeout',
      input({ csiSnapshotTimeout: '10' }),
      ['invalid spec.csiSnapshotTimeout "10": time: missing unit in duration "10"'],
    ],
    [
      'bad itemOperationTimeout',
      input({ itemOperationTimeout: 'soon' }),
      ['invalid spec.itemOperationTimeout "soon": time: invalid duration "soon"'],
    ],
    [
      'storage location missing',
      input({ storageLocation: 'nope' }),
      [
        'an existing backup storage location was not specified at backup creation time and the default nope was not found. Please address this issue (see `velero backup-location -h` for options) and create a new backup. Error: backupstoragelocations.velero.io "nope" not found',
      ],
    ],
    [
      'storage location read-only',
      input({}, { storageLocations: { ok: true, items: [{ name: 'default', phase: 'Available', accessMode: 'ReadOnly' }] } }),
      ["backup can't be created because backup storage location default is currently in read-only mode"],
    ],
    [
      'storage location unavailable',
      input({}, { storageLocations: { ok: true, items: [{ name: 'default', phase: 'Unavailable' }] } }),
      ["backup can't be created because BackupStorageLocation default is in Unavailable status."],
    ],
    [
      'server default flag names a missing location',
      input({}, { serverDefaultStorageLocation: 'primary' }),
      [
        'an existing backup storage location was not specified at backup creation time and the server default primary does not exist. Please address this issue (see `velero backup-location -h` for options) and create a new backup. Error: backupstoragelocations.velero.io "primary" not found',
      ],
    ],
    [
      'snapshot location missing',
      input({ volumeSnapshotLocations: ['aws'] }),
      [
        'a VolumeSnapshotLocation CRD for the location aws with the name specified in the backup spec needs to be created before this snapshot can be executed. Error: volumesnapshotlocations.velero.io "aws" not found',
      ],
    ],
    [
      'namespace list failed',
      input({}, { namespacesExcludedByLabel: { ok: false, message: 'forbidden' } }),
      ['error getting namespace list: forbidden'],
    ],
    ['old and scoped filters mixed', input({ includeClusterResources: true, excludedClusterScopedResources: ['nodes'] }), [mixed]],
    [
      'bad old resource lists',
      input({ includedResources: ['pods'], excludedResources: ['pods', '*'] }),
      [
        "Invalid included/excluded resource lists: excludes list cannot contain '*'",
        'Invalid included/excluded resource lists: excludes list cannot contain an item in the includes list: pods',
      ],
    ],
    [
      'bad scoped resource lists',
      input({
        includedClusterScopedResources: ['*', 'nodes'],
        includedNamespaceScopedResources: ['pods'],
        excludedNamespaceScopedResources: ['*'],
      }),
      [
        "Invalid cluster-scoped included/excluded resource lists: includes list must either contain '*' only, or a non-empty list of items",
        "Invalid namespace-scoped included/excluded resource lists: when exclude is '*', include cannot have value",
      ],
    ],
    [
      'namespace included and excluded',
      input({ includedNamespaces: ['app', 'db'], excludedNamespaces: ['db'] }),
      ['Invalid included/excluded namespace lists: excludes list cannot contain an item in the includes list: db'],
    ],
    [
      'no includes means * (excluding * is then an error too)',
      input({ excludedNamespaces: ['*'] }),
      [
        "Invalid included/excluded namespace lists: excludes list cannot contain '*'",
        'Invalid included/excluded namespace lists: excludes list cannot contain an item in the includes list: *',
      ],
    ],
    [
      'a namespace labelled exclude-from-backup that is included',
      input({ includedNamespaces: ['app'] }, { namespacesExcludedByLabel: { ok: true, items: ['app'] } }),
      ['Invalid included/excluded namespace lists: excludes list cannot contain an item in the includes list: app'],
    ],
    [
      'labelSelector with orLabelSelectors (even empty ones)',
      input({ labelSelector: {}, orLabelSelectors: [] }),
      ['encountered labelSelector as well as orLabelSelectors in backup spec, only one can be specified'],
    ],
    [
      'policy ConfigMap missing',
      input(
        {},
        {
          resourcePolicies: {
            kind: 'failed',
            failure: { stage: 'get', origin: 'backup', configMap: { namespace: 'velero', name: 'p' }, detail: 'configmaps "p" not found' },
          },
        },
      ),
      ['fail to get ResourcePolicies velero/p ConfigMap: configmaps "p" not found'],
    ],
    [
      'policy failure reported by a loader',
      input({}, { resourcePolicies: { kind: 'reported', message: 'fail to validate ResourcePolicies in ConfigMap velero/p: x' } }),
      ['fail to validate ResourcePolicies in ConfigMap velero/p: x'],
    ],
    [
      'includeExcludePolicy and filter policies with old filters',
      input({ excludedResources: ['secrets'] }, { resourcePolicies: { kind: 'loaded', includeExcludePolicy: true, filterPolicies: true } }),
      [includeExcludePolicyWithOldFilters, filterPoliciesWithOldFilters],
    ],
    [
      'includeExcludePolicy with scoped filters is fine',
      input(
        { excludedNamespaceScopedResources: ['secrets'] },
        { resourcePolicies: { kind: 'loaded', includeExcludePolicy: true, filterPolicies: false } },
      ),
      [],
    ],
  ])('%s', (_, validationInput, errors) => {
    expect(validateBackup(validationInput)).toEqual(errors);
  });
});

// Velero's TestProcessBackupValidationFailures, the inputs the table above does not already have
// (BSL loc-1 Available is the server's default).
describe('backup validation - Velero’s validation failures', () => {
  const loc1 = (spec: BackupSpec): BackupValidationInput =>
    input(spec, { storageLocations: { ok: true, items: [{ name: 'loc-1', phase: 'Available' }] }, serverDefaultStorageLocation: 'loc-1' });
  it.each<[string, BackupValidationInput, string[]]>([
    [
      'invalid included/excluded resources fails validation',
      loc1({ includedResources: ['foo'], excludedResources: ['foo'] }),
      ['Invalid included/excluded resource lists: excludes list cannot contain an item in the includes list: foo'],
    ],
    [
      'invalid included/excluded namespaces fails validation',
      loc1({ includedNamespaces: ['foo'], excludedNamespaces: ['foo'] }),
      ['Invalid included/excluded namespace lists: excludes list cannot contain an item in the includes list: foo'],
    ],
    [
      'labelSelector as well as orLabelSelectors both are specified in backup request fails validation',
      loc1({
        labelSelector: { matchLabels: { a: 'b' } },
        orLabelSelectors: [
          { matchLabels: { a1: 'b1' } },
          { matchLabels: { a2: 'b2' } },
          { matchLabels: { a3: 'b3' } },
          { matchLabels: { a4: 'b4' } },
        ],
      }),
      ['encountered labelSelector as well as orLabelSelectors in backup spec, only one can be specified'],
    ],
    [
      'use old filter parameters and new filter parameters together',
      loc1({ includeClusterResources: true, includedNamespaceScopedResources: ['Deployment'], includedNamespaces: ['default'] }),
      [mixed],
    ],
  ])('%s', (_, validationInput, errors) => {
    expect(validateBackup(validationInput)).toEqual(errors);
  });
});

describe('backup validation - order of messages as Velero emits them', () => {
  it('durations, location, snapshot locations, namespace list, filters, namespaces, selectors, policies', () => {
    const errors = validateBackup(
      input(
        {
          ttl: 'x',
          storageLocation: 'ro',
          volumeSnapshotLocations: ['vsl'],
          includedResources: ['pods'],
          includedClusterScopedResources: ['nodes'],
          includedNamespaces: ['a'],
          excludedNamespaces: ['a'],
          labelSelector: { matchLabels: { app: 'x' } },
          orLabelSelectors: [{ matchLabels: { app: 'y' } }],
        },
        {
          storageLocations: { ok: true, items: [{ name: 'ro', accessMode: 'ReadOnly', phase: 'Available' }] },
          namespacesExcludedByLabel: { ok: false, message: 'denied' },
          resourcePolicies: { kind: 'loaded', includeExcludePolicy: true, filterPolicies: false },
        },
      ),
    );
    expect(errors.map((error) => error.slice(0, 30))).toEqual([
      'invalid spec.ttl "x": time: in',
      "backup can't be created becaus",
      'a VolumeSnapshotLocation CRD f',
      'error getting namespace list: ',
      'include-resources, exclude-res',
      'Invalid included/excluded name',
      'encountered labelSelector as w',
      'include-resources, exclude-res',
    ]);
    expect(errors[4]).toBe(mixed);
    expect(errors[7]).toBe(includeExcludePolicyWithOldFilters);
  });
});
