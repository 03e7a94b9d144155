import type { Restore } from '@ferry/api';
import { restoreProgressView, type LiveRestoreRate } from './restore-progress-view';

const restore = (status: Restore['status']): Restore => ({ apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'r' }, status });
const live: LiveRestoreRate = {
  latest: { atMs: 5000, totalItems: 500, itemsRestored: 200 },
  estimate: { itemsPerSecond: 100, etaSeconds: 3 },
};

describe('restoreProgressView', () => {
  it.each<[string, Restore['status'], LiveRestoreRate | undefined, object]>([
    ['a new Restore: zeros, phase New', undefined, undefined, { totalItems: 0, itemsRestored: 0, phase: 'New' }],
    [
      'running here: the live counters and estimate',
      { phase: 'InProgress', progress: { totalItems: 400, itemsRestored: 100 } },
      live,
      { totalItems: 500, itemsRestored: 200, itemsPerSecond: 100, etaSeconds: 3, phase: 'InProgress' },
    ],
    [
      'running here, one sample: counters only',
      { phase: 'InProgress' },
      { latest: live.latest, estimate: {} },
      { totalItems: 500, itemsRestored: 200, phase: 'InProgress' },
    ],
    [
      'running elsewhere: the status counters, no rate',
      { phase: 'InProgress', progress: { totalItems: 400, itemsRestored: 100 } },
      undefined,
      { totalItems: 400, itemsRestored: 100, phase: 'InProgress' },
    ],
    [
      'completed: the whole-run average and ETA 0',
      {
        phase: 'Completed',
        startTimestamp: '2026-12-06T10:00:00Z',
        completionTimestamp: '2026-12-06T10:00:04Z',
        progress: { totalItems: 1001, itemsRestored: 1001 },
      },
      live,
      { totalItems: 1001, itemsRestored: 1001, itemsPerSecond: 250.3, etaSeconds: 0, phase: 'Completed' },
    ],
    [
      'finalizing: ETA 0, no average before completion',
      { phase: 'Finalizing', startTimestamp: '2026-12-06T10:00:00Z', progress: { totalItems: 10, itemsRestored: 10 } },
      undefined,
      { totalItems: 10, itemsRestored: 10, etaSeconds: 0, phase: 'Finalizing' },
    ],
    [
      'failed before any item: no rate, no ETA',
      { phase: 'Failed', failureReason: 'x' },
      undefined,
      { totalItems: 0, itemsRestored: 0, phase: 'Failed' },
    ],
  ])('%s', (_name, status, window, expected) => {
    expect(restoreProgressView(restore(status), window)).toEqual(expected);
  });
});
