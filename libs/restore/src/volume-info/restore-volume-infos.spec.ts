import { restoreVolumeInfosSchema, type RestoreVolumeInfo } from '@ferry/api';
import { encodeRestoreVolumeInfos } from '@ferry/backup';
import type { DataDownloadFacts, PodVolumeRestoreFacts, RestoredClaim, RestoreVolumeInfoInputs } from './restore-volume-info-inputs';
import { restoreVolumeInfos } from './restore-volume-infos';

// Builders; each case states only what it is about.
const inputs = (over: Partial<RestoreVolumeInfoInputs> = {}): RestoreVolumeInfoInputs => ({
  claims: [],
  podVolumeRestores: [],
  nativeSnapshots: [],
  dataDownloads: [],
  ...over,
});
const bound = (name: string, volume: string, namespace = 'testNS'): RestoredClaim => ({ namespace, name, boundVolume: volume });
const testPod = { namespace: 'testNS', name: 'testPod' };
const pvr = (over: Partial<PodVolumeRestoreFacts> = {}): PodVolumeRestoreFacts => ({
  pod: testPod,
  volume: 'data-volume-1',
  uploaderType: 'kopia',
  snapshotId: 'pvr-snap-001',
  podVolumes: [{ name: 'data-volume-1', persistentVolumeClaim: { claimName: 'testPVC2' } }],
  ...over,
});
const dd = (pvc: string, n: string, over: Partial<DataDownloadFacts> = {}): DataDownloadFacts => ({
  targetVolume: { namespace: 'testNS', pvc },
  snapshotId: `dd-snap-00${n}`,
  operationId: `dd-operation-00${n}`,
  ...over,
});
const csiSnapshot = {
  annotations: { 'velero.io/csi-volumesnapshot-handle': 'csi-snap-001', 'velero.io/csi-driver-name': 'test-csi-driver' },
  volumeSnapshotContentName: 'test-vsc-001',
  restoreSize: '1Gi',
};

// Velero's pvrInfo for the PVR above (TestRestoreVolumeInfoResult's expectation).
const pvrEntry: RestoreVolumeInfo = {
  pvcName: 'testPVC2',
  pvcNamespace: 'testNS',
  pvName: 'testPV2',
  restoreMethod: 'PodVolumeRestore',
  snapshotDataMoved: false,
  pvrInfo: {
    snapshotHandle: 'pvr-snap-001',
    podName: 'testPod',
    podNamespace: 'testNS',
    uploaderType: 'kopia',
    volumeName: 'data-volume-1',
  },
};
const movedEntry = (pvc: string, pv: string | undefined, n: string, dataMover = 'velero'): RestoreVolumeInfo => ({
  pvcName: pvc,
  pvcNamespace: 'testNS',
  pvName: pv,
  restoreMethod: 'CSISnapshot',
  snapshotDataMoved: true,
  snapshotDataMovementInfo: {
    dataMover,
    uploaderType: 'kopia',
    snapshotHandle: `dd-snap-00${n}`,
    operationID: `dd-operation-00${n}`,
    size: 0,
  },
});

const claims = [bound('testPVC', 'testPV'), bound('testPVC2', 'testPV2')];

type Row = [string, RestoreVolumeInfoInputs, RestoreVolumeInfo[]];

