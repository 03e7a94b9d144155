import type { Backup, BackupStorageLocation, PodVolumeBackup } from '@ferry/api';
import { silentLogger } from '@ferry/kube';
import { createBackupSyncReconciler } from './backup-sync-reconciler';
import type { BackupStoreReader, StoredBackup } from './backup-store-reader';

const start = Date.parse('2026-06-01T12:00:00Z');

const fileBackup = (name: string, phase: NonNullable<Backup['status']>['phase'] = 'Completed', expiration?: string): Backup => ({
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: { name, namespace: 'velero', uid: 'old', labels: { 'velero.io/storage-location': 'default' } },
  spec: { storageLocation: 'default' },
  status: { phase, ...(expiration ? { expiration } : {}) },
});

/** A location, a bucket of backup files and the cluster's objects, all in memory. */
function world(bucket: Record<string, StoredBackup>, options: { phase?: 'Available' | 'Unavailable'; period?: string } = {}) {
  const location: BackupStorageLocation = {
    metadata: { name: 'primary', namespace: 'velero' },
    spec: { provider: 'aws', objectStorage: { bucket: 'b' }, ...(options.period ? { backupSyncPeriod: options.period } : {}) },
    status: { phase: options.phase ?? 'Available' },
  };
  const backups = new Map<string, Backup>();
  const podVolumeBackups: PodVolumeBackup[] = [];
  const pvbFiles: Record<string, PodVolumeBackup[]> = {};
  const log: string[] = [];
  let now = start;
  let opened = 0;
  let uid = 0;
  const reader: BackupStoreReader = {
    listBackupNames: async () => Object.keys(bucket),
    readBackup: async (name) => bucket[name] ?? { missing: true },
    readPodVolumeBackups: async (name) => ({ items: pvbFiles[name] ?? [] }),
    close: () => undefined,
  };
  const reconcile = createBackupSyncReconciler({
    cluster: {
      getLocation: () => location,
      listBackups: async () => [...backups.values()],
      createBackup: async (backup) => {
        if (backups.has(backup.metadata!.name!)) return undefined;
        const created = { ...backup, metadata: { ...backup.metadata, uid: `uid-${++uid}` } };
        backups.set(backup.metadata!.name!, created);
        return created;
      },
      createPodVolumeBackup: async (pvb) => {
        if (podVolumeBackups.some((existing) => existing.metadata?.name === pvb.metadata?.name)) return undefined;
        podVolumeBackups.push(pvb);
        return pvb;
      },
      deleteBackup: async (_ns, name) => {
        backups.delete(name);
        log.push(`deleted ${name}`);
      },
      scheduleUid: async () => undefined,
      recordSync: async (_ns, _name, time) => {
        location.status = { ...location.status, lastSyncedTime: time };
      },
    },
    openStore: async () => {
      opened++;
      return reader;
    },
    now: () => now,
    logger: silentLogger,
    defaultPeriodMs: 60_000,
  });
  return {
    location,
    backups,
    podVolumeBackups,
    pvbFiles,
    log,
    opened: () => opened,
    run: () => reconcile('velero/primary', new AbortController().signal),
    advance: (ms: number) => (now += ms),
  };
}

