// Cases and expectations of Velero's backup_structured_describer_test.go for the volume sections.
import type { BackupVolumeInfo, PodVolumeBackup } from '@ferry/api';
import { structuredCsiSnapshots, structuredNativeSnapshots, structuredPodVolumeBackups } from './backup-structured-volumes';

const pvb = (index: number, phase: NonNullable<PodVolumeBackup['status']>['phase']): PodVolumeBackup => ({
  apiVersion: 'velero.io/v1',
  kind: 'PodVolumeBackup',
  metadata: { name: `test-pvb${index}`, namespace: 'test-ns1' },
  spec: {
    node: '',
    pod: { namespace: 'pod-ns-1', name: `pod-${index}` },
    volume: `vol-${index}`,
    backupStorageLocation: 'bsl-1',
    repoIdentifier: '',
    uploaderType: 'kopia',
  },
  status: { phase, snapshotID: `snap-${index}` },
});
const phases = ['Completed', 'Completed', 'Failed', 'Canceled', 'InProgress', 'Canceling', 'Prepared', 'Accepted'] as const;
const pvbs = phases.map((phase, index) => pvb(index + 1, phase));

describe('structured backup describer - pod volume backups (TestDescribePodVolumeBackupsInSF)', () => {
  it.each([
    ['empty list', [], true, '<none included>'],
    [
      '2 completed pvbs',
      pvbs.slice(0, 2),
      true,
      { podVolumeBackupsDetails: { Completed: [{ 'pod-ns-1/pod-1': 'vol-1' }, { 'pod-ns-1/pod-2': 'vol-2' }] }, uploderType: 'kopia' },
    ],
    [
      'all phases',
      pvbs,
      true,
      {
        podVolumeBackupsDetails: {
          Completed: [{ 'pod-ns-1/pod-1': 'vol-1' }, { 'pod-ns-1/pod-2': 'vol-2' }],
          Failed: [{ 'pod-ns-1/pod-3': 'vol-3' }],
          Canceled: [{ 'pod-ns-1/pod-4': 'vol-4' }],
          'In Progress': [{ 'pod-ns-1/pod-5': 'vol-5' }],
          Canceling: [{ 'pod-ns-1/pod-6': 'vol-6' }],
          Prepared: [{ 'pod-ns-1/pod-7': 'vol-7' }],
          Accepted: [{ 'pod-ns-1/pod-8': 'vol-8' }],
        },
        uploderType: 'kopia',
      },
    ],
    [
      'all phases, counts without --details',
      pvbs,
      false,
      {
        podVolumeBackupsDetails: { Completed: 2, Failed: 1, Canceled: 1, 'In Progress': 1, Canceling: 1, Prepared: 1, Accepted: 1 },
        uploderType: 'kopia',
      },
    ],
  ])('%s', (_name, input, details, expected) => {
    expect(structuredPodVolumeBackups(details, input)).toEqual(expected);
  });

  it('keeps the order of the objects and labels sizes (Velero sorts only its text)', () => {
    const sized = (index: number, pod: string, totalBytes: number): PodVolumeBackup => {
      const base = pvb(index, 'Completed');
      return {
        ...base,
        spec: { ...base.spec!, pod: { namespace: 'ns', name: pod } },
        status: { ...base.status, progress: { totalBytes } },
      };
    };
    expect(structuredPodVolumeBackups(true, [sized(9, 'web', 10), sized(2, 'api', 0), sized(1, 'web', 0)])).toEqual({
      podVolumeBackupsDetails: { Completed: [{ 'ns/web': 'vol-9 (size: 10), vol-1' }, { 'ns/api': 'vol-2' }] },
      uploderType: 'kopia',
    });
  });
});

const native: BackupVolumeInfo = {
  backupMethod: 'NativeSnapshot',
  pvName: 'pv-1',
  snapshotDataMoved: false,
  preserveLocalSnapshot: false,
  skipped: false,
  result: 'succeeded',
  nativeSnapshotInfo: { snapshotHandle: 'snapshot-1', volumeType: 'ebs', volumeAZ: 'us-east-2', iops: '1000 mbps' },
};

