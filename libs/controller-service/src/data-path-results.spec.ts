import { FerryAnnotation, hasFinalizer, isExposeOnGoing, moveAttemptOf, moveTargetOf, phaseOf } from './resource-marks';
import { aNewDataDownload, aNewDataUpload, aNewPodVolumeBackup } from './testing/data-path-fakes';
import { createDataPathTestBench } from './testing/data-path-test-bench';

const summary = { snapshotId: 'snap-1', path: '/data', totalBytes: 100, incrementalBytes: 40, emptyVolume: false };
const transient = { code: 'UPLOADER_REPOSITORY_UNREACHABLE', retryable: true, message: 'dial tcp: i/o timeout' };

describe('data-path results - exposure and move', () => {
  it('an exposure makes the resource Prepared on the node, then InProgress with the move job sent there', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put(aNewDataUpload());
    await bench.reconcile(du);
    bench.jobs.failing = true;
    await expect(bench.exposed(du)).rejects.toThrow('publish failed');
    expect(bench.current(du).status).toMatchObject({ phase: 'Prepared', node: 'node-1' });
    expect(moveTargetOf(bench.current(du))).toEqual({ node: 'node-1', podUid: 'pod-uid-1', volumeDir: 'pv-1' });
    bench.jobs.failing = false;
    await bench.reconcile(du); // the work queue's retry of the same key
    const started = bench.current(du);
    expect(started.status).toMatchObject({ phase: 'InProgress', startTimestamp: '2026-01-01T12:00:00Z', nodeOS: 'linux' });
    expect(isExposeOnGoing(started)).toBe(false);
    expect(bench.jobs.moves.map(({ node, job }) => [node, job.jobId, job.operation.name])).toEqual([['node-1', 'du-uid-du-1', 'du-1']]);
  });

  it('a completed move makes the DataUpload Completed with its snapshot, without finalizer, exposure cleaned up', async () => {
    const bench = createDataPathTestBench();
    const du = await bench.toInProgress(aNewDataUpload());
    await bench.clock.advance(60_000);
    await bench.moved(du, { outcome: 'completed', summary });
    const done = bench.current(du);
    expect(done.status).toMatchObject({
      phase: 'Completed',
      snapshotID: 'snap-1',
      path: '/data',
      incrementalBytes: 40,
      progress: { totalBytes: 100, bytesDone: 100 },
      completionTimestamp: '2026-01-01T12:01:00Z',
    });
    expect(hasFinalizer(done)).toBe(false);
    expect(bench.jobs.cleanUps).toEqual([{ kind: 'DataUpload', namespace: 'velero', name: 'du-1' }]);
  });

  it('a failed exposure fails the resource with the cause', async () => {
    const bench = createDataPathTestBench();
    const du = bench.store.put(aNewDataUpload());
    await bench.reconcile(du);
    await bench.results.applyExposeResult({
      v: 1,
      operation: { kind: 'DataUpload', namespace: 'velero', name: 'du-1' },
      direction: 'backup',
      outcome: 'timed-out',
      cause: 'pod pending: 0/3 nodes are available',
      at: '2026-01-01T12:30:00Z',
    });
    expect(bench.current(du).status?.message).toBe('timeout on preparing data upload: pod pending: 0/3 nodes are available');
    expect(bench.current(du).status?.completionTimestamp).toBeUndefined();
    expect(bench.events.events).toEqual([expect.stringMatching(/^Warning DataPathPrepareTimeout/)]);
  });

  // Velero: OnDataUploadCompleted / the PVB controller's OnDataPathCompleted with an empty snapshot.
  it.each([
    ['DataUpload', 'volume was empty so no data was upload'],
    ['PodVolumeBackup', 'volume was empty so no snapshot was taken'],
  ])('an empty %s completes with Velero’s message', async (kind, message) => {
    const bench = createDataPathTestBench();
    bench.locator.pods.set('app/web/data', { node: 'node-1', podUid: 'pod-uid', volumeDir: 'pv-9' });
    const resource = await bench.toInProgress(kind === 'DataUpload' ? aNewDataUpload() : aNewPodVolumeBackup());
    await bench.moved(resource, { outcome: 'completed', summary: { ...summary, emptyVolume: true } });
    expect(bench.current(resource).status).toMatchObject({ phase: 'Completed', message });
  });

  it('DataDownload: data written → PV hand-over asked once → Completed when the exposer confirms', async () => {
    const bench = createDataPathTestBench();
    const dd = await bench.toInProgress(aNewDataDownload());
    await bench.moved(dd, { outcome: 'completed', summary });
    expect(phaseOf(bench.current(dd))).toBe('InProgress');
    expect(bench.current(dd).metadata?.annotations?.[FerryAnnotation.DataWritten]).toBe('true');
    await bench.reconcile(dd);
    expect(bench.jobs.completeRestores).toEqual([{ kind: 'DataDownload', namespace: 'velero', name: 'dd-1' }]);
    await bench.results.applyExposeResult({
      v: 1,
      operation: { kind: 'DataDownload', namespace: 'velero', name: 'dd-1' },
      direction: 'restore',
      outcome: 'completed',
      at: '2026-01-01T12:00:00Z',
    });
    expect(phaseOf(bench.current(dd))).toBe('Completed');
  });
});

