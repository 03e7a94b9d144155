import { type BackupSpec } from '@ferry/api';
import { prepareBackup, type PrepareBackupInput } from './prepared-backup';

const now = new Date('2026-12-06T07:00:00.400Z');
const input = (spec: BackupSpec, over: Partial<PrepareBackupInput> = {}): PrepareBackupInput => ({
  spec,
  validationErrors: [],
  storageLocation: 'default',
  now,
  ...over,
});

describe('prepared backup - what Velero writes before running', () => {
  it('prepares `velero backup create b` (the CLI posts zero durations)', () => {
    const prepared = prepareBackup(
      input(
        { ttl: '0s', csiSnapshotTimeout: '0s', itemOperationTimeout: '0s' },
        { serverVersion: { gitVersion: 'v1.36.3', major: '1', minor: '36' }, labels: { team: 'a' } },
      ),
    );
    expect(prepared).toEqual({
      labels: { team: 'a', 'velero.io/storage-location': 'default' },
      annotations: {
        'velero.io/source-cluster-k8s-gitversion': 'v1.36.3',
        'velero.io/source-cluster-k8s-major-version': '1',
        'velero.io/source-cluster-k8s-minor-version': '36',
        'velero.io/resource-timeout': '10m0s',
      },
      spec: {
        ttl: '720h0m0s',
        csiSnapshotTimeout: '10m0s',
        itemOperationTimeout: '4h0m0s',
        volumeGroupSnapshotLabelKey: 'velero.io/volume-group',
        backupType: 'Incremental',
        datamover: 'velero-fs',
        defaultVolumesToFsBackup: false,
        snapshotMoveData: false,
        storageLocation: 'default',
        includedNamespaces: ['*'],
        excludedClusterScopedResources: ['volumesnapshotcontents.snapshot.storage.k8s.io'],
        excludedNamespaceScopedResources: ['volumesnapshots.snapshot.storage.k8s.io'],
      },
      status: {
        version: 1,
        formatVersion: '1.1.0',
        expiration: '2027-01-05T07:00:00Z',
        phase: 'InProgress',
        startTimestamp: '2026-12-06T07:00:00Z',
      },
    });
  });

  it.each<[string, PrepareBackupInput, Partial<BackupSpec>]>([
    [
      'old filters get both CSI resources excluded',
      input({ includedResources: ['*'], excludedResources: ['secrets'] }),
      {
        includedResources: ['*'],
        excludedResources: ['secrets', 'volumesnapshots.snapshot.storage.k8s.io', 'volumesnapshotcontents.snapshot.storage.k8s.io'],
      },
    ],
    [
      'an included CSI resource is dropped from the includes',
      input({ includedNamespaceScopedResources: ['pods', 'volumesnapshots.snapshot.storage.k8s.io'] }),
      { includedNamespaceScopedResources: ['pods'], excludedNamespaceScopedResources: ['volumesnapshots.snapshot.storage.k8s.io'] },
    ],
    [
      'an invalid list is left as written',
      input({ includedResources: ['pods'], excludedResources: ['pods'] }, { validationErrors: ['x'] }),
      { includedResources: ['pods'], excludedResources: ['pods'] },
    ],
    [
      'labelled namespaces are added to the excludes',
      input({ includedNamespaces: ['app'], excludedNamespaces: ['tmp'] }, { namespacesExcludedByLabel: ['kube-system'] }),
      { includedNamespaces: ['app'], excludedNamespaces: ['tmp', 'kube-system'] },
    ],
    ['the chosen location is written', input({}, { storageLocation: 'secondary' }), { storageLocation: 'secondary' }],
  ])('%s', (_, prepareInput, spec) => {
    expect(prepareBackup(prepareInput).spec).toMatchObject(spec);
  });

  it('marks a Backup with validation errors FailedValidation, without a start', () => {
    const prepared = prepareBackup(input({ ttl: '24h' }, { validationErrors: ['bad'] }));
    expect(prepared.status).toEqual({
      version: 1,
      formatVersion: '1.1.0',
      expiration: '2026-12-07T07:00:00Z',
      phase: 'FailedValidation',
      validationErrors: ['bad'],
    });
  });

  it('writes no expiration for an unparsable ttl', () => {
    expect(prepareBackup(input({ ttl: '30d' }, { validationErrors: ['bad ttl'] })).status.expiration).toBeUndefined();
  });

  it('records the global policies ConfigMap, a custom resource timeout and a long location name as a valid label', () => {
    const name = 'a'.repeat(64);
    const prepared = prepareBackup(
      input({}, { storageLocation: name, globalVolumePoliciesConfigMap: 'global', resourceTimeoutNs: 1_800_000_000_000n }),
    );
    expect(prepared.annotations).toMatchObject({
      'velero.io/global-backup-volume-policy-configmap': 'global',
      'velero.io/resource-timeout': '30m0s',
    });
    expect(prepared.labels['velero.io/storage-location']).toBe(`${'a'.repeat(57)}ffe054`);
  });
});

