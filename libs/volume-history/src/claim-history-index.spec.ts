import type { BackupVolumeInfo, RestoreVolumeInfo } from '@ferry/api';
import { createClaimHistoryIndex, type BackupReport, type RestoreReport } from './claim-history-index';
import type { VolumeRecord } from './volume-record-merge';
import { backupVolumeSummary, restoreVolumeSummary } from './volume-summary';

function backupInfo(claim: string, handle: string, size: number): BackupVolumeInfo {
  return {
    pvcName: claim,
    pvcNamespace: 'app',
    pvName: `pv-${claim}`,
    backupMethod: 'PodVolumeBackup',
    snapshotDataMoved: false,
    preserveLocalSnapshot: false,
    skipped: false,
    result: 'succeeded',
    pvbInfo: { snapshotHandle: handle, size, uploaderType: 'kopia', volumeName: claim, podName: 'p', podNamespace: 'app', nodeName: 'n1' },
  };
}

function backupReport(name: string, time: string, infos: BackupVolumeInfo[]): BackupReport {
  return {
    backup: { namespace: 'velero', name },
    phase: 'Completed',
    storageLocation: 'default',
    time,
    volumes: infos.map((info) => ({ info, summary: backupVolumeSummary(info) })),
  };
}

function restoreReport(name: string, mapping: Record<string, string>, info: RestoreVolumeInfo): RestoreReport {
  return {
    restore: { namespace: 'velero', name },
    phase: 'Completed',
    backupName: 'b1',
    time: '2026-12-06T12:00:00Z',
    volumes: [{ info, summary: restoreVolumeSummary(info, mapping) }],
  };
}

const restoredData: RestoreVolumeInfo = {
  pvcName: 'data',
  pvcNamespace: 'app-copy',
  restoreMethod: 'PodVolumeRestore',
  snapshotDataMoved: false,
  pvrInfo: { snapshotHandle: 'h1', size: 10, uploaderType: 'kopia', volumeName: 'data', podName: 'p', podNamespace: 'app-copy' },
};

function record(over: Partial<VolumeRecord> & Pick<VolumeRecord, 'recordedAt' | 'facts'>): VolumeRecord {
  return {
    target: { kind: 'backup', namespace: 'velero', name: 'b3' },
    claim: { namespace: 'app', name: 'data' },
    source: 'mover',
    ...over,
  };
}

const data = { namespace: 'app', name: 'data' };

describe('claim history index - documents', () => {
  it('lists every backup holding the claim oldest first, and its restores under both claims', () => {
    const index = createClaimHistoryIndex();
    index.putBackup(backupReport('b2', '2026-12-06T11:00:00Z', [backupInfo('data', 'h2', 20)]));
    index.putBackup(backupReport('b1', '2026-12-06T10:00:00Z', [backupInfo('data', 'h1', 10), backupInfo('logs', 'l1', 1)]));
    index.putRestore(restoreReport('r1', { app: 'app-copy' }, restoredData));

    const history = index.claimHistory(data);
    expect(history?.backups.map((e) => [e.backup.name, e.volume.snapshotHandle, e.volume.bytes, e.source])).toEqual([
      ['b1', 'h1', 10, 'document'],
      ['b2', 'h2', 20, 'document'],
    ]);
    expect(history?.restores.map((e) => [e.restore.name, e.backupName, e.volume.claim, e.volume.sourceClaim])).toEqual([
      ['r1', 'b1', { namespace: 'app-copy', name: 'data' }, data],
    ]);
    expect(index.claimHistory({ namespace: 'app-copy', name: 'data' })?.restores).toHaveLength(1);
    expect(index.claimHistory({ namespace: 'app', name: 'logs' })?.backups.map((e) => e.backup.name)).toEqual(['b1']);
    expect(index.claimHistory({ namespace: 'app', name: 'nope' })).toBeUndefined();
  });

  it('replacing a report drops its old entries; removing it forgets the claim', () => {
    const index = createClaimHistoryIndex();
    index.putBackup(backupReport('b1', '2026-12-06T10:00:00Z', [backupInfo('data', 'h1', 10), backupInfo('logs', 'l1', 1)]));
    index.putBackup(backupReport('b1', '2026-12-06T10:00:00Z', [backupInfo('data', 'h1b', 11)]));
    expect(index.claimHistory({ namespace: 'app', name: 'logs' })).toBeUndefined();
    expect(index.claimHistory(data)?.backups.map((e) => e.volume.snapshotHandle)).toEqual(['h1b']);
    index.removeBackup({ namespace: 'velero', name: 'b1' });
    expect(index.claimHistory(data)).toBeUndefined();
    expect(index.size()).toEqual({ backups: 0, restores: 0, claims: 0, records: 0 });
  });
});