describe('restore volume info - entries as Velero generates them', () => {
  // The first four rows are velero's TestRestoreVolumeInfoResult table.
  it.each<Row>([
    ['empty', inputs(), []],
    [
      'native snapshot and podvolumes',
      inputs({
        claims,
        podVolumeRestores: [pvr()],
        nativeSnapshots: [{ pvName: 'testPV', snapshotHandle: 'snap-001', volumeType: 'ebs', volumeAZ: 'us-west-1', iops: 10000 }],
      }),
      [
        pvrEntry,
        {
          pvcName: 'testPVC',
          pvcNamespace: 'testNS',
          pvName: 'testPV',
          restoreMethod: 'NativeSnapshot',
          snapshotDataMoved: false,
          nativeSnapshotInfo: { snapshotHandle: 'snap-001', volumeType: 'ebs', volumeAZ: 'us-west-1', iops: '10000' },
        },
      ],
    ],
    [
      'CSI snapshot without datamovement and podvolumes',
      inputs({
        claims: [{ ...bound('testPVC', 'testPV'), snapshot: csiSnapshot }, bound('testPVC2', 'testPV2')],
        podVolumeRestores: [pvr()],
      }),
      [
        pvrEntry,
        {
          pvcName: 'testPVC',
          pvcNamespace: 'testNS',
          pvName: 'testPV',
          restoreMethod: 'CSISnapshot',
          snapshotDataMoved: false,
          csiSnapshotInfo: { snapshotHandle: 'csi-snap-001', vscName: 'test-vsc-001', size: 1073741824, driver: 'test-csi-driver' },
        },
      ],
    ],
    [
      'CSI snapshot with datamovement',
      inputs({ claims, dataDownloads: [dd('testPVC', '1'), dd('testPVC2', '2')] }),
      [movedEntry('testPVC', 'testPV', '1'), movedEntry('testPVC2', 'testPV2', '2')],
    ],
    [
      'a PodVolumeRestore whose pod cannot be read, or whose volume is no claim, gives no entry',
      inputs({
        claims,
        podVolumeRestores: [pvr({ podVolumes: undefined }), pvr({ volume: 'scratch', podVolumes: [{ name: 'scratch' }] }), pvr()],
      }),
      [pvrEntry],
    ],
    [
      'a PodVolumeRestore into an unbound claim has no PV; its size is the restored bytes',
      inputs({ podVolumeRestores: [pvr({ totalBytes: 4096, snapshotId: undefined, uploaderType: 'restic' })] }),
      [
        {
          ...pvrEntry,
          pvName: undefined,
          pvrInfo: {
            podName: 'testPod',
            podNamespace: 'testNS',
            uploaderType: 'restic',
            volumeName: 'data-volume-1',
            size: 4096,
            snapshotHandle: undefined,
          },
        },
      ],
    ],
    [
      'a native snapshot without a bound claim names only the PV; iops defaults to "0"',
      inputs({ nativeSnapshots: [{ pvName: 'pv-x', snapshotHandle: 's', volumeType: 'gp3', volumeAZ: 'a' }] }),
      [
        {
          pvcName: undefined,
          pvcNamespace: undefined,
          pvName: 'pv-x',
          restoreMethod: 'NativeSnapshot',
          snapshotDataMoved: false,
          nativeSnapshotInfo: { snapshotHandle: 's', volumeType: 'gp3', volumeAZ: 'a', iops: '0' },
        },
      ],
    ],
    [
      'an unbound claim from a snapshot without annotations or size still carries csiSnapshotInfo',
      inputs({ claims: [{ namespace: 'testNS', name: 'pending', snapshot: {} }] }),
      [
        {
          pvcName: 'pending',
          pvcNamespace: 'testNS',
          pvName: undefined,
          restoreMethod: 'CSISnapshot',
          snapshotDataMoved: false,
          csiSnapshotInfo: { snapshotHandle: '', size: 0, driver: '', vscName: '' },
        },
      ],
    ],
    [
      'a DataDownload whose target is not a bound restored claim keeps its target; a named mover is kept',
      inputs({
        claims,
        dataDownloads: [
          dd('gone', '1', { dataMover: 'ferry' }),
          dd('testPVC', '2', { targetVolume: { namespace: 'testNS', pvc: 'testPVC', pv: 'other' } }),
        ],
      }),
      [movedEntry('gone', undefined, '1', 'ferry'), movedEntry('testPVC', 'other', '2')],
    ],
    ['claims restored without data give no entry', inputs({ claims: [...claims, { namespace: 'testNS', name: 'no-data' }] }), []],
  ])('%s', (_name, given, expected) => {
    expect(restoreVolumeInfos(given)).toEqual(expected);
  });

  it('keeps Velero group order (pod volumes, native, CSI, data moved) whatever the claim order', () => {
    const result = restoreVolumeInfos(
      inputs({
        claims: [{ ...bound('testPVC', 'testPV'), snapshot: csiSnapshot }, bound('testPVC2', 'testPV2')],
        dataDownloads: [dd('testPVC2', '2')],
        nativeSnapshots: [{ pvName: 'pv-n', snapshotHandle: 'n', volumeType: '', volumeAZ: '' }],
        podVolumeRestores: [pvr()],
      }),
    );
    expect(result.map((info) => [info.restoreMethod, info.snapshotDataMoved])).toEqual([
      ['PodVolumeRestore', false],
      ['NativeSnapshot', false],
      ['CSISnapshot', false],
      ['CSISnapshot', true],
    ]);
  });
});

