import type { Backup, BackupStorageLocation, PodVolumeBackup } from '@ferry/api';
import {
  backupSyncTiming,
  backupsToSync,
  keptOwnerReferences,
  orphanedBackups,
  syncedBackup,
  syncedPodVolumeBackup,
} from './backup-sync-rules';

const now = Date.parse('2026-06-01T12:00:00Z');

const location = (spec: Partial<NonNullable<BackupStorageLocation['spec']>> = {}, lastSyncedTime?: string): BackupStorageLocation => ({
  metadata: { name: 'primary', namespace: 'velero' },
  spec: { provider: 'aws', objectStorage: { bucket: 'b' }, ...spec },
  status: { phase: 'Available', ...(lastSyncedTime ? { lastSyncedTime } : {}) },
});

/** A Backup as Velero stores it in velero-backup.json (made in another cluster, location `old`). */
const stored = (name: string, status: Backup['status'] = { phase: 'Completed' }): Backup => ({
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: {
    name,
    namespace: 'other-ns',
    uid: 'old-uid',
    resourceVersion: '42',
    generation: 7,
    creationTimestamp: '2026-05-01T00:00:00Z',
    managedFields: [{ manager: 'velero-server' }],
    labels: { 'velero.io/storage-location': 'old', app: 'a' },
    annotations: { 'velero.io/source-cluster-k8s-gitversion': 'v1.31.0' },
  },
  spec: { storageLocation: 'old', includedNamespaces: ['app'], ttl: '720h0m0s' },
  status,
});

describe('backup sync rules - timing', () => {
  it.each<[string, BackupStorageLocation, ReturnType<typeof backupSyncTiming>]>([
    ['never synced', location(), { syncNow: true }],
    ['synced 30s ago with the 1m default', location({}, '2026-06-01T11:59:30Z'), { syncNow: false, dueInMs: 30_000 }],
    ['synced a minute ago', location({}, '2026-06-01T11:59:00Z'), { syncNow: true }],
    ['its own period', location({ backupSyncPeriod: '10s' }, '2026-06-01T11:59:55Z'), { syncNow: false, dueInMs: 5_000 }],
    ['period 0: off', location({ backupSyncPeriod: '0s' }), { syncNow: false }],
    ['negative: the default', location({ backupSyncPeriod: '-5s' }, '2026-06-01T11:59:30Z'), { syncNow: false, dueInMs: 30_000 }],
  ])('%s', (_what, bsl, timing) => {
    expect(backupSyncTiming(bsl, 60_000, now)).toEqual(timing);
  });
});