describe('claim history index - records', () => {
  it('folds records of a run without document into one entry, the newest fact winning in any order', () => {
    const records = [
      record({ recordedAt: '2026-12-06T13:00:05Z', source: 'mover', facts: { bytes: 100, snapshotHandle: 'k9', result: 'succeeded' } }),
      record({
        recordedAt: '2026-12-06T13:00:00Z',
        source: 'controller',
        facts: { method: 'CSISnapshot', snapshotDataMoved: true, bytes: 1 },
      }),
      record({ recordedAt: '2026-12-06T13:00:02Z', source: 'exposer', facts: { nodeName: 'n2' } }),
    ];
    const forward = createClaimHistoryIndex();
    const backward = createClaimHistoryIndex();
    for (const r of records) forward.addRecord(r);
    for (const r of [...records].reverse()) backward.addRecord(r);
    backward.addRecord(records[0] as VolumeRecord);

    const expected = {
      backup: { namespace: 'velero', name: 'b3' },
      time: '2026-12-06T13:00:05Z',
      source: 'records',
      volume: {
        claim: data,
        method: 'CSISnapshot',
        snapshotDataMoved: true,
        snapshotHandle: 'k9',
        bytes: 100,
        nodeName: 'n2',
        skipped: false,
        result: 'succeeded',
      },
    };
    expect(forward.claimHistory(data)?.backups).toEqual([expected]);
    expect(backward.claimHistory(data)?.backups).toEqual([expected]);
  });

  it('hides the records of a target once its document is indexed, and forgets them with the target', () => {
    const index = createClaimHistoryIndex();
    index.addRecord(
      record({ target: { kind: 'backup', namespace: 'velero', name: 'b1' }, recordedAt: '2026-12-06T10:00:00Z', facts: { bytes: 5 } }),
    );
    index.addRecord(
      record({ target: { kind: 'restore', namespace: 'velero', name: 'r9' }, recordedAt: '2026-12-06T10:00:00Z', facts: {} }),
    );
    index.putBackup(backupReport('b1', '2026-12-06T10:00:00Z', [backupInfo('data', 'h1', 10)]));
    const history = index.claimHistory(data);
    expect(history?.backups.map((e) => [e.source, e.volume.bytes])).toEqual([['document', 10]]);
    expect(history?.restores.map((e) => [e.restore.name, e.source])).toEqual([['r9', 'records']]);
    index.removeRestore({ namespace: 'velero', name: 'r9' });
    index.removeBackup({ namespace: 'velero', name: 'b1' });
    expect(index.claimHistory(data)).toBeUndefined();
  });
});

describe('claim history index - records of documented runs', () => {
  const run = (uid: string) => ({ kind: 'backup' as const, namespace: 'velero', name: 'b1', uid });
  const exposure = { node: 'n2', pod: 'du-1', claim: 'du-1', storageClass: 'fast-ro', readOnly: true, exposedAt: '2026-12-06T10:00:05Z' };

  it('adds what only the exposer and mover knew to the summaries of the same run; the document keeps its own values', () => {
    const index = createClaimHistoryIndex();
    index.addRecord(
      record({ target: run('u1'), source: 'exposer', recordedAt: '2026-12-06T10:00:05Z', facts: { nodeName: 'n2', exposure } }),
    );
    index.addRecord(
      record({
        target: run('u1'),
        recordedAt: '2026-12-06T10:00:40Z',
        facts: { startTimestamp: '2026-12-06T10:00:10Z', completionTimestamp: '2026-12-06T10:00:40Z', bytes: 99 },
      }),
    );
    index.addRecord(record({ target: run('u0'), recordedAt: '2026-12-01T10:00:00Z', facts: { result: 'failed', dataMover: 'old' } }));
    const info = backupInfo('data', 'h1', 10);
    index.putBackup(backupReport('b1', '2026-12-06T10:01:00Z', [info]), 'u1');

    const expected = {
      ...backupVolumeSummary(info),
      exposure,
      startTimestamp: '2026-12-06T10:00:10Z',
      completionTimestamp: '2026-12-06T10:00:40Z',
      durationMs: 30_000,
    };
    expect(index.backup({ namespace: 'velero', name: 'b1' })?.volumes.map((v) => [v.info, v.summary])).toEqual([[info, expected]]);
    expect(index.claimHistory(data)?.backups.map((e) => [e.source, e.volume])).toEqual([['document', expected]]);
  });

  it('without the run uid, or after the Backup is removed, the records add nothing', () => {
    const index = createClaimHistoryIndex();
    index.addRecord(record({ target: run('u1'), source: 'exposer', recordedAt: '2026-12-06T10:00:05Z', facts: { exposure } }));
    const info = backupInfo('data', 'h1', 10);
    index.putBackup(backupReport('b1', '2026-12-06T10:01:00Z', [info]));
    expect(index.backup({ namespace: 'velero', name: 'b1' })?.volumes[0]?.summary).toEqual(backupVolumeSummary(info));
    index.removeBackup({ namespace: 'velero', name: 'b1' });
    index.putBackup(backupReport('b1', '2026-12-06T10:01:00Z', [info]), 'u1');
    expect(index.backup({ namespace: 'velero', name: 'b1' })?.volumes[0]?.summary).toEqual(backupVolumeSummary(info));
  });
});
