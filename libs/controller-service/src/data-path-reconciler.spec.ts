import { acceptedCancelTimeoutMs, cancelingForceTimeoutMs } from '@ferry/data-movement';
import { FerryAnnotation, hasFinalizer, isExposeOnGoing, moveTargetOf, phaseOf } from './resource-marks';
import type { DataPathResource } from './data-path-resources';
import { aDataMoverClass, aNewDataDownload, aNewDataUpload, aNewPodVolumeBackup } from './testing/data-path-fakes';
import { createDataPathTestBench } from './testing/data-path-test-bench';

describe('data-path reconciler - accept', () => {
  it('accepts a New DataUpload: finalizer, expose-on-going label, Accepted by this controller, repository ensured', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put(aNewDataUpload());
    await bench.reconcile(du);
    const accepted = bench.current(du);
    expect(phaseOf(accepted)).toBe('Accepted');
    expect(hasFinalizer(accepted)).toBe(true);
    expect(isExposeOnGoing(accepted)).toBe(true);
    expect(accepted.status).toMatchObject({ acceptedByNode: 'ferry-controller-0', acceptedTimestamp: '2026-01-01T12:00:00Z' });
    expect(bench.repositories.ensured).toEqual(['velero/app-default-kopia']);
  });

  it('fails an invalid spec naming the field, with a Warning Event', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put(aNewDataUpload('du-1', { sourcePVC: '' }));
    await bench.reconcile(du);
    expect(phaseOf(bench.current(du))).toBe('Failed');
    expect(bench.current(du).status?.message).toContain('spec.sourcePVC');
    expect(bench.events.events).toEqual([expect.stringMatching(/^Warning DataPathInvalidSpec: .*spec\.sourcePVC/)]);
  });

  it('fails a resource whose BackupStorageLocation is missing', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put(aNewDataUpload('du-1', { backupStorageLocation: 'elsewhere' }));
    await bench.reconcile(du);
    expect(bench.current(du).status).toMatchObject({
      phase: 'Failed',
      message: 'spec.backupStorageLocation: BackupStorageLocation "elsewhere" not found in namespace velero',
    });
    expect(hasFinalizer(bench.current(du))).toBe(false);
  });

  it('sends the expose job of an Accepted DataUpload once, however often it is reconciled', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put(aNewDataUpload());
    await bench.reconcile(du);
    await bench.reconcile(du);
    await bench.reconcile(du);
    expect(bench.jobs.exposes).toEqual([
      {
        job: expect.objectContaining({ operation: { kind: 'DataUpload', namespace: 'velero', name: 'du-1' }, direction: 'backup' }),
        messageId: 'expose-uid-du-1-run-1',
      },
    ]);
  });
});

describe('data-path reconciler - resources left alone', () => {
  // Velero: TestReconcile "Unknown data upload status", "In progress du is not set as cancel".
  it('a phase outside Velero’s vocabulary is not taken for New', async () => {
    const bench = createDataPathTestBench();
    const du = aNewDataUpload();
    bench.store.put({ ...du, status: { phase: 'Unknown' as 'New' } });
    await bench.reconcile(du);
    expect(bench.store.writes).toBe(0);
    expect(bench.current(du).status?.phase).toBe('Unknown');
  });

  it('an InProgress resource without cancel stays InProgress', async () => {
    const bench = createDataPathTestBench();
    const du = await bench.toInProgress(aNewDataUpload());
    const { writes } = bench.store;
    await bench.reconcile(du);
    expect(bench.store.writes).toBe(writes);
    expect(phaseOf(bench.current(du))).toBe('InProgress');
  });
});

describe('data-path reconciler - roles', () => {
  it('role data-mover leaves DataUploads of Velero’s built-in mover alone', async () => {
    const bench = createDataPathTestBench({ settings: { role: 'data-mover' } });
    const du = bench.store.put(aNewDataUpload('du-velero', { datamover: 'velero' }));
    await bench.reconcile(du);
    await bench.exposed(du);
    expect(bench.store.writes).toBe(0);
    expect(bench.jobs.exposes).toEqual([]);
  });

  it('role data-mover serves a DataUpload whose datamover is Ferry’s class', async () => {
    const bench = createDataPathTestBench({ settings: { role: 'data-mover' }, classes: [aDataMoverClass('ferry', 'ferry-fast', 'ferry')] });
    const du = bench.store.put(aNewDataUpload('du-ferry', { datamover: 'ferry-fast' }));
    await bench.reconcile(du);
    expect(phaseOf(bench.current(du))).toBe('Accepted');
  });

  it('role data-mover leaves PodVolumeBackups to Velero’s node-agent', async () => {
    const bench = createDataPathTestBench({ settings: { role: 'data-mover' } });
    const pvb = bench.store.put(aNewPodVolumeBackup());
    await bench.reconcile(pvb);
    expect(bench.store.writes).toBe(0);
  });
});

