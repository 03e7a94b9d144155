import type { Backup, Schedule } from '@ferry/api';
import { silentLogger } from '@ferry/kube';
import { createScheduleReconciler } from './schedule-reconciler';

const start = Date.parse('2026-01-01T00:00:00Z');

/** Schedules and Backups in memory, a settable clock, and a fresh reconciler on demand (a restart). */
function world(schedule: Schedule, options: { skipImmediately?: boolean } = {}) {
  const schedules = new Map([[schedule.metadata?.name ?? '', structuredClone(schedule)]]);
  const backups: Backup[] = [];
  let now = start;
  const build = () =>
    createScheduleReconciler({
      cache: {
        getSchedule: (_ns, name) => schedules.get(name),
        backupsOf: (_ns, name) => backups.filter((b) => b.metadata?.labels?.['velero.io/schedule-name'] === name),
      },
      write: async (_ns, name, mutate) => {
        const current = schedules.get(name);
        const next = current && mutate(structuredClone(current));
        if (next) schedules.set(name, next);
      },
      createBackup: async (backup) => {
        if (!backups.some((b) => b.metadata?.name === backup.metadata?.name)) backups.push(backup);
      },
      now: () => now,
      logger: silentLogger,
      skipImmediately: options.skipImmediately ?? false,
    });
  let reconcile = build();
  return {
    schedules,
    backups,
    current: () => schedules.get(schedule.metadata?.name ?? '')!,
    run: () => reconcile(`velero/${schedule.metadata?.name}`),
    restart: () => (reconcile = build()),
    advance: (ms: number) => (now += ms),
    names: () => backups.map((b) => b.metadata?.name),
  };
}

function aSchedule(spec: Partial<NonNullable<Schedule['spec']>> = {}, status?: Schedule['status']): Schedule {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Schedule',
    metadata: { name: 'hourly', namespace: 'velero', uid: 'u1', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: { schedule: '@every 1h', template: { includedNamespaces: ['app'] }, ...spec },
    ...(status ? { status } : {}),
  };
}

describe('schedule reconciler - runs', () => {
  it('enables a new Schedule, requeues for its first run and creates one Backup when due', async () => {
    const w = world(aSchedule());
    await expect(w.run()).resolves.toEqual({ requeueAfterMs: 60_000 });
    expect(w.current().status).toEqual({ phase: 'Enabled' });
    expect(w.current().spec?.skipImmediately).toBe(false);
    expect(w.backups).toEqual([]);
    w.advance(3_600_000);
    await w.run();
    expect(w.backups).toEqual([]);
    w.advance(1);
    await expect(w.run()).resolves.toEqual({ requeueAfterMs: 60_000 });
    expect(w.names()).toEqual(['hourly-20260101010000']);
    expect(w.backups[0]?.metadata?.labels).toEqual({ 'velero.io/schedule-name': 'hourly' });
    expect(w.current().status?.lastBackup).toBe('2026-01-01T01:00:00Z');
  });

  it('requeues right after the next run when it is less than a minute away', async () => {
    const w = world(aSchedule({ schedule: '@every 10s' }));
    await expect(w.run()).resolves.toEqual({ requeueAfterMs: 10_001 });
    w.advance(10_001);
    await expect(w.run()).resolves.toEqual({ requeueAfterMs: 10_000 });
    expect(w.names()).toEqual(['hourly-20260101000010']);
  });

  it('makes no second Backup for one due time, even when the caches lag or after a restart', async () => {
    const w = world(aSchedule({ schedule: '@every 10s' }));
    await w.run();
    w.advance(10_001);
    await w.run();
    const stale = structuredClone(w.current());
    delete stale.status?.lastBackup;
    w.schedules.set('hourly', stale);
    const created = w.backups.splice(0);
    w.advance(1_000);
    await w.run();
    expect(w.backups).toEqual([]);
    w.backups.push(...created);
    w.restart();
    await w.run();
    expect(w.names()).toEqual(['hourly-20260101000010']);
    expect(w.current().status?.lastBackup).toBe('2026-01-01T00:00:10Z');
  });

  it('holds the next run back while a Backup of the Schedule is New or InProgress', async () => {
    const w = world(aSchedule({ schedule: '@every 10s' }));
    await w.run();
    w.advance(10_001);
    await w.run();
    w.advance(10_000);
    await w.run();
    expect(w.names()).toEqual(['hourly-20260101000010']);
    w.backups[0]!.status = { phase: 'InProgress' };
    await w.run();
    expect(w.names()).toEqual(['hourly-20260101000010']);
    w.backups[0]!.status = { phase: 'Completed' };
    await w.run();
    expect(w.names()).toEqual(['hourly-20260101000010', 'hourly-20260101000020']);
  });
});

describe('schedule reconciler - pause, skip and validation', () => {
  it('leaves a paused Schedule alone: no phase, no Backup, no requeue', async () => {
    const w = world(aSchedule({ paused: true }, { phase: 'Enabled', lastBackup: '2025-12-31T00:00:00Z' }));
    await expect(w.run()).resolves.toBeUndefined();
    expect(w.backups).toEqual([]);
    expect(w.current().spec?.skipImmediately).toBeUndefined();
  });

  it('skipImmediately skips the run that is due at once, and only that one', async () => {
    const w = world(aSchedule({ skipImmediately: true }, { phase: 'Enabled', lastBackup: '2025-12-31T00:00:00Z' }));
    await w.run();
    expect(w.backups).toEqual([]);
    expect(w.current().status?.lastSkipped).toBe('2026-01-01T00:00:00Z');
    expect(w.current().spec?.skipImmediately).toBe(false);
    w.advance(3_600_001);
    await w.run();
    expect(w.names()).toEqual(['hourly-20260101010000']);
  });

  it('the server default skips when the Schedule leaves skipImmediately unset', async () => {
    const w = world(aSchedule({}, { phase: 'Enabled', lastBackup: '2025-12-31T00:00:00Z' }), { skipImmediately: true });
    await w.run();
    expect(w.backups).toEqual([]);
    expect(w.current().status?.lastSkipped).toBe('2026-01-01T00:00:00Z');
  });

  it('without skipping, a Schedule overdue since long makes one Backup at once', async () => {
    const w = world(aSchedule({}, { phase: 'Enabled', lastBackup: '2025-12-31T00:00:00Z' }));
    await w.run();
    expect(w.names()).toEqual(['hourly-20260101000000']);
  });

  it('an invalid expression is FailedValidation with Velero’s error, and no requeue; fixed, it is Enabled again', async () => {
    const w = world(aSchedule({ schedule: '@every 1d' }));
    await expect(w.run()).resolves.toBeUndefined();
    expect(w.current().status).toEqual({
      phase: 'FailedValidation',
      validationErrors: ['invalid schedule: failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
    });
    w.schedules.set('hourly', { ...w.current(), spec: { ...w.current().spec!, schedule: '@every 24h' } });
    await w.run();
    expect(w.current().status).toEqual({ phase: 'Enabled' });
  });

  it('does nothing for a Schedule gone from the cache', async () => {
    const w = world(aSchedule());
    w.schedules.clear();
    await expect(w.run()).resolves.toBeUndefined();
  });
});
