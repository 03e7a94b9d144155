import type { DataDownload, Restore } from '@ferry/api';
import { dataDownloadOperation, restoreOperationCounts } from './restore-item-operations';

const restore = { metadata: { name: 'r1', namespace: 'velero', uid: 'r-uid' } } as Restore;
const download = (status: DataDownload['status'], created = '2026-01-01T00:00:00Z'): DataDownload =>
  ({
    metadata: { name: 'r1-abc', creationTimestamp: created, labels: { 'velero.io/async-operation-id': 'dd-r-uid.p' } },
    spec: { targetVolume: { pvc: 'data', pv: '', namespace: 'app' } },
    status,
  }) as unknown as DataDownload;
const clock = { now: new Date('2026-01-01T00:10:00Z'), itemOperationTimeoutMs: 4 * 3600_000 };

describe('dataDownloadOperation (velero RestoreOperation from csi pvc restorer Progress)', () => {
  it('is Velero’s RestoreOperation of a completed DataDownload', () => {
    const done = download({
      phase: 'Completed',
      progress: { totalBytes: 10, bytesDone: 10 },
      startTimestamp: '2026-01-01T00:01:00Z',
      completionTimestamp: '2026-01-01T00:02:00Z',
    });
    expect(dataDownloadOperation(restore, done, clock)).toEqual({
      spec: {
        restoreName: 'r1',
        restoreUID: 'r-uid',
        restoreItemAction: 'velero.io/csi-pvc-restorer',
        resourceIdentifier: { Group: '', Resource: 'persistentvolumeclaims', Namespace: 'app', Name: 'data' },
        operationID: 'dd-r-uid.p',
      },
      status: {
        phase: 'Completed',
        nCompleted: 10,
        nTotal: 10,
        operationUnits: 'Bytes',
        description: 'Completed',
        created: '2026-01-01T00:00:00Z',
        started: '2026-01-01T00:01:00Z',
        updated: '2026-01-01T00:02:00Z',
      },
    });
  });
  it.each<[string, DataDownload, string, string | undefined]>([
    ['new', download({}), 'New', undefined],
    ['failed', download({ phase: 'Failed', message: 'boom' }), 'Failed', 'boom'],
    ['canceled', download({ phase: 'Canceled' }), 'Failed', 'DataDownload is canceled'],
    [
      'running past the timeout',
      download({ phase: 'InProgress', startTimestamp: '2025-01-01T00:00:00Z' }, '2025-01-01T00:00:00Z'),
      'Failed',
      'Asynchronous action timed out',
    ],
  ])('%s → %s', (_name, dd, phase, error) => {
    const { status } = dataDownloadOperation(restore, dd, clock);
    expect([status.phase, status.error]).toEqual([phase, error]);
  });
  it('counts attempted, completed, failed and running', () => {
    const operations = [download({ phase: 'Completed' }), download({ phase: 'Failed' }), download({})].map((dd) =>
      dataDownloadOperation(restore, dd, clock),
    );
    expect(restoreOperationCounts(operations)).toEqual({ attempted: 3, completed: 1, failed: 1, running: 1 });
  });
});
