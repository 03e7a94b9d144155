import type { MoveJob } from './move-job-runner';
import { moveRecordItem } from './move-record';

const report = {
  target: { kind: 'backup' as const, namespace: 'velero', name: 'nightly', uid: 'b-uid' },
  volumeKey: 'claim:shop/data',
  claim: { namespace: 'shop', name: 'data' },
};
const common = {
  v: 1 as const,
  jobId: 'du-1',
  operation: { kind: 'DataUpload' as const, namespace: 'velero', name: 'du-1' },
  uploader: 'kopia' as const,
  volume: { podUid: 'p', volumeDir: 'pv-1' },
  repository: { backupStorageLocation: 'default', volumeNamespace: 'shop' },
  requestedAt: '2026-12-06T10:00:00Z',
};
const backupJob: MoveJob = { ...common, direction: 'backup', sourceName: 'shop/data', tags: {}, report };
const times = { node: 'node-b', startedAt: '2026-12-06T10:00:01Z', completedAt: '2026-12-06T10:00:31Z' };

describe('move record - what the mover learnt', () => {
  it('a completed backup: the new snapshot, its bytes, the node, the uploader and the transfer times', () => {
    const summary = { snapshotId: 'k-1', path: '/p', totalBytes: 4096, incrementalBytes: 512, emptyVolume: false };
    expect(moveRecordItem(backupJob, times, { outcome: 'completed', summary })).toEqual({
      volumeKey: 'claim:shop/data',
      claim: report.claim,
      facts: {
        nodeName: 'node-b',
        uploaderType: 'kopia',
        startTimestamp: '2026-12-06T10:00:01Z',
        completionTimestamp: '2026-12-06T10:00:31Z',
        result: 'succeeded',
        snapshotHandle: 'k-1',
        bytes: 4096,
        incrementalBytes: 512,
      },
    });
  });

  it('a completed restore names the snapshot it read; a failed job only its node, uploader, times and result', () => {
    const restoreJob: MoveJob = { ...common, direction: 'restore', snapshotId: 'k-7', uploader: 'restic', report };
    const summary = { snapshotId: '', path: '/p', totalBytes: 10, emptyVolume: false };
    expect(moveRecordItem(restoreJob, times, { outcome: 'completed', summary })?.facts).toMatchObject({ snapshotHandle: 'k-7', bytes: 10 });
    expect(moveRecordItem(backupJob, times, { outcome: 'failed' })?.facts).toEqual({
      nodeName: 'node-b',
      uploaderType: 'kopia',
      startTimestamp: '2026-12-06T10:00:01Z',
      completionTimestamp: '2026-12-06T10:00:31Z',
      result: 'failed',
    });
  });

  it('a job naming no run, or a canceled one, has no record', () => {
    const unreported: MoveJob = { ...common, direction: 'backup', sourceName: 'shop/data', tags: {} };
    expect(moveRecordItem(unreported, times, { outcome: 'failed' })).toBeUndefined();
    expect(moveRecordItem(backupJob, times, { outcome: 'canceled' })).toBeUndefined();
  });
});