describe('data-path reconciler - cancel', () => {
  it('New → Canceled without finalizer or Event', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put(aNewDataUpload('du-1', { cancel: true }));
    await bench.reconcile(du);
    expect(bench.current(du).status).toMatchObject({ phase: 'Canceled', message: 'canceled before it was accepted' });
    expect(bench.events.events).toEqual([]);
  });

  it('Accepted waits for the exposure, then Canceled once it is exposed', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put(aNewDataUpload());
    await bench.reconcile(du);
    bench.requestCancel(du);
    expect(await bench.reconcile(du)).toEqual({ requeueAfterMs: acceptedCancelTimeoutMs });
    expect(phaseOf(bench.current(du))).toBe('Accepted');
    await bench.exposed(du);
    expect(bench.current(du).status).toMatchObject({ phase: 'Canceled', message: 'canceled before the data path started' });
    expect(bench.jobs.moves).toEqual([]);
    expect(bench.jobs.cleanUps).toEqual([{ kind: 'DataUpload', namespace: 'velero', name: 'du-1' }]);
  });

  // Velero: TestReconcile "delay cancel negative for others" / "delay cancel affirmative for others".
  it('Accepted long before the cancel still waits 5 minutes from the cancel for its exposure', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put(aNewDataUpload());
    await bench.reconcile(du);
    await bench.clock.advance(10 * 60_000);
    bench.requestCancel(du);
    expect(await bench.reconcile(du)).toEqual({ requeueAfterMs: acceptedCancelTimeoutMs });
    expect(phaseOf(bench.current(du))).toBe('Accepted');
    await bench.clock.advance(acceptedCancelTimeoutMs);
    await bench.reconcile(du);
    expect(phaseOf(bench.current(du))).toBe('Canceled');
  });

  it('Accepted is force-canceled 5 minutes after the cancel when the exposure never comes', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put(aNewDataUpload());
    await bench.reconcile(du);
    bench.requestCancel(du);
    await bench.reconcile(du); // the informer's update event
    await bench.clock.advance(acceptedCancelTimeoutMs - 1_000);
    await bench.reconcile(du);
    expect(phaseOf(bench.current(du))).toBe('Accepted');
    await bench.clock.advance(1_000);
    await bench.reconcile(du);
    expect(bench.current(du).status).toMatchObject({ phase: 'Canceled', message: 'canceled in phase Accepted' });
    expect(hasFinalizer(bench.current(du))).toBe(false);
  });

  it('Prepared → Canceled at once', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put(aNewDataUpload());
    await bench.reconcile(du);
    bench.jobs.failing = true; // the move is not sent: the resource stays Prepared
    await expect(bench.exposed(du)).rejects.toThrow('publish failed');
    expect(phaseOf(bench.current(du))).toBe('Prepared');
    bench.jobs.failing = false;
    bench.requestCancel(du);
    await bench.reconcile(du);
    expect(bench.current(du).status).toMatchObject({ phase: 'Canceled', message: 'canceled in phase Prepared' });
    expect(bench.events.events).toEqual(['Normal DataPathCanceled: canceled in phase Prepared']);
  });

  it('InProgress → Canceling (cancel sent to the mover) → Canceled when the mover stops', async () => {
    const bench = createDataPathTestBench();
    const du = await bench.toInProgress(aNewDataUpload());
    bench.requestCancel(du);
    await bench.reconcile(du);
    expect(phaseOf(bench.current(du))).toBe('Canceling');
    expect(bench.current(du).metadata?.annotations?.[FerryAnnotation.CancelingSince]).toBe('2026-01-01T12:00:00Z');
    expect(bench.jobs.cancels).toEqual(['du-uid-du-1']);
    await bench.moved(du, { outcome: 'canceled' });
    expect(bench.current(du).status).toMatchObject({ phase: 'Canceled', message: 'data path canceled' });
    expect(bench.current(du).metadata?.annotations?.[FerryAnnotation.CancelingSince]).toBeUndefined();
  });

  it('Canceling is force-canceled after 1 hour when the mover never confirms', async () => {
    const bench = createDataPathTestBench();
    const du = await bench.toInProgress(aNewDataUpload());
    bench.requestCancel(du);
    await bench.reconcile(du);
    expect(await bench.reconcile(du)).toEqual({ requeueAfterMs: cancelingForceTimeoutMs });
    await bench.clock.advance(cancelingForceTimeoutMs);
    await bench.reconcile(du);
    expect(bench.current(du).status).toMatchObject({ phase: 'Canceled', message: 'canceled in phase Canceling' });
  });

  it('a deleted New resource that was never accepted is left to go', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put({
      ...aNewDataUpload(),
      metadata: { ...aNewDataUpload().metadata, deletionTimestamp: '2026-01-01T11:00:00Z' },
    });
    await bench.reconcile(du);
    expect(bench.store.writes).toBe(0);
  });
});

