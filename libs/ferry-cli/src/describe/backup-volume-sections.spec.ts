import type { BackupVolumeInfo, PodVolumeBackup, VolumeSnapshot, VolumeSnapshotContent } from '@ferry/api';
import { describeBackupVolumes, type LegacyVolumeSources } from './backup-volume-sections';
import { Describer } from './describer';
import { fetchedOk, type Fetched } from './fetched-document';
import { legacyCsiVolumeInfos, legacyNativeVolumeInfos } from './legacy-volume-infos';

function volumes(infos: Fetched<BackupVolumeInfo[]>, details: boolean, pvbs: PodVolumeBackup[] = [], legacy?: LegacyVolumeSources): string {
  const d = new Describer();
  describeBackupVolumes(d, details, infos, legacy, pvbs);
  return d.render();
}

const noPodVolumes = '  Pod Volume Backups: <none included>\n';
const noNative = '  Velero-Native Snapshots: <none included>\n';
const noCsi = '  CSI Snapshots: <none included>\n';
const section = (native: string, csi: string, pods = noPodVolumes) => `Backup Volumes:\n${native}\n${csi}\n${pods}`;

const base = { snapshotDataMoved: false, preserveLocalSnapshot: false, skipped: false } as const;
const native: BackupVolumeInfo = {
  ...base,
  backupMethod: 'NativeSnapshot',
  pvName: 'pv-1',
  result: 'succeeded',
  nativeSnapshotInfo: { snapshotHandle: 'snapshot-1', volumeType: 'ebs', volumeAZ: 'us-east-2', iops: '1000 mbps' },
};
const local: BackupVolumeInfo = {
  ...base,
  backupMethod: 'CSISnapshot',
  pvcNamespace: 'pvc-ns-2',
  pvcName: 'pvc-2',
  preserveLocalSnapshot: true,
  result: 'succeeded',
  csiSnapshotInfo: { snapshotHandle: 'snapshot-2', size: 1024, driver: 'fake-driver', vscName: 'vsc-2', operationID: 'fake-operation-2' },
};
const moved: BackupVolumeInfo = {
  ...base,
  backupMethod: 'CSISnapshot',
  pvcNamespace: 'pvc-ns-5',
  pvcName: 'pvc-5',
  result: 'failed',
  snapshotDataMoved: true,
  snapshotDataMovementInfo: {
    dataMover: '',
    uploaderType: 'fake-uploader',
    snapshotHandle: 'fake-repo-id-5',
    operationID: 'fake-operation-5',
    size: 100,
    incrementalSize: 50,
  },
};
const pvb = (name: string, volume: string, phase: string): PodVolumeBackup => ({
  apiVersion: 'velero.io/v1',
  kind: 'PodVolumeBackup',
  metadata: { name },
  spec: {
    node: '',
    pod: { namespace: 'pod-ns-1', name },
    volume,
    backupStorageLocation: 'bsl-1',
    repoIdentifier: '',
    uploaderType: 'kopia',
  },
  status: { phase: phase as never },
});

