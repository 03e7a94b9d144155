import { exposureWaitCause, ExposureWaitCause, meterExposureWaits, type ExposerMetrics } from './exposure-wait-meter';

describe('exposure waits - causes', () => {
  it.each([
    ['VolumeSnapshot app/vs-1 to be ready (not ready yet)', ExposureWaitCause.Snapshot],
    ['the takeover of VolumeSnapshot app/vs-1', ExposureWaitCause.SnapshotTakeover],
    ['backupPVC velero/du-1 to be bound (phase Pending)', ExposureWaitCause.VolumeBinding],
    ['restorePVC velero/dd-1 to be bound (phase absent)', ExposureWaitCause.VolumeBinding],
    ['backup pod velero/du-1 to be created', ExposureWaitCause.PodCreated],
    ['restore pod velero/dd-1 to be created', ExposureWaitCause.PodCreated],
    ['backup pod velero/du-1 to be Running (phase Pending)', ExposureWaitCause.PodRunning],
    ['target PVC app/data to be created', ExposureWaitCause.TargetPvc],
    ['storage class fast of target PVC app/data to exist', ExposureWaitCause.StorageClass],
    [
      'a selected node on target PVC app/data (volume.kubernetes.io/selected-node): class x is WaitForFirstConsumer',
      ExposureWaitCause.SelectedNode,
    ],
    ['something new', ExposureWaitCause.Other],
  ])('%s → %s', (waitingFor, cause) => {
    expect(exposureWaitCause(waitingFor)).toBe(cause);
  });
});

describe('exposure waits - one attempt', () => {
  it('sums the time of each cause and records each once when the attempt ends', () => {
    const calls: [string, number][] = [];
    const metrics: ExposerMetrics = { exposureWait: (cause, seconds) => calls.push([cause, seconds]) };
    const waits = meterExposureWaits(metrics);
    waits.waiting('backupPVC velero/du-1 to be bound (phase Pending)', 1_000);
    waits.waiting('backupPVC velero/du-1 to be bound (phase Pending)', 1_500);
    waits.waiting('backup pod velero/du-1 to be Running (phase Pending)', 3_000);
    waits.finish(3_250);
    waits.finish(9_000);
    waits.waiting('backup pod velero/du-1 to be created', 9_500);
    expect(calls).toEqual([
      ['pvc-bound', 2],
      ['pod-running', 0.25],
    ]);
  });

  it('tells the waits so far, the current one up to now, without recording them', () => {
    const calls: unknown[] = [];
    const waits = meterExposureWaits({ exposureWait: (...args) => calls.push(args) });
    waits.waiting('backupPVC velero/du-1 to be bound (phase Pending)', 1_000);
    waits.waiting('backup pod velero/du-1 to be Running (phase Pending)', 3_000);
    expect(waits.totals(3_400)).toEqual({ 'pvc-bound': 2_000, 'pod-running': 400 });
    expect(waits.totals(3_500)).toEqual({ 'pvc-bound': 2_000, 'pod-running': 500 });
    expect(calls).toEqual([]);
  });

  it('records nothing for an exposure that never waited', () => {
    const calls: unknown[] = [];
    const waits = meterExposureWaits({ exposureWait: (...args) => calls.push(args) });
    waits.finish(10);
    expect(calls).toEqual([]);
  });
});