describe('data-path reconciler - pod volumes', () => {
  it('PodVolumeBackup: Accepted → InProgress on the pod’s node once the pod runs', async () => {
    const bench = createDataPathTestBench();
    const pvb = bench.store.put(aNewPodVolumeBackup());
    await bench.reconcile(pvb);
    bench.locator.pods.set('app/web/data', 'not-ready');
    expect(await bench.reconcile(pvb)).toEqual({ requeueAfterMs: 5_000 });
    expect(phaseOf(bench.current(pvb))).toBe('Accepted');
    bench.locator.pods.set('app/web/data', { node: 'node-2', podUid: 'pod-uid', volumeDir: 'pv-9', claimName: 'data' });
    await bench.reconcile(pvb);
    expect(phaseOf(bench.current(pvb))).toBe('InProgress');
    expect(moveTargetOf(bench.current(pvb))).toEqual({ node: 'node-2', podUid: 'pod-uid', volumeDir: 'pv-9', claimName: 'data' });
    expect(bench.jobs.moves.map(({ node, job }) => [node, job.jobId])).toEqual([['node-2', 'pvb-uid-pvb-1']]);
  });

  it('PodVolumeBackup: fails after the prepare timeout while the pod is not running', async () => {
    const bench = createDataPathTestBench();
    const pvb = bench.store.put(aNewPodVolumeBackup());
    await bench.reconcile(pvb);
    bench.locator.pods.set('app/web/data', 'not-ready');
    await bench.clock.advance(30 * 60_000);
    await bench.reconcile(pvb);
    expect(bench.current(pvb).status?.message).toBe('timeout on preparing PVB: pod app/web is not running');
    expect(bench.events.events).toEqual([expect.stringMatching(/^Warning DataPathPrepareTimeout/)]);
  });
});

describe('data-path reconciler - bounded memory', () => {
  it('forgets what it sent for a resource once the resource is final', async () => {
    const bench = createDataPathTestBench();
    const du = await bench.toInProgress(aNewDataUpload());
    expect(bench.sent.size).toBe(1);
    await bench.moved(du, { outcome: 'completed', summary: { snapshotId: 's1', path: '/data', totalBytes: 10, emptyVolume: false } });
    await bench.reconcile(du);
    expect(bench.sent.size).toBe(0);
    expect(bench.forgotten).toEqual([{ kind: 'DataUpload', namespace: 'velero', name: 'du-1' }]);
  });
});

describe('data-path reconciler - ending timestamps', () => {
  const at = '2026-01-01T12:00:00Z';
  // Velero: TestOnDataUploadCancelled, TestOnDataUploadFailed, TestReconcile "prepare timeout on accepted"
  // (and the DataDownload / PodVolumeRestore controllers' errorOut, which leave startTimestamp unset).
  it.each<[string, DataPathResource, { startTimestamp?: string; completionTimestamp?: string }]>([
    [
      'DataUpload canceled: start and completion',
      aNewDataUpload('du-1', { cancel: true }),
      { startTimestamp: at, completionTimestamp: at },
    ],
    [
      'DataUpload failed: start and completion',
      aNewDataUpload('du-1', { backupStorageLocation: 'elsewhere' }),
      { startTimestamp: at, completionTimestamp: at },
    ],
    ['DataDownload failed: completion only', aNewDataDownload('dd-1', { backupStorageLocation: 'elsewhere' }), { completionTimestamp: at }],
    [
      'DataDownload canceled: start and completion',
      aNewDataDownload('dd-1', { cancel: true }),
      { startTimestamp: at, completionTimestamp: at },
    ],
  ])('%s', async (_name, resource, timestamps) => {
    const bench = createDataPathTestBench();
    bench.store.put(resource);
    await bench.reconcile(resource);
    const { startTimestamp, completionTimestamp } = bench.current(resource).status ?? {};
    expect({ startTimestamp, completionTimestamp }).toEqual(timestamps);
  });

  it('a prepare timeout writes neither timestamp', async () => {
    const bench = createDataPathTestBench();
    const pvb = bench.store.put(aNewPodVolumeBackup());
    await bench.reconcile(pvb);
    bench.locator.pods.set('app/web/data', 'not-ready');
    await bench.clock.advance(30 * 60_000);
    await bench.reconcile(pvb);
    expect(bench.current(pvb).status).toMatchObject({ phase: 'Failed' });
    expect(bench.current(pvb).status?.startTimestamp).toBeUndefined();
    expect(bench.current(pvb).status?.completionTimestamp).toBeUndefined();
  });
});
