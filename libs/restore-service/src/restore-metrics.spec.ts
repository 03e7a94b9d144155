import { RestorePhase } from '@ferry/api';
import { meteredRestorePatcher, restoreMetricEvents, type RestoreMetricEvent, type RestoreMetrics } from './restore-metrics';

describe('restore metrics - events of a patch', () => {
  const cases: [string, object, RestoreMetricEvent[]][] = [
    ['validated', { status: { phase: RestorePhase.InProgress } }, [{ kind: 'attempted' }]],
    ['failed validation', { status: { phase: RestorePhase.FailedValidation } }, [{ kind: 'attempted' }, { kind: 'validationFailed' }]],
    ['completed', { status: { phase: RestorePhase.Completed } }, [{ kind: 'ended', end: 'Completed' }]],
    ['partially failed', { status: { phase: RestorePhase.PartiallyFailed } }, [{ kind: 'ended', end: 'PartiallyFailed' }]],
    ['failed', { status: { phase: RestorePhase.Failed, failureReason: 'x' } }, [{ kind: 'ended', end: 'Failed' }]],
    ['waiting for operations', { status: { phase: RestorePhase.WaitingForPluginOperations } }, []],
    ['finalizing', { status: { phase: RestorePhase.FinalizingPartiallyFailed } }, []],
    ['progress', { status: { progress: { itemsRestored: 3 } } }, []],
    ['annotations', { metadata: { annotations: { a: 'b' } } }, []],
  ];
  it.each(cases)('%s', (_name, patch, events) => {
    expect(restoreMetricEvents(patch)).toEqual(events);
  });
});

describe('restore metrics - metered patcher', () => {
  function recording(): RestoreMetrics & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      restoreAttempted: (schedule) => calls.push(`attempted ${schedule}`),
      restoreValidationFailed: (schedule) => calls.push(`validationFailed ${schedule}`),
      restoreEnded: (schedule, end) => calls.push(`ended ${schedule} ${end}`),
      observeRestoreCount: () => () => undefined,
    };
  }

  it('records after the patch succeeded, with the schedule of the patch or of the cached Restore', async () => {
    const metrics = recording();
    const patched: object[] = [];
    const patch = meteredRestorePatcher(
      async (_ns, _name, body) => {
        patched.push(body);
      },
      metrics,
      () => 'cached-schedule',
    );
    await patch('velero', 'r1', { spec: { scheduleName: 'nightly' }, status: { phase: RestorePhase.InProgress } });
    await patch('velero', 'r1', { status: { progress: { itemsRestored: 1 } } });
    await patch('velero', 'r1', { status: { phase: RestorePhase.Completed } });
    expect(patched).toHaveLength(3);
    expect(metrics.calls).toEqual(['attempted nightly', 'ended cached-schedule Completed']);
  });

  it('records nothing when the patch fails', async () => {
    const metrics = recording();
    const patch = meteredRestorePatcher(
      () => Promise.reject(new Error('conflict')),
      metrics,
      () => undefined,
    );
    await expect(patch('velero', 'r1', { status: { phase: RestorePhase.Failed } })).rejects.toThrow('conflict');
    expect(metrics.calls).toEqual([]);
  });
});
