import { aBackupVolumeInfo, aRestoreVolumeInfo } from '../testing';
import { validateDocument } from './document-validator';
import {
  backupVolumeInfoSchema,
  csiSnapshotInfoSchema,
  nativeSnapshotInfoSchema,
  podVolumeInfoSchema,
  pvInfoSchema,
  restoreVolumeInfoSchema,
  snapshotDataMovementInfoSchema,
} from './volume-info-schema';

const keysOf = (schema: { shape: Record<string, unknown> }): string[] => Object.keys(schema.shape).sort();

describe('volume info - exact key spellings (Go JSON tags)', () => {
  it.each<[string, { shape: Record<string, unknown> }, string[]]>([
    [
      'BackupVolumeInfo',
      backupVolumeInfoSchema,
      [
        'backupMethod',
        'completionTimestamp',
        'csiSnapshotInfo',
        'nativeSnapshotInfo',
        'preserveLocalSnapshot',
        'pvInfo',
        'pvName',
        'pvbInfo',
        'pvcName',
        'pvcNamespace',
        'result',
        'skipped',
        'skippedReason',
        'snapshotDataMoved',
        'snapshotDataMovementInfo',
        'startTimestamp',
      ],
    ],
    [
      'RestoreVolumeInfo',
      restoreVolumeInfoSchema,
      [
        'csiSnapshotInfo',
        'nativeSnapshotInfo',
        'pvName',
        'pvcName',
        'pvcNamespace',
        'pvrInfo',
        'restoreMethod',
        'snapshotDataMoved',
        'snapshotDataMovementInfo',
      ],
    ],
    [
      'csiSnapshotInfo',
      csiSnapshotInfoSchema,
      ['ReadyToUse', 'driver', 'operationID', 'size', 'snapshotHandle', 'vscName', 'volumeGroupSnapshotHandle'],
    ],
    [
      'snapshotDataMovementInfo',
      snapshotDataMovementInfoSchema,
      ['Phase', 'dataMover', 'incrementalSize', 'operationID', 'retainedSnapshot', 'size', 'snapshotHandle', 'uploaderType'],
    ],
    ['nativeSnapshotInfo', nativeSnapshotInfoSchema, ['Phase', 'iops', 'snapshotHandle', 'volumeAZ', 'volumeType']],
    [
      'pvbInfo / pvrInfo',
      podVolumeInfoSchema,
      ['Phase', 'incrementalSize', 'nodeName', 'podName', 'podNamespace', 'size', 'snapshotHandle', 'uploaderType', 'volumeName'],
    ],
    ['pvInfo', pvInfoSchema, ['labels', 'reclaimPolicy']],
  ])('%s', (_name, schema, keys) => {
    expect(keysOf(schema)).toEqual([...keys].sort());
  });
});

describe('volume info - documents', () => {
  it.each<[string, 'BackupVolumeInfos' | 'RestoreVolumeInfos', unknown]>([
    ['a data-moved backup volume', 'BackupVolumeInfos', [aBackupVolumeInfo()]],
    [
      'a skipped volume',
      'BackupVolumeInfos',
      [aBackupVolumeInfo({ skipped: true, skippedReason: 'any: matched skip policy;', result: undefined })],
    ],
    [
      'a pod volume backup',
      'BackupVolumeInfos',
      [
        aBackupVolumeInfo({
          backupMethod: 'PodVolumeBackup',
          snapshotDataMoved: false,
          pvbInfo: {
            snapshotHandle: 's',
            size: 1,
            uploaderType: 'kopia',
            volumeName: 'data',
            podName: 'p',
            podNamespace: 'app',
            nodeName: 'n',
            Phase: 'Completed',
          },
        }),
      ],
    ],
    ['an empty backup list', 'BackupVolumeInfos', []],
    ['a data-mover restore', 'RestoreVolumeInfos', [aRestoreVolumeInfo()]],
    [
      'a native snapshot restore',
      'RestoreVolumeInfos',
      [
        aRestoreVolumeInfo({
          restoreMethod: 'NativeSnapshot',
          snapshotDataMoved: false,
          nativeSnapshotInfo: { snapshotHandle: 'snap-0a1', volumeType: 'gp3', volumeAZ: 'us-east-1a', iops: '3000', Phase: 'Completed' },
        }),
      ],
    ],
  ])('%s parses', (_name, kind, doc) => {
    const result = validateDocument(kind, doc);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each<[string, 'BackupVolumeInfos' | 'RestoreVolumeInfos', unknown, string, string]>([
    [
      'ReadyToUse must be a boolean',
      'BackupVolumeInfos',
      [
        aBackupVolumeInfo({
          csiSnapshotInfo: { snapshotHandle: 'h', size: 1, driver: 'd', vscName: 'v', ReadyToUse: 'yes' as unknown as boolean },
        }),
      ],
      '[0].csiSnapshotInfo.ReadyToUse',
      'expected boolean',
    ],
    [
      'iops is a string',
      'BackupVolumeInfos',
      [
        aBackupVolumeInfo({
          nativeSnapshotInfo: { snapshotHandle: 'h', volumeType: 't', volumeAZ: 'a', iops: 3000 as unknown as string, Phase: 'Completed' },
        }),
      ],
      '[0].nativeSnapshotInfo.iops',
      'expected string',
    ],
    [
      'snapshotDataMoved is always written',
      'RestoreVolumeInfos',
      [{ pvcName: 'data' }],
      '[0].snapshotDataMoved',
      'required field is missing',
    ],
    [
      'result vocabulary',
      'BackupVolumeInfos',
      [aBackupVolumeInfo({ result: 'Succeeded' as 'succeeded' })],
      '[0].result',
      'expected one of "succeeded" | "failed"',
    ],
    [
      'restore method vocabulary',
      'RestoreVolumeInfos',
      [aRestoreVolumeInfo({ restoreMethod: 'PodVolumeBackup' as 'CSISnapshot' })],
      '[0].restoreMethod',
      'expected one of',
    ],
  ])('%s', (_name, kind, doc, path, message) => {
    const result = validateDocument(kind, doc);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toContain(message);
  });
});