describe('data-path results - retries and idempotence', () => {
  it('retries a retryable mover failure with attempt+1 until the attempts run out', async () => {
    const bench = createDataPathTestBench();
    const du = await bench.toInProgress(aNewDataUpload());
    await bench.moved(du, { outcome: 'failed', error: transient });
    expect(moveAttemptOf(bench.current(du))).toBe(2);
    expect(phaseOf(bench.current(du))).toBe('InProgress');
    await bench.moved(du, { outcome: 'failed', error: transient });
    expect(moveAttemptOf(bench.current(du))).toBe(3);
    expect(bench.jobs.moves.map(({ job }) => job.jobId)).toEqual(['du-uid-du-1', 'du-uid-du-1-r2', 'du-uid-du-1-r3']);
    expect(bench.events.events.filter((e) => e.startsWith('Normal DataPathMoveRetried'))).toHaveLength(2);
    await bench.moved(du, { outcome: 'failed', error: transient });
    expect(bench.current(du).status).toMatchObject({
      phase: 'Failed',
      message: 'data path backup failed: UPLOADER_REPOSITORY_UNREACHABLE: dial tcp: i/o timeout',
    });
  });

  it('fails at once on a failure no retry can help', async () => {
    const bench = createDataPathTestBench();
    const du = await bench.toInProgress(aNewDataUpload());
    await bench.moved(du, { outcome: 'failed', error: { code: 'UPLOADER_SOURCE_MISSING', retryable: false, message: 'gone' } });
    expect(phaseOf(bench.current(du))).toBe('Failed');
    expect(bench.jobs.moves).toHaveLength(1);
  });

  it('ignores a result of an older attempt', async () => {
    const bench = createDataPathTestBench();
    const du = await bench.toInProgress(aNewDataUpload());
    await bench.moved(du, { outcome: 'failed', error: transient });
    const writes = bench.store.writes;
    await bench.moved(du, { outcome: 'completed', summary }, 1);
    await bench.moved(du, { outcome: 'failed', error: transient }, 1);
    expect(bench.store.writes).toBe(writes);
    expect(phaseOf(bench.current(du))).toBe('InProgress');
    expect(moveAttemptOf(bench.current(du))).toBe(2);
  });

  it('ignores a duplicate result', async () => {
    const bench = createDataPathTestBench();
    const du = await bench.toInProgress(aNewDataUpload());
    await bench.moved(du, { outcome: 'completed', summary });
    const { writes } = bench.store;
    const events = bench.events.events.length;
    await bench.moved(du, { outcome: 'completed', summary });
    await bench.exposed(du);
    expect(bench.store.writes).toBe(writes);
    expect(bench.events.events).toHaveLength(events);
    expect(phaseOf(bench.current(du))).toBe('Completed');
  });

  it('a duplicate exposure of an InProgress resource sends nothing more', async () => {
    const bench = createDataPathTestBench();
    const du = await bench.toInProgress(aNewDataUpload());
    await bench.exposed(du);
    expect(bench.jobs.moves).toHaveLength(1);
  });
});