describe('backup sync reconciler', () => {
  it('creates the missing Backups with their PodVolumeBackups and records the sync', async () => {
    const w = world({ a: { backup: fileBackup('a') }, b: { backup: fileBackup('b') }, empty: { missing: true } });
    w.backups.set('b', { metadata: { name: 'b' }, status: { phase: 'InProgress' } });
    w.pvbFiles['a'] = [
      { metadata: { name: 'a-x', ownerReferences: [{ apiVersion: 'velero.io/v1', kind: 'Backup', name: 'a', uid: 'old' }] } },
    ];
    await expect(w.run()).resolves.toEqual({ requeueAfterMs: 60_000 });
    expect([...w.backups.keys()]).toEqual(['b', 'a']);
    expect(w.backups.get('a')).toMatchObject({
      metadata: { labels: { 'velero.io/storage-location': 'primary' } },
      spec: { storageLocation: 'primary' },
    });
    expect(w.podVolumeBackups).toMatchObject([
      { metadata: { name: 'a-x', ownerReferences: [{ uid: 'uid-1' }] }, spec: { backupStorageLocation: 'primary' } },
    ]);
    expect(w.location.status?.lastSyncedTime).toBe('2026-06-01T12:00:00Z');
  });

  it('waits for the period, then deletes a synced Backup whose folder is gone', async () => {
    const bucket: Record<string, StoredBackup> = { a: { backup: fileBackup('a') } };
    const w = world(bucket, { period: '10s' });
    await w.run();
    delete bucket['a'];
    w.advance(5_000);
    await expect(w.run()).resolves.toEqual({ requeueAfterMs: 5_000 });
    expect(w.backups.has('a')).toBe(true);
    w.advance(5_000);
    await w.run();
    expect(w.log).toEqual(['deleted a']);
    expect(w.opened()).toBe(2);
  });

  it('skips a location that is not Available, and one whose period is 0', async () => {
    const unavailable = world({ a: { backup: fileBackup('a') } }, { phase: 'Unavailable' });
    await expect(unavailable.run()).resolves.toEqual({ requeueAfterMs: 60_000 });
    const off = world({ a: { backup: fileBackup('a') } }, { period: '0s' });
    await expect(off.run()).resolves.toBeUndefined();
    expect([unavailable.opened(), off.opened(), unavailable.backups.size, off.backups.size]).toEqual([0, 0, 0, 0]);
  });

  it('goes on past an unreadable velero-backup.json', async () => {
    const w = world({ bad: { problem: 'it is not JSON' }, good: { backup: fileBackup('good') } });
    await w.run();
    expect([...w.backups.keys()]).toEqual(['good']);
  });

  const pvb = (name: string): PodVolumeBackup => ({ metadata: { name } });
  const past = '2026-06-01T11:00:00Z';
  type Case = {
    bucket: Record<string, Backup>;
    pvbFiles?: Record<string, PodVolumeBackup[]>;
    existing?: Backup[];
    existingPvbs?: string[];
    backups: Record<string, string | undefined>;
    pvbs: string[];
  };
  // velero pkg/controller/backup_sync_controller_test.go "Test Backup Sync Reconciler basic function"
  it.each<[string, Case]>([
    ['no cloud backups', { bucket: {}, backups: {}, pvbs: [] }],
    [
      'normal case',
      {
        bucket: { 'backup-1': fileBackup('backup-1'), 'backup-2': fileBackup('backup-2') },
        backups: { 'backup-1': 'Completed', 'backup-2': 'Completed' },
        pvbs: [],
      },
    ],
    [
      'backups waiting for plugin operations aren’t synced, nor their pod volume backups',
      {
        bucket: {
          'backup-1': fileBackup('backup-1', 'WaitingForPluginOperations'),
          'backup-2': fileBackup('backup-2', 'WaitingForPluginOperationsPartiallyFailed'),
          'backup-3': fileBackup('backup-3', 'Finalizing'),
          'backup-4': fileBackup('backup-4', 'FinalizingPartiallyFailed'),
        },
        pvbFiles: { 'backup-1': [pvb('pvb-1')], 'backup-3': [pvb('pvb-2')] },
        backups: {},
        pvbs: [],
      },
    ],
    [
      'expired backups waiting for plugin operations are synced',
      {
        bucket: {
          'backup-1': fileBackup('backup-1', 'WaitingForPluginOperations', past),
          'backup-2': fileBackup('backup-2', 'FinalizingPartiallyFailed', past),
        },
        pvbFiles: { 'backup-1': [pvb('pvb-1')] },
        backups: { 'backup-1': 'PartiallyFailed', 'backup-2': 'PartiallyFailed' },
        pvbs: ['pvb-1'],
      },
    ],
    [
      'new backups get synced when some cloud backups already exist in the cluster',
      {
        bucket: { 'backup-1': fileBackup('backup-1'), 'backup-2': fileBackup('backup-2') },
        existing: [{ metadata: { name: 'backup-1', labels: { 'i-exist': 'true' } }, status: { phase: 'InProgress' } }],
        backups: { 'backup-1': 'InProgress', 'backup-2': 'Completed' },
        pvbs: [],
      },
    ],
    [
      'new pod volume backups get synched when some pod volume backups already exist in the cluster',
      {
        bucket: { 'backup-1': fileBackup('backup-1'), 'backup-2': fileBackup('backup-2') },
        pvbFiles: { 'backup-1': [pvb('pvb-1')], 'backup-2': [pvb('pvb-3')] },
        existingPvbs: ['pvb-1', 'pvb-2'],
        backups: { 'backup-1': 'Completed', 'backup-2': 'Completed' },
        pvbs: ['pvb-1', 'pvb-2', 'pvb-3'],
      },
    ],
  ])('%s', async (_what, c) => {
    const w = world(Object.fromEntries(Object.entries(c.bucket).map(([name, backup]) => [name, { backup }])));
    Object.assign(w.pvbFiles, c.pvbFiles);
    for (const backup of c.existing ?? []) w.backups.set(backup.metadata!.name!, backup);
    for (const name of c.existingPvbs ?? []) w.podVolumeBackups.push({ metadata: { name, labels: { 'i-exist': 'true' } } });
    await w.run();
    expect(Object.fromEntries([...w.backups].map(([name, backup]) => [name, backup.status?.phase]))).toEqual(c.backups);
    expect(w.podVolumeBackups.map((p) => p.metadata?.name).sort()).toEqual(c.pvbs);
  });
});
