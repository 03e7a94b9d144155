import { BackupPhase, type Backup, type BackupStatus } from '@ferry/api';
import { backupMetricEvents, meteredBackupWriter, type BackupMetricEvent, type BackupMetrics } from './backup-metrics';
import type { BackupWriter } from './backup-writer';

const backup = (status: BackupStatus | undefined, schedule?: string): Backup => ({
  apiVersion: 'velero.io/v1',
  kind: 'Backup',
  metadata: { namespace: 'velero', name: 'b1', uid: 'u1', ...(schedule ? { labels: { 'velero.io/schedule-name': schedule } } : {}) },
  spec: {},
  ...(status ? { status } : {}),
});

const start = '2026-01-01T00:00:00Z';
const end = '2026-01-01T00:02:05Z';

describe('backup metrics - events of a phase change', () => {
  const cases: [string, string, BackupStatus, BackupMetricEvent[]][] = [
    ['validated and started', '', { phase: BackupPhase.InProgress, startTimestamp: start }, [{ kind: 'attempted' }]],
    ['validated and started from New', BackupPhase.New, { phase: BackupPhase.InProgress }, [{ kind: 'attempted' }]],
    ['failed validation', BackupPhase.New, { phase: BackupPhase.FailedValidation }, [{ kind: 'validationFailed' }]],
    [
      'collected, operations running',
      BackupPhase.InProgress,
      { phase: BackupPhase.WaitingForPluginOperations, progress: { totalItems: 40, itemsBackedUp: 40 }, errors: 0 },
      [{ kind: 'items', total: 40, errors: 0 }],
    ],
    [
      'finalized',
      BackupPhase.Finalizing,
      { phase: BackupPhase.Completed, startTimestamp: start, completionTimestamp: end, progress: { totalItems: 40 }, errors: 0 },
      [
        { kind: 'items', total: 40, errors: 0 },
        { kind: 'ended', end: 'Completed', durationSeconds: 125 },
      ],
    ],
    [
      'finalized with errors',
      BackupPhase.FinalizingPartiallyFailed,
      { phase: BackupPhase.PartiallyFailed, startTimestamp: start, completionTimestamp: end, errors: 2 },
      [
        { kind: 'items', total: 0, errors: 2 },
        { kind: 'ended', end: 'PartiallyFailed', durationSeconds: 125 },
      ],
    ],
    [
      'failed while collecting',
      BackupPhase.InProgress,
      { phase: BackupPhase.Failed, startTimestamp: start, completionTimestamp: end },
      [
        { kind: 'items', total: 0, errors: 0 },
        { kind: 'ended', end: 'Failed', durationSeconds: 125 },
      ],
    ],
    [
      'failed with no start time',
      BackupPhase.Finalizing,
      { phase: BackupPhase.Failed },
      [
        { kind: 'items', total: 0, errors: 0 },
        { kind: 'ended', end: 'Failed', durationSeconds: undefined },
      ],
    ],
    ['progress patch, same phase', BackupPhase.InProgress, { phase: BackupPhase.InProgress, progress: { itemsBackedUp: 3 } }, []],
    ['operations to finalizing', BackupPhase.WaitingForPluginOperations, { phase: BackupPhase.Finalizing }, []],
    ['a restarted collection', BackupPhase.InProgress, { phase: BackupPhase.InProgress }, []],
  ];
  it.each(cases)('%s', (_name, before, status, events) => {
    expect(backupMetricEvents(before, backup(status))).toEqual(events);
  });
});

/** A metrics recorder that keeps each call. */
function recording(): BackupMetrics & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    backupAttempted: (schedule) => calls.push(`attempted ${schedule}`),
    backupValidationFailed: (schedule) => calls.push(`validationFailed ${schedule}`),
    backupEnded: (schedule, phase, seconds) => calls.push(`ended ${schedule} ${phase} ${seconds}`),
    backupItems: (schedule, items) => calls.push(`items ${schedule} ${items.total}/${items.errors}`),
    observeBackupCount: () => () => undefined,
  };
}

describe('backup metrics - metered writer', () => {
  /** A writer over one stored object that fails the first write with a Conflict-like retry. */
  function fakeWriter(stored: { current: Backup }, retries = 0): BackupWriter {
    return async (_ns, _name, mutate) => {
      for (let attempt = 0; ; attempt++) {
        const next = mutate(stored.current);
        if (!next) return undefined;
        if (attempt < retries) {
          // Someone else moved the phase meanwhile: the next attempt sees it.
          stored.current = backup({ phase: BackupPhase.InProgress }, 'nightly');
          continue;
        }
        stored.current = next;
        return next;
      }
    };
  }

  it('counts a Backup from New to Completed once per fact, labelled by its schedule', async () => {
    const metrics = recording();
    const stored = { current: backup(undefined, 'nightly') };
    const write = meteredBackupWriter(fakeWriter(stored), metrics);
    const to = (status: BackupStatus) => (current: Backup) => ({ ...current, status: { ...current.status, ...status } });
    await write('velero', 'b1', to({ phase: BackupPhase.InProgress, startTimestamp: start }));
    await write('velero', 'b1', to({ progress: { totalItems: 7, itemsBackedUp: 2 } }));
    await write('velero', 'b1', to({ phase: BackupPhase.Finalizing, progress: { totalItems: 7, itemsBackedUp: 7 } }));
    await write('velero', 'b1', to({ phase: BackupPhase.Completed, completionTimestamp: end }));
    await write('velero', 'b1', () => undefined);
    expect(metrics.calls).toEqual(['attempted nightly', 'items nightly 7/0', 'items nightly 7/0', 'ended nightly Completed 125']);
  });

  it('compares with the phase the last attempt saw, so a retried write counts what it changed', async () => {
    const metrics = recording();
    const stored = { current: backup(undefined, 'nightly') };
    const write = meteredBackupWriter(fakeWriter(stored, 1), metrics);
    await write('velero', 'b1', (current) => ({ ...current, status: { ...current.status, phase: BackupPhase.InProgress } }));
    expect(metrics.calls).toEqual([]);
  });
});
