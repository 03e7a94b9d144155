import type { BackupVolumeInfo, RestoreVolumeInfo } from '@ferry/api';
import { backupVolumeSummary, durationBetween, restoreVolumeSummary, sourceNamespaceOf } from './volume-summary';

const base = { pvcName: 'data', pvcNamespace: 'app', pvName: 'pv-1', preserveLocalSnapshot: false, skipped: false } as const;

describe('volume summary - backup entries', () => {
  const cases: [string, BackupVolumeInfo, Record<string, unknown>][] = [
    [
      'data moved: the repository snapshot, sizes and mover of snapshotDataMovementInfo',
      {
        ...base,
        backupMethod: 'CSISnapshot',
        snapshotDataMoved: true,
        result: 'succeeded',
        startTimestamp: '2026-12-06T10:00:00Z',
        completionTimestamp: '2026-12-06T10:00:42Z',
        csiSnapshotInfo: { snapshotHandle: 'unknown', size: 0, driver: 'hostpath.csi.k8s.io', vscName: 'unknown', operationID: 'unknown' },
        snapshotDataMovementInfo: {
          dataMover: 'velero',
          uploaderType: 'kopia',
          snapshotHandle: 'k1f2',
          operationID: 'du-1',
          size: 1048576,
          incrementalSize: 4096,
          Phase: 'Completed',
        },
      },
      {
        claim: { namespace: 'app', name: 'data' },
        pvName: 'pv-1',
        method: 'CSISnapshot',
        snapshotDataMoved: true,
        snapshotHandle: 'k1f2',
        bytes: 1048576,
        incrementalBytes: 4096,
        uploaderType: 'kopia',
        dataMover: 'velero',
        skipped: false,
        result: 'succeeded',
        startTimestamp: '2026-12-06T10:00:00Z',
        completionTimestamp: '2026-12-06T10:00:42Z',
        durationMs: 42_000,
      },
    ],
    [
      'kept CSI snapshot: the storage snapshot handle and restore size',
      {
        ...base,
        backupMethod: 'CSISnapshot',
        snapshotDataMoved: false,
        result: 'succeeded',
        csiSnapshotInfo: { snapshotHandle: 'snap-7', size: 2048, driver: 'd', vscName: 'vsc-1', ReadyToUse: true },
      },
      {
        claim: { namespace: 'app', name: 'data' },
        pvName: 'pv-1',
        method: 'CSISnapshot',
        snapshotDataMoved: false,
        snapshotHandle: 'snap-7',
        bytes: 2048,
        skipped: false,
        result: 'succeeded',
      },
    ],
    [
      'fs-backup: pvbInfo with its node',
      {
        ...base,
        backupMethod: 'PodVolumeBackup',
        snapshotDataMoved: false,
        result: 'failed',
        startTimestamp: '2026-12-06T10:00:05Z',
        completionTimestamp: '2026-12-06T10:00:01Z',
        pvbInfo: {
          snapshotHandle: 'r9',
          size: 10,
          uploaderType: 'restic',
          volumeName: 'v',
          podName: 'p',
          podNamespace: 'app',
          nodeName: 'n1',
          Phase: 'Failed',
        },
      },
      {
        claim: { namespace: 'app', name: 'data' },
        pvName: 'pv-1',
        method: 'PodVolumeBackup',
        snapshotDataMoved: false,
        snapshotHandle: 'r9',
        bytes: 10,
        uploaderType: 'restic',
        nodeName: 'n1',
        skipped: false,
        result: 'failed',
        startTimestamp: '2026-12-06T10:00:05Z',
        completionTimestamp: '2026-12-06T10:00:01Z',
      },
    ],
    [
      'skipped: reason, no method facts',
      { ...base, pvName: '', snapshotDataMoved: false, skipped: true, skippedReason: 'any: skipped by policy;' },
      { claim: { namespace: 'app', name: 'data' }, snapshotDataMoved: false, skipped: true, skippedReason: 'any: skipped by policy;' },
    ],
    [
      'PV without claim: no claim',
      {
        pvName: 'pv-9',
        preserveLocalSnapshot: false,
        skipped: false,
        snapshotDataMoved: false,
        backupMethod: 'NativeSnapshot',
        nativeSnapshotInfo: { snapshotHandle: 'ebs-1', volumeType: 'gp3', volumeAZ: 'a', iops: '' },
      },
      { pvName: 'pv-9', method: 'NativeSnapshot', snapshotDataMoved: false, snapshotHandle: 'ebs-1', skipped: false },
    ],
  ];
  it.each(cases)('%s', (_name, info, expected) => {
    expect(backupVolumeSummary(info)).toEqual(expected);
  });
});

describe('volume summary - restore entries', () => {
  const moved: RestoreVolumeInfo = {
    pvcName: 'data',
    pvcNamespace: 'app-restored',
    pvName: 'pv-2',
    restoreMethod: 'CSISnapshot',
    snapshotDataMoved: true,
    snapshotDataMovementInfo: { dataMover: 'velero', uploaderType: 'kopia', snapshotHandle: 'k1f2', operationID: 'dd-1', size: 1048576 },
  };
  it.each([
    ['no mapping: the source claim is the claim', {}, { namespace: 'app-restored', name: 'data' }],
    ['mapping undone for the source claim', { app: 'app-restored' }, { namespace: 'app', name: 'data' }],
  ])('%s', (_name, mapping, sourceClaim) => {
    expect(restoreVolumeSummary(moved, mapping)).toEqual({
      claim: { namespace: 'app-restored', name: 'data' },
      sourceClaim,
      pvName: 'pv-2',
      method: 'CSISnapshot',
      snapshotDataMoved: true,
      snapshotHandle: 'k1f2',
      bytes: 1048576,
      uploaderType: 'kopia',
      dataMover: 'velero',
    });
  });

  it('pod volume restore: pvrInfo handle and size, empty node left out', () => {
    const info: RestoreVolumeInfo = {
      pvcName: 'logs',
      pvcNamespace: 'app',
      restoreMethod: 'PodVolumeRestore',
      snapshotDataMoved: false,
      pvrInfo: {
        snapshotHandle: 's1',
        size: 5,
        uploaderType: 'kopia',
        volumeName: 'logs',
        podName: 'p',
        podNamespace: 'app',
        nodeName: '',
      },
    };
    expect(restoreVolumeSummary(info)).toEqual({
      claim: { namespace: 'app', name: 'logs' },
      sourceClaim: { namespace: 'app', name: 'logs' },
      method: 'PodVolumeRestore',
      snapshotDataMoved: false,
      snapshotHandle: 's1',
      bytes: 5,
      uploaderType: 'kopia',
    });
  });
});

describe('volume summary - helpers', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z', 60_000],
    ['2026-01-01T00:01:00Z', '2026-01-01T00:00:00Z', undefined],
    [undefined, '2026-01-01T00:00:00Z', undefined],
    ['not a time', '2026-01-01T00:00:00Z', undefined],
  ])('durationBetween(%s, %s) = %s', (start, end, expected) => {
    expect(durationBetween(start, end)).toBe(expected);
  });

  it.each([
    ['b', { a: 'b' }, 'a'],
    ['c', { a: 'b' }, 'c'],
    ['a', {}, 'a'],
  ])('sourceNamespaceOf(%s, %j) = %s', (namespace, mapping, expected) => {
    expect(sourceNamespaceOf(namespace, mapping)).toBe(expected);
  });
});