// Expected texts are Velero's own (pkg/cmd/util/output/backup_describer_test.go), inside the section.
describe('backup volume sections - as Velero prints them', () => {
  it.each([
    [
      'native, no details',
      [native],
      false,
      section('  Velero-Native Snapshots:\n    pv-1: specify --details for more information\n', noCsi),
    ],
    [
      'native, details',
      [native],
      true,
      section(
        '  Velero-Native Snapshots:\n    pv-1:\n      Snapshot ID:        snapshot-1\n      Type:               ebs\n      Availability Zone:  us-east-2\n      IOPS:               1000 mbps\n      Result:             succeeded\n',
        noCsi,
      ),
    ],
    [
      'local snapshot, no details',
      [local],
      false,
      section(noNative, '  CSI Snapshots:\n    pvc-ns-2/pvc-2:\n      Snapshot: included, specify --details for more information\n'),
    ],
    [
      'local snapshot, details',
      [local],
      true,
      section(
        noNative,
        '  CSI Snapshots:\n    pvc-ns-2/pvc-2:\n      Snapshot:\n        Operation ID: fake-operation-2\n        Snapshot Content Name: vsc-2\n        Storage Snapshot ID: snapshot-2\n        Snapshot Size (bytes): 1024\n        CSI Driver: fake-driver\n        Result: succeeded\n',
      ),
    ],
    [
      'data movement with an empty data mover, details',
      [moved],
      true,
      section(
        noNative,
        '  CSI Snapshots:\n    pvc-ns-5/pvc-5:\n      Data Movement:\n        Operation ID: fake-operation-5\n        Data Mover: velero\n        Uploader Type: fake-uploader\n        Moved data Size (bytes): 100\n        Incremental data Size (bytes): 50\n        Result: failed\n',
      ),
    ],
  ])('%s', (_name, infos, details, expected) => {
    expect(volumes(fetchedOk(infos), details)).toBe(expected);
  });

  it('groups pod volume backups by phase in Velero order', () => {
    const pvbs = [
      pvb('pod-1', 'vol-1', 'Completed'),
      pvb('pod-3', 'vol-3', 'Failed'),
      pvb('pod-5', 'vol-5', 'InProgress'),
      pvb('pod-4', 'vol-4', 'Canceled'),
      pvb('pod-2', 'vol-2', 'Completed'),
    ];
    expect(volumes(fetchedOk([]), false, pvbs)).toBe(
      section(
        noNative,
        noCsi,
        '  Pod Volume Backups - kopia (specify --details for more information):\n    Completed:    2\n    Failed:       1\n    Canceled:     1\n    In Progress:  1\n',
      ),
    );
    expect(volumes(fetchedOk([]), true, pvbs)).toBe(
      section(
        noNative,
        noCsi,
        '  Pod Volume Backups - kopia:\n    Completed:\n      pod-ns-1/pod-1: vol-1\n      pod-ns-1/pod-2: vol-2\n    Failed:\n      pod-ns-1/pod-3: vol-3\n    Canceled:\n      pod-ns-1/pod-4: vol-4\n    In Progress:\n      pod-ns-1/pod-5: vol-5\n',
      ),
    );
  });
});

describe('backup volume sections - backups without volume info (legacy sources)', () => {
  const snapshot: VolumeSnapshot = {
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshot',
    metadata: { name: 'vs-1', namespace: 'app' },
    spec: { source: { persistentVolumeClaimName: 'db' } },
    status: { boundVolumeSnapshotContentName: 'vsc-1' },
  };
  const content = (name: string): VolumeSnapshotContent => ({
    apiVersion: 'snapshot.storage.k8s.io/v1',
    kind: 'VolumeSnapshotContent',
    metadata: { name },
    spec: { driver: 'hostpath.csi', deletionPolicy: 'Retain', source: {}, volumeSnapshotRef: {} },
    status: { snapshotHandle: `handle-${name}`, restoreSize: 2048 },
  });

  it('prints the snapshots concluded from the legacy files with the "not detectable" wording', () => {
    const legacy: LegacyVolumeSources = {
      native: fetchedOk(
        legacyNativeVolumeInfos([
          {
            spec: { persistentVolumeName: 'pv-9', volumeType: 'gp2', volumeAZ: 'z', volumeIOPS: 300 },
            status: { providerSnapshotID: 'snap-9' },
          },
        ]),
      ),
      csi: fetchedOk(legacyCsiVolumeInfos([snapshot], [content('vsc-1'), content('vsc-2')])),
    };
    expect(volumes({ state: 'not-found' }, true, [], legacy)).toBe(
      section(
        '  Velero-Native Snapshots:\n    pv-9:\n      Snapshot ID:        snap-9\n      Type:               gp2\n      Availability Zone:  z\n      IOPS:               300\n      Result:             \n',
        '  CSI Snapshots:\n    app/db:\n      Snapshot:\n        Snapshot Content Name: vsc-1\n        Storage Snapshot ID: handle-vsc-1\n        Snapshot Size (bytes): 2048\n        CSI Driver: hostpath.csi\n        Result: \n    /<PVC name not found>:\n      Snapshot:\n        Snapshot Content Name: vsc-2\n        Storage Snapshot ID: handle-vsc-2\n        Snapshot Size (bytes): 2048\n        CSI Driver: hostpath.csi\n        Result: \n',
      ),
    );
    expect(volumes({ state: 'not-found' }, false)).toBe(section(noNative, '  CSI Snapshots: <none included or not detectable>\n'));
  });

  it('says why a legacy source could not be concluded', () => {
    const legacy: LegacyVolumeSources = {
      native: fetchedOk([]),
      csi: { state: 'error', message: 'error to download vs list: file not found' },
    };
    expect(volumes({ state: 'not-found' }, false, [], legacy)).toBe(
      'Backup Volumes:\n  <error concluding CSI snapshot info: error to download vs list: file not found>\n',
    );
  });
});