// Printed by Go 1.26's json.Encoder from Velero's RestoreVolumeInfo structs filled with the same data.
const golden =
  '[{"pvcName":"data-fs","pvcNamespace":"app","pvName":"pv-fs","restoreMethod":"PodVolumeRestore","snapshotDataMoved":false,"pvrInfo":{"snapshotHandle":"pvr-snap-\\u003c1\\u003e","size":4096,"uploaderType":"kopia","volumeName":"data","podName":"web-0","podNamespace":"app","Phase":""}},' +
  '{"pvcName":"data-restic","pvcNamespace":"app","restoreMethod":"PodVolumeRestore","snapshotDataMoved":false,"pvrInfo":{"uploaderType":"restic","volumeName":"logs","podName":"web-0","podNamespace":"app","Phase":""}},' +
  '{"pvcName":"data-native","pvcNamespace":"app","pvName":"pv-native","restoreMethod":"NativeSnapshot","snapshotDataMoved":false,"nativeSnapshotInfo":{"snapshotHandle":"snap-001","volumeType":"ebs","volumeAZ":"us-west-1","iops":"10000","Phase":""}},' +
  '{"pvcName":"data-snap","pvcNamespace":"app","pvName":"pv-snap","restoreMethod":"CSISnapshot","snapshotDataMoved":false,"csiSnapshotInfo":{"snapshotHandle":"csi-snap-001","size":1073741824,"driver":"hostpath.csi.k8s.io","vscName":"velero-data-snap-x1","ReadyToUse":null}},' +
  '{"pvcName":"data-move","pvcNamespace":"app","pvName":"pv-move","restoreMethod":"CSISnapshot","snapshotDataMoved":true,"snapshotDataMovementInfo":{"dataMover":"velero","uploaderType":"kopia","snapshotHandle":"dd-snap-001","operationID":"dd-uid1.uid2","size":0,"Phase":""}}]\n';

/** One restore with every kind of volume, as the restore service would collect it. */
const everyKind = (): RestoreVolumeInfoInputs => {
  const web = { namespace: 'app', name: 'web-0' };
  const podVolumes = [
    { name: 'data', persistentVolumeClaim: { claimName: 'data-fs' } },
    { name: 'logs', persistentVolumeClaim: { claimName: 'data-restic' } },
    { name: 'scratch' },
  ];
  const snapshot = {
    annotations: { 'velero.io/csi-volumesnapshot-handle': 'csi-snap-001', 'velero.io/csi-driver-name': 'hostpath.csi.k8s.io' },
    volumeSnapshotContentName: 'velero-data-snap-x1',
    restoreSize: '1Gi',
  };
  return {
    claims: [
      bound('data-fs', 'pv-fs', 'app'),
      { namespace: 'app', name: 'data-restic' },
      bound('data-native', 'pv-native', 'app'),
      { ...bound('data-snap', 'pv-snap', 'app'), snapshot },
      bound('data-move', 'pv-move', 'app'),
      bound('data-empty', 'pv-empty', 'app'),
    ],
    podVolumeRestores: [
      { pod: web, volume: 'data', uploaderType: 'kopia', snapshotId: 'pvr-snap-<1>', totalBytes: 4096, podVolumes },
      { pod: web, volume: 'logs', uploaderType: 'restic', podVolumes },
      { pod: web, volume: 'scratch', uploaderType: 'kopia', snapshotId: 'x', podVolumes },
    ],
    nativeSnapshots: [{ pvName: 'pv-native', snapshotHandle: 'snap-001', volumeType: 'ebs', volumeAZ: 'us-west-1', iops: 10000 }],
    dataDownloads: [{ targetVolume: { namespace: 'app', pvc: 'data-move' }, snapshotId: 'dd-snap-001', operationId: 'dd-uid1.uid2' }],
  };
};

describe('restore volume info - the document Velero writes', () => {
  it('matches Go byte for byte', () => {
    expect(encodeRestoreVolumeInfos(restoreVolumeInfos(everyKind()))).toBe(golden);
  });

  it('is [] without volumes', () => {
    expect(encodeRestoreVolumeInfos([])).toBe('[]\n');
  });

  it('reads back through the RestoreVolumeInfo schema, every entry with its method info', () => {
    const parsed = restoreVolumeInfosSchema.parse(JSON.parse(golden));
    expect(parsed).toHaveLength(5);
    const infoKey = { PodVolumeRestore: 'pvrInfo', NativeSnapshot: 'nativeSnapshotInfo', CSISnapshot: 'csiSnapshotInfo' } as const;
    for (const info of restoreVolumeInfos(everyKind())) {
      const key = info.snapshotDataMoved ? 'snapshotDataMovementInfo' : infoKey[info.restoreMethod ?? 'CSISnapshot'];
      expect(info[key]).toBeDefined();
    }
  });
});
