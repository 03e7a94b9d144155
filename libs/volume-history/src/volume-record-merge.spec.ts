import type { RestoreVolumeInfo } from '@ferry/api';
import { mergeVolumeRecord, withRecordedFacts, type VolumeRecord } from './volume-record-merge';
import { restoreVolumeSummary } from './volume-summary';

const claim = { namespace: 'shop', name: 'data' };
const moverRecord: VolumeRecord & { claim: typeof claim } = {
  target: { kind: 'restore', namespace: 'velero', name: 'r1', uid: 'u1' },
  claim,
  source: 'mover',
  recordedAt: '2026-12-06T12:00:30Z',
  facts: {
    bytes: 4096,
    nodeName: 'node-b',
    result: 'succeeded',
    startTimestamp: '2026-12-06T12:00:00Z',
    completionTimestamp: '2026-12-06T12:00:30Z',
  },
};

function restoredEntry(size: number): RestoreVolumeInfo {
  return {
    pvcName: 'data',
    pvcNamespace: 'shop',
    restoreMethod: 'CSISnapshot',
    snapshotDataMoved: true,
    snapshotDataMovementInfo: { dataMover: 'velero', uploaderType: 'kopia', snapshotHandle: 'k1', operationID: 'dd-1', size },
  } as RestoreVolumeInfo;
}

describe('volume record merge - what records add to a documented summary', () => {
  it('a restore’s moved volume (Velero writes size 0) gets the mover’s bytes, node, result and times', () => {
    const summary = restoreVolumeSummary(restoredEntry(0));
    expect(withRecordedFacts(summary, mergeVolumeRecord(undefined, moverRecord))).toEqual({
      ...summary,
      bytes: 4096,
      nodeName: 'node-b',
      result: 'succeeded',
      startTimestamp: '2026-12-06T12:00:00Z',
      completionTimestamp: '2026-12-06T12:00:30Z',
      durationMs: 30_000,
    });
  });

  it('keeps every value the document gives; without records the summary is unchanged', () => {
    const summary = restoreVolumeSummary(restoredEntry(1024));
    const merged = withRecordedFacts(
      summary,
      mergeVolumeRecord(undefined, { ...moverRecord, facts: { ...moverRecord.facts, snapshotHandle: 'other' } }),
    );
    expect([merged.bytes, merged.snapshotHandle, merged.nodeName]).toEqual([1024, 'k1', 'node-b']);
    expect(withRecordedFacts(summary, undefined)).toBe(summary);
  });
});