// Velero's TestDefaultBackupTTL, TestBackupLocationLabel,
// TestPrepareBackupRequest_EmptyIncludedNamespacesNormalizedToWildcard and the resource filter
// cases of TestProcessBackupCompletions.
describe('prepared backup - Velero’s prepareBackupRequest cases', () => {
  const vs = 'volumesnapshots.snapshot.storage.k8s.io';
  const vsc = 'volumesnapshotcontents.snapshot.storage.k8s.io';
  it.each<[string, PrepareBackupInput, { spec?: Partial<BackupSpec>; expiration?: string; location?: string }]>([
    ['backup with no TTL specified', input({}), { spec: { ttl: '720h0m0s' }, expiration: '2027-01-05T07:00:00Z' }],
    ['backup with TTL specified', input({ ttl: '1h0m0s' }), { spec: { ttl: '1h0m0s' }, expiration: '2026-12-06T08:00:00Z' }],
    ['valid backup location name should be used as a label', input({}, { storageLocation: 'loc-1' }), { location: 'loc-1' }],
    [
      'invalid storage location name should be handled while creating label',
      input({}, { storageLocation: 'default'.repeat(10) }),
      { location: 'defaultdefaultdefaultdefaultdefaultdefaultdefaultdefaultd58343f' },
    ],
    ['empty included namespaces normalized to wildcard', input({ includedNamespaces: [] }), { spec: { includedNamespaces: ['*'] } }],
    [
      'backup with namespace-scoped and cluster-scoped resource filters',
      input({
        excludedClusterScopedResources: ['clusterroles'],
        includedClusterScopedResources: ['storageclasses'],
        excludedNamespaceScopedResources: ['secrets'],
        includedNamespaceScopedResources: ['pods'],
      }),
      {
        spec: {
          includedClusterScopedResources: ['storageclasses'],
          excludedClusterScopedResources: ['clusterroles', vsc],
          includedNamespaceScopedResources: ['pods'],
          excludedNamespaceScopedResources: ['secrets', vs],
        },
      },
    ],
    [
      "backup's include filter overlap with default exclude resources",
      input({
        excludedClusterScopedResources: ['clusterroles'],
        includedClusterScopedResources: ['storageclasses', vsc],
        excludedNamespaceScopedResources: ['secrets'],
        includedNamespaceScopedResources: ['pods', vs],
      }),
      {
        spec: {
          includedClusterScopedResources: ['storageclasses'],
          excludedClusterScopedResources: ['clusterroles', vsc],
          includedNamespaceScopedResources: ['pods'],
          excludedNamespaceScopedResources: ['secrets', vs],
        },
      },
    ],
  ])('%s', (_name, prepareInput, expected) => {
    const { spec, status, labels } = prepareBackup(prepareInput);
    expect({ spec, expiration: status.expiration, location: labels['velero.io/storage-location'] }).toMatchObject(expected);
  });
});
