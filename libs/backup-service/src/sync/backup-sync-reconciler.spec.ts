import type { Backup, BackupStorageLocation, PodVolumeBackup } from '@ferry/api';
import { silentLogger } from '@ferry/kube';
import { createBackupSyncReconciler } from './backup-sync-reconciler';
import type { BackupStoreReader, StoredBackup } from './backup-store-reader';

const start = Date.parse('2026-06-01T12:00:00Z');

const fileBackup = (name: string, phase: NonNullable<Backup['status']>['phase'] = 'Completed'): Backup => ({
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: { name, namespace: 'velero', uid: 'old', labels: { 'velero.io/storage-location': 'default' } },
  spec: { storageLocation: 'default' },
  status: { phase },
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
});