describe('backup sync rules - what is synced', () => {
  it('syncs only the folders without a Backup', () => {
    expect(backupsToSync(['a', 'b', 'c'], [stored('b')])).toEqual(['a', 'c']);
  });

  it('renames the location, labels it, keeps the status and drops server-owned metadata', () => {
    expect(syncedBackup(stored('b1'), location(), 'velero', now)).toEqual({
      create: {
        apiVersion: 'velero.io/v1',
        kind: 'Backup',
        metadata: {
          name: 'b1',
          namespace: 'velero',
          labels: { 'velero.io/storage-location': 'primary', app: 'a' },
          annotations: { 'velero.io/source-cluster-k8s-gitversion': 'v1.31.0' },
        },
        spec: { storageLocation: 'primary', includedNamespaces: ['app'], ttl: '720h0m0s' },
        status: { phase: 'Completed' },
      },
    });
  });

  it.each(['WaitingForPluginOperations', 'WaitingForPluginOperationsPartiallyFailed', 'Finalizing', 'FinalizingPartiallyFailed'] as const)(
    'leaves an unexpired %s backup, and syncs it as PartiallyFailed once expired',
    (phase) => {
      expect(syncedBackup(stored('b', { phase, expiration: '2026-06-02T00:00:00Z' }), location(), 'velero', now)).toEqual({
        skip: `its phase is ${phase} and it has not expired`,
      });
      expect(syncedBackup(stored('b', { phase }), location(), 'velero', now)).toHaveProperty('skip');
      const expired = syncedBackup(stored('b', { phase, expiration: '2026-06-01T00:00:00Z' }), location(), 'velero', now);
      expect(expired).toMatchObject({ create: { status: { phase: 'PartiallyFailed', expiration: '2026-06-01T00:00:00Z' } } });
    },
  );

  // velero pkg/controller/backup_sync_controller_test.go "Test Backup Sync Reconciler basic function"
  it.each<[string, Backup, string, string]>([
    ['backup storage location names and labels get updated', stored('backup-1'), 'location-1', 'location-1'],
    [
      'a backup without location or labels gets both',
      { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: 'backup-2', namespace: 'ns-1' } },
      'location-1',
      'location-1',
    ],
    [
      'backup storage location names and labels get updated with location name greater than 63 chars',
      stored('backup-1'),
      'the-really-long-location-name-that-is-much-more-than-63-characters-1',
      'the-really-long-location-name-that-is-much-more-than-63-c21735e',
    ],
  ])('%s', (_what, backup, locationName, label) => {
    const bsl = { ...location(), metadata: { name: locationName, namespace: 'velero' } };
    const created = syncedBackup(backup, bsl, 'velero', now);
    expect(created).toMatchObject({
      create: {
        metadata: { namespace: 'velero', labels: { 'velero.io/storage-location': label } },
        spec: { storageLocation: locationName },
      },
    });
  });

  it('labels a long location name as Velero’s GetValidName does', () => {
    const long = { ...location(), metadata: { name: 'l'.repeat(70), namespace: 'velero' } };
    const created = syncedBackup(stored('b'), long, 'velero', now);
    expect(created).toMatchObject({
      create: { metadata: { labels: { 'velero.io/storage-location': expect.stringMatching(/^l{57}[0-9a-f]{6}$/) } } },
    });
  });

  it('keeps a Schedule owner only when that Schedule exists with the same UID', () => {
    const owners = [
      { apiVersion: 'velero.io/v1', kind: 'Schedule', name: 'same', uid: 'u1' },
      { apiVersion: 'velero.io/v1', kind: 'Schedule', name: 'recreated', uid: 'u2' },
      { apiVersion: 'velero.io/v1', kind: 'Schedule', name: 'gone', uid: 'u3' },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'other', uid: 'u4' },
    ];
    const uids: Record<string, string> = { same: 'u1', recreated: 'new' };
    expect(keptOwnerReferences(owners, (name) => uids[name]).map((o) => o.name)).toEqual(['same', 'other']);
  });

  const schedule = (name: string, uid = '') => ({ apiVersion: 'velero.io/v1', kind: 'Schedule', name, uid });
  // velero pkg/controller/backup_sync_controller_test.go "testing validateOwnerReferences"
  it.each<[string, ReturnType<typeof schedule>[], Record<string, string>, string[]]>([
    ['handles empty owner references', [], {}, []],
    ['handles missing schedule', [schedule('some name')], {}, []],
    ['handles existing reference', [schedule('existing-schedule')], { 'existing-schedule': '' }, ['existing-schedule']],
    ['handles existing mismatched UID', [schedule('existing-schedule', 'backup-UID')], { 'existing-schedule': 'schedule-UID' }, []],
    [
      'handles multiple references',
      [
        schedule('existing-schedule', '1'),
        schedule('missing-schedule', '2'),
        schedule('mismatched-uid-schedule', '3'),
        schedule('another-existing-schedule', '4'),
      ],
      { 'existing-schedule': '1', 'mismatched-uid-schedule': 'not-3', 'another-existing-schedule': '4' },
      ['existing-schedule', 'another-existing-schedule'],
    ],
  ])('owner references - %s', (_what, owners, uids, kept) => {
    expect(keptOwnerReferences(owners, (name) => uids[name]).map((o) => o.name)).toEqual(kept);
  });
});

describe('backup sync rules - pod volume backups', () => {
  it('points the owner and the backup-uid label at the new Backup, in this namespace and location', () => {
    const pvb: PodVolumeBackup = {
      apiVersion: 'velero.io/v1',
      kind: 'PodVolumeBackup',
      metadata: {
        name: 'b1-abcde',
        namespace: 'other-ns',
        uid: 'pvb-uid',
        resourceVersion: '9',
        labels: { 'velero.io/backup-name': 'b1', 'velero.io/backup-uid': 'old-uid' },
        ownerReferences: [
          { apiVersion: 'velero.io/v1', kind: 'Backup', name: 'b1', uid: 'old-uid', controller: true },
          { apiVersion: 'velero.io/v1', kind: 'Backup', name: 'another', uid: 'x' },
        ],
      },
      spec: {
        node: 'n',
        pod: { kind: 'Pod', namespace: 'app', name: 'p' },
        volume: 'data',
        backupStorageLocation: 'old',
        repoIdentifier: '',
      },
      status: { phase: 'Completed', snapshotID: 's1' },
    };
    const backup: Backup = { metadata: { name: 'b1', namespace: 'velero', uid: 'new-uid' } };
    expect(syncedPodVolumeBackup(pvb, backup, location())).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'PodVolumeBackup',
      metadata: {
        name: 'b1-abcde',
        namespace: 'velero',
        labels: { 'velero.io/backup-name': 'b1', 'velero.io/backup-uid': 'new-uid' },
        ownerReferences: [
          { apiVersion: 'velero.io/v1', kind: 'Backup', name: 'b1', uid: 'new-uid', controller: true },
          { apiVersion: 'velero.io/v1', kind: 'Backup', name: 'another', uid: 'x' },
        ],
      },
      spec: {
        node: 'n',
        pod: { kind: 'Pod', namespace: 'app', name: 'p' },
        volume: 'data',
        backupStorageLocation: 'primary',
        repoIdentifier: '',
      },
      status: { phase: 'Completed', snapshotID: 's1' },
    });
  });
});

