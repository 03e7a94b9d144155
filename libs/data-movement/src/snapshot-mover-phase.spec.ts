import {
  advanceSnapshotMoverStatus,
  completeSnapshotMoverStatus,
  dataPathOutcome,
  failSnapshotMoverStatus,
  isFinishedSnapshotMoverPhase,
  snapshotMoverStep,
  type SnapshotMoverStatusCore,
} from './snapshot-mover-phase';

const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-01T00:01:00Z');

describe('snapshot mover phases - steps by phase', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'start'],
    ['', 'start'],
    ['InProgress', 'move'],
    ['SnapshotBackupDone', 'clean-up'],
    ['SnapshotRestoreDone', 'clean-up'],
    ['Cleanup', 'clean-up'],
    ['Completed', 'finished'],
    ['Failed', 'finished'],
    ['PartiallyFailed', 'finished'],
  ])('phase %p → %s', (phase, step) => {
    expect(snapshotMoverStep(phase)).toBe(step);
    expect(isFinishedSnapshotMoverPhase(phase)).toBe(step === 'finished');
  });
});

describe('snapshot mover phases - data path outcome', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'running'],
    ['New', 'running'],
    ['Accepted', 'running'],
    ['Prepared', 'running'],
    ['InProgress', 'running'],
    ['Canceling', 'running'],
    ['Completed', 'done'],
    ['Failed', 'failed'],
    ['Canceled', 'failed'],
  ])('DU phase %p → %s', (phase, kind) => {
    expect(dataPathOutcome('DataUpload velero/x', { phase }).kind).toBe(kind);
  });

  it('a failure names the resource and carries its message', () => {
    expect(dataPathOutcome('DataUpload velero/x', { phase: 'Failed', message: 'prepare timeout' })).toEqual({
      kind: 'failed',
      message: 'DataUpload velero/x failed: prepare timeout',
    });
    expect(dataPathOutcome('DataDownload velero/y', { phase: 'Canceled' })).toEqual({
      kind: 'failed',
      message: 'DataDownload velero/y was canceled',
    });
  });
});

describe('snapshot mover phases - status transitions', () => {
  it('InProgress sets start once, Processing, Reconciled True', () => {
    const started = advanceSnapshotMoverStatus<SnapshotMoverStatusCore>(undefined, 'InProgress', 'moving', t0);
    expect(started).toMatchObject({ phase: 'InProgress', batchingStatus: 'Processing', startTimestamp: '2026-01-01T00:00:00Z' });
    expect(started.conditions).toEqual([
      { type: 'Reconciled', status: 'True', reason: 'Complete', message: 'moving', lastTransitionTime: '2026-01-01T00:00:00Z' },
    ]);
    const done = advanceSnapshotMoverStatus(started, 'SnapshotBackupDone', 'moved', t1);
    expect(done.startTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(done.conditions?.[0]?.lastTransitionTime).toBe('2026-01-01T00:00:00Z');
    expect(done.conditions?.[0]?.message).toBe('moved');
  });

  it('Completed sets completion and batching Completed, keeps other fields', () => {
    const completed = completeSnapshotMoverStatus(
      { phase: 'Cleanup', startTimestamp: '2026-01-01T00:00:00Z', resticrepository: 'r' } as SnapshotMoverStatusCore & {
        resticrepository: string;
      },
      'done',
      t1,
    );
    expect(completed).toMatchObject({
      phase: 'Completed',
      batchingStatus: 'Completed',
      completionTimestamp: '2026-01-01T00:01:00Z',
      resticrepository: 'r',
    });
  });

  it('Failed flips Reconciled to False/Error with a new transition time', () => {
    const started = advanceSnapshotMoverStatus<SnapshotMoverStatusCore>(undefined, 'InProgress', 'moving', t0);
    const failed = failSnapshotMoverStatus(started, 'spec.resticSecretRef.name is required', t1);
    expect(failed.phase).toBe('Failed');
    expect(failed.conditions).toEqual([
      {
        type: 'Reconciled',
        status: 'False',
        reason: 'Error',
        message: 'spec.resticSecretRef.name is required',
        lastTransitionTime: '2026-01-01T00:01:00Z',
      },
    ]);
    expect(failSnapshotMoverStatus(started, 'parent failed', t1, 'PartiallyFailed').phase).toBe('PartiallyFailed');
  });
});