describe('structured backup describer - native snapshots (TestDescribeNativeSnapshotsInSF)', () => {
  it.each([
    ['no details', false, { 'pv-1': 'specify --details for more information' }],
    [
      'details',
      true,
      { 'pv-1': { snapshotID: 'snapshot-1', type: 'ebs', availabilityZone: 'us-east-2', IOPS: '1000 mbps', result: 'succeeded' } },
    ],
  ])('%s', (_name, details, expected) => {
    expect(structuredNativeSnapshots(details, [native])).toEqual(expected);
  });
});

const csi = (n: number, overrides: Partial<BackupVolumeInfo>): BackupVolumeInfo => ({
  backupMethod: 'CSISnapshot',
  pvcNamespace: `pvc-ns-${n}`,
  pvcName: `pvc-${n}`,
  snapshotDataMoved: false,
  preserveLocalSnapshot: false,
  skipped: false,
  ...overrides,
});
const local = (n: number, result?: 'succeeded') =>
  csi(n, {
    preserveLocalSnapshot: true,
    ...(result ? { result } : {}),
    csiSnapshotInfo: {
      snapshotHandle: `snapshot-${n}`,
      size: 1024,
      driver: 'fake-driver',
      vscName: `vsc-${n}`,
      operationID: `fake-operation-${n}`,
    },
  });
const moved = (n: number, dataMover: string, result?: 'succeeded' | 'failed') =>
  csi(n, {
    snapshotDataMoved: true,
    ...(result ? { result } : {}),
    snapshotDataMovementInfo: {
      dataMover,
      uploaderType: 'fake-uploader',
      snapshotHandle: `fake-repo-id-${n}`,
      operationID: `fake-operation-${n}`,
      size: 0,
    },
  });

describe('structured backup describer - CSI snapshots (TestDescribeCSISnapshotsInSF)', () => {
  it.each([
    ['empty info, not legacy', [], false, false, '<none included>'],
    ['empty info, legacy', [], false, true, '<none included or not detectable>'],
    [
      'no details, local snapshot',
      [local(1)],
      false,
      false,
      { 'pvc-ns-1/pvc-1': { snapshot: 'included, specify --details for more information' } },
    ],
    [
      'details, local snapshot',
      [local(2, 'succeeded')],
      true,
      false,
      {
        'pvc-ns-2/pvc-2': {
          snapshot: {
            operationID: 'fake-operation-2',
            snapshotContentName: 'vsc-2',
            storageSnapshotID: 'snapshot-2',
            'snapshotSize(bytes)': 1024,
            csiDriver: 'fake-driver',
            result: 'succeeded',
          },
        },
      },
    ],
    [
      'no details, data movement',
      [moved(3, 'velero')],
      false,
      false,
      { 'pvc-ns-3/pvc-3': { dataMovement: 'included, specify --details for more information' } },
    ],
    [
      'details, data movement',
      [moved(4, 'velero', 'succeeded')],
      true,
      false,
      {
        'pvc-ns-4/pvc-4': {
          dataMovement: { operationID: 'fake-operation-4', dataMover: 'velero', uploaderType: 'fake-uploader', result: 'succeeded' },
        },
      },
    ],
    [
      'details, data movement, data mover is empty',
      [moved(4, '', 'failed')],
      true,
      false,
      {
        'pvc-ns-4/pvc-4': {
          dataMovement: { operationID: 'fake-operation-4', dataMover: 'velero', uploaderType: 'fake-uploader', result: 'failed' },
        },
      },
    ],
    [
      'details, data movement with sizes',
      [
        csi(5, {
          snapshotDataMoved: true,
          snapshotDataMovementInfo: {
            dataMover: '',
            uploaderType: 'kopia',
            snapshotHandle: 'h',
            operationID: '',
            size: 2048,
            incrementalSize: 0,
          },
        }),
      ],
      true,
      false,
      {
        'pvc-ns-5/pvc-5': {
          dataMovement: { operationID: '', dataMover: 'velero', uploaderType: 'kopia', result: '', size: 2048, incrementalSize: 0 },
        },
      },
    ],
  ])('%s', (_name, infos, details, legacy, expected) => {
    expect(structuredCsiSnapshots(details, infos, legacy)).toEqual(expected);
  });
});