describe('backup sync rules - orphans', () => {
  const longName = 'the-really-long-location-name-that-is-much-more-than-63-characters';
  const longLabel = 'the-really-long-location-name-that-is-much-more-than-63-c69e779';
  const inCluster = (name: string, phase: NonNullable<Backup['status']>['phase'], label = 'default'): Backup => ({
    metadata: { name, labels: { 'velero.io/storage-location': label } },
    status: { phase },
  });
  const inStore = ['backup-1', 'backup-2', 'backup-3'];

  // velero pkg/controller/backup_sync_controller_test.go "Test deleting orphaned backups."
  it.each<[string, string, Backup[], string[]]>([
    [
      'no overlapping backups',
      'default',
      [inCluster('backupA', 'Completed'), inCluster('backupB', 'Completed'), inCluster('backupC', 'PartiallyFailed')],
      ['backupA', 'backupB', 'backupC'],
    ],
    [
      'some overlapping backups',
      'default',
      [
        inCluster('backup-1', 'Completed'),
        inCluster('backup-2', 'Completed'),
        inCluster('backup-B', 'Completed'),
        inCluster('backup-C', 'PartiallyFailed'),
      ],
      ['backup-B', 'backup-C'],
    ],
    [
      'all overlapping backups',
      'default',
      [inCluster('backup-1', 'Completed'), inCluster('backup-2', 'Completed'), inCluster('backup-3', 'PartiallyFailed')],
      [],
    ],
    [
      'no overlapping backups but including backups that are not complete',
      'default',
      [
        inCluster('backupA', 'Completed'),
        inCluster('backupB', 'PartiallyFailed'),
        inCluster('Deleting', 'Deleting'),
        inCluster('Failed', 'Failed'),
        inCluster('FailedValidation', 'FailedValidation'),
        inCluster('InProgress', 'InProgress'),
        inCluster('New', 'New'),
      ],
      ['backupA', 'backupB'],
    ],
    [
      'all overlapping backups and all backups that are not complete',
      'default',
      [inCluster('backup-1', 'Failed'), inCluster('backup-2', 'FailedValidation'), inCluster('backup-3', 'InProgress')],
      [],
    ],
    [
      'no completed backups in other locations are deleted',
      'default',
      [
        inCluster('backup-1', 'Completed'),
        inCluster('backup-2', 'Completed'),
        inCluster('backup-C', 'Completed'),
        inCluster('backup-D', 'PartiallyFailed'),
        inCluster('backup-4', 'Completed', 'alternate'),
        inCluster('backup-5', 'Completed', 'alternate'),
        inCluster('backup-6', 'PartiallyFailed', 'alternate'),
      ],
      ['backup-C', 'backup-D'],
    ],
    [
      'some overlapping backups of a location name longer than 63 characters',
      longName,
      [
        inCluster('backup-1', 'Completed', longLabel),
        inCluster('backup-2', 'Completed', longLabel),
        inCluster('backup-C', 'Completed', longLabel),
        inCluster('backup-D', 'PartiallyFailed', longLabel),
      ],
      ['backup-C', 'backup-D'],
    ],
    [
      "a Backup without the label is not the location's",
      'default',
      [{ metadata: { name: 'unlabelled' }, status: { phase: 'Completed' } }],
      [],
    ],
  ])('%s', (_what, locationName, backups, deleted) => {
    expect(orphanedBackups(backups, locationName, inStore).map((b) => b.metadata?.name)).toEqual(deleted);
  });
});
