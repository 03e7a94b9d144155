import { backupVolumeInfosSchema, VolumeInfoMethod, type BackupVolumeInfo, type VolumeResult } from '@ferry/api';
import { backupVolumeInfos, skippedReasonText } from './backup-volume-infos';
import { SkipApproach, VeleroSkipReason, type SkipReason, type VolumeFacts, type VolumeInfoInput } from './volume-info-inputs';
import { encodeBackupVolumeInfos } from './volume-info-json';

// Builders of the four kinds of volume; each test overrides what it is about.
const claim = (name: string) => ({ namespace: 'app', name });

const skipped = (over: Partial<Extract<VolumeInfoInput, { kind: 'skipped' }>> = {}): VolumeInfoInput => ({
  kind: 'skipped',
  claim: claim('data-skip'),
  volume: { name: 'pv-skip', reclaimPolicy: 'Delete', labels: { b: '1', a: '2' } },
  reasons: [
    { approach: '', reason: VeleroSkipReason.ResourcePolicy },
    { approach: SkipApproach.VolumeSnapshot, reason: VeleroSkipReason.PolicyActionSkip },
  ],
  ...over,
});

const csiSnapshot = (): VolumeInfoInput => ({
  kind: 'csi-snapshot',
  claim: claim('data-snap'),
  volume: { name: 'pv-snap', reclaimPolicy: 'Retain' },
  snapshot: {
    volumeSnapshotContentName: 'snapcontent-1',
    restoreSize: '1Gi',
    readyToUse: true,
    creationTime: '2026-12-06T07:00:01Z',
    driver: 'hostpath.csi.k8s.io',
    snapshotHandle: 'h-1',
  },
  operation: { operationId: 'op-1', updated: '2026-12-06T07:00:05Z' },
});

const fsBackup = (): VolumeInfoInput => ({
  kind: 'fs-backup',
  claim: { claim: claim('data-fs'), volume: { name: 'pv-fs', reclaimPolicy: 'Delete', labels: {} } },
  podVolumeBackup: {
    uploaderType: 'kopia',
    volume: 'data',
    pod: { namespace: 'app', name: 'web-0' },
    node: 'node-1',
    phase: 'Completed',
    snapshotId: 'abc',
    totalBytes: 1_048_576,
    incrementalBytes: 0,
    startTimestamp: '2026-12-06T07:00:02Z',
    completionTimestamp: '2026-12-06T07:00:09Z',
  },
});

const emptyDirBackup = (): VolumeInfoInput => ({
  kind: 'fs-backup',
  podVolumeBackup: { uploaderType: 'kopia', volume: 'scratch', pod: { namespace: 'app', name: 'web-0' }, phase: 'Failed' },
});

const dataMovement = (over: Partial<Extract<VolumeInfoInput, { kind: 'data-movement' }>['dataUpload']> = {}): VolumeInfoInput => ({
  kind: 'data-movement',
  claim: claim('data-move'),
  volume: { name: 'pv-move', reclaimPolicy: 'Delete', labels: { '<x>': '&' } },
  operationId: 'du-uid1.uid2',
  dataUpload: {
    driver: 'hostpath.csi.k8s.io',
    volumeSnapshot: 'velero-data-move-abcde',
    dataMover: '',
    phase: 'Completed',
    snapshotId: 'k1',
    totalBytes: 2048,
    incrementalBytes: 1024,
    startTimestamp: '2026-12-06T07:00:03Z',
    completionTimestamp: '2026-12-06T07:01:00Z',
    ...over,
  },
});

// Printed by Go 1.26's json.Encoder from Velero's BackupVolumeInfo structs filled with the same data.
const golden = `[{"pvcName":"data-skip","pvcNamespace":"app","pvName":"pv-skip","snapshotDataMoved":false,"preserveLocalSnapshot":false,"skipped":true,"skippedReason":"any: skipped due to resource policy ;volumeSnapshot: matched action is 'skip' in chosen resource policies;","pvInfo":{"reclaimPolicy":"Delete","labels":{"a":"2","b":"1"}}},{"pvcName":"data-snap","pvcNamespace":"app","pvName":"pv-snap","backupMethod":"CSISnapshot","snapshotDataMoved":false,"preserveLocalSnapshot":true,"skipped":false,"startTimestamp":"2026-12-06T07:00:01Z","completionTimestamp":"2026-12-06T07:00:05Z","result":"succeeded","csiSnapshotInfo":{"snapshotHandle":"h-1","size":1073741824,"driver":"hostpath.csi.k8s.io","vscName":"snapcontent-1","operationID":"op-1","ReadyToUse":true},"pvInfo":{"reclaimPolicy":"Retain","labels":null}},{"pvcName":"data-fs","pvcNamespace":"app","pvName":"pv-fs","backupMethod":"PodVolumeBackup","snapshotDataMoved":false,"preserveLocalSnapshot":false,"skipped":false,"startTimestamp":"2026-12-06T07:00:02Z","completionTimestamp":"2026-12-06T07:00:09Z","result":"succeeded","pvbInfo":{"snapshotHandle":"abc","size":1048576,"uploaderType":"kopia","volumeName":"data","podName":"web-0","podNamespace":"app","nodeName":"node-1","Phase":"Completed"},"pvInfo":{"reclaimPolicy":"Delete","labels":{}}},{"backupMethod":"PodVolumeBackup","snapshotDataMoved":false,"preserveLocalSnapshot":false,"skipped":false,"result":"failed","pvbInfo":{"uploaderType":"kopia","volumeName":"scratch","podName":"web-0","podNamespace":"app","Phase":"Failed"}},{"pvcName":"data-move","pvcNamespace":"app","pvName":"pv-move","backupMethod":"CSISnapshot","snapshotDataMoved":true,"preserveLocalSnapshot":false,"skipped":false,"startTimestamp":"2026-12-06T07:00:03Z","completionTimestamp":"2026-12-06T07:01:00Z","result":"succeeded","csiSnapshotInfo":{"snapshotHandle":"unknown","size":0,"driver":"hostpath.csi.k8s.io","vscName":"unknown","operationID":"unknown","ReadyToUse":null},"snapshotDataMovementInfo":{"dataMover":"velero","uploaderType":"kopia","retainedSnapshot":"velero-data-move-abcde","snapshotHandle":"k1","operationID":"du-uid1.uid2","size":2048,"incrementalSize":1024,"Phase":"Completed"},"pvInfo":{"reclaimPolicy":"Delete","labels":{"\\u003cx\\u003e":"\\u0026"}}}]\n`;

describe('volume info - the document Velero writes', () => {
  it('matches Go byte for byte, in Velero group order whatever the input order', () => {
    const infos = backupVolumeInfos([dataMovement(), fsBackup(), csiSnapshot(), emptyDirBackup(), skipped()]);
    expect(infos.map((info) => info.pvcName ?? info.pvbInfo?.volumeName)).toEqual([
      'data-skip',
      'data-snap',
      'data-fs',
      'scratch',
      'data-move',
    ]);
    expect(encodeBackupVolumeInfos(infos)).toBe(golden);
  });

  it('is [] without volumes', () => {
    expect(encodeBackupVolumeInfos(backupVolumeInfos([]))).toBe('[]\n');
  });

  it('validates against the volume-info schema', () => {
    const text = encodeBackupVolumeInfos(backupVolumeInfos([skipped(), csiSnapshot(), fsBackup(), emptyDirBackup(), dataMovement()]));
    expect(backupVolumeInfosSchema.safeParse(JSON.parse(text)).success).toBe(true);
  });

  it("never writes an entry without its method's info (the describe --details crash)", () => {
    const infos = backupVolumeInfos([skipped(), csiSnapshot(), fsBackup(), emptyDirBackup(), dataMovement()]);
    for (const info of infos) {
      if (info.backupMethod === VolumeInfoMethod.CSISnapshot) expect(info.csiSnapshotInfo).toBeDefined();
      if (info.backupMethod === VolumeInfoMethod.PodVolumeBackup) expect(info.pvbInfo).toBeDefined();
      if (info.snapshotDataMoved) expect(info.snapshotDataMovementInfo).toBeDefined();
    }
  });
});

describe('volume info - entry rules', () => {
  it.each<[string, VolumeInfoInput, Record<string, unknown>]>([
    ['a failed data upload', dataMovement({ phase: 'Failed', snapshotId: undefined }), { result: 'failed' }],
    [
      'a named data mover is kept',
      dataMovement({ dataMover: 'velero-block' }),
      { snapshotDataMovementInfo: expect.objectContaining({ dataMover: 'velero-block', uploaderType: 'kopia' }) },
    ],
    [
      'a snapshot whose operation failed',
      { ...csiSnapshot(), operation: { operationId: 'op-2', error: 'timed out' } } as VolumeInfoInput,
      { result: 'failed', completionTimestamp: undefined },
    ],
    ['a snapshot without an operation has no result', { ...csiSnapshot(), operation: undefined } as VolumeInfoInput, { result: undefined }],
    ['a PV without a claim', skipped({ claim: undefined }), { pvcName: undefined, pvName: 'pv-skip' }],
  ])('%s', (_, input, expected) => {
    expect(backupVolumeInfos([input])[0]).toMatchObject(expected);
  });

  it.each<[string | number | undefined, number]>([
    ['1Gi', 1_073_741_824],
    ['1.5', 2],
    [2048, 2048],
    ['garbage', 0],
    [undefined, 0],
  ])('restoreSize %j is %d bytes (Quantity.Value, rounded up)', (restoreSize, size) => {
    const input = csiSnapshot() as Extract<VolumeInfoInput, { kind: 'csi-snapshot' }>;
    const [info] = backupVolumeInfos([{ ...input, snapshot: { ...input.snapshot, restoreSize } }]);
    expect(info?.csiSnapshotInfo?.size).toBe(size);
  });

  it("drops a skipped volume without any reason or without a PV, as Velero's skip tracker does", () => {
    expect(backupVolumeInfos([skipped({ reasons: [{ approach: SkipApproach.CsiSnapshot, reason: '' }] })])).toEqual([]);
    expect(backupVolumeInfos([skipped({ volume: { name: '' } })])).toEqual([]);
  });
});

describe('volume info - skippedReasonText', () => {
  it.each<[SkipReason[], string]>([
    [[], ''],
    [[{ approach: '', reason: 'x' }], 'any: x;'],
    [
      [
        { approach: SkipApproach.VolumeSnapshot, reason: 'v' },
        { approach: SkipApproach.PodVolume, reason: 'p' },
        { approach: SkipApproach.CsiSnapshot, reason: 'c' },
      ],
      'csiSnapshot: c;podvolume: p;volumeSnapshot: v;',
    ],
    [
      [
        { approach: SkipApproach.Any, reason: 'first' },
        { approach: '', reason: 'last wins' },
      ],
      'any: last wins;',
    ],
  ])('%j', (reasons, text) => {
    expect(skippedReasonText(reasons)).toBe(text);
  });
});

describe("volume info - Velero's generate and update tables, field by field", () => {
  // velero internal/volume TestGenerateVolumeInfoForSkippedPV, ...ForCSIVolumeSnapshot, ...FromPVB,
  // ...FromDataUpload; the result and completion fields are pkg/backup TestUpdateVolumeInfos'.
  const now = '2014-06-05T11:56:45Z';
  const testPVC = { namespace: 'velero', name: 'testPVC' };
  const testPV = { name: 'testPV', reclaimPolicy: 'Delete', labels: { a: 'b' } };
  const pvInfo = { reclaimPolicy: 'Delete', labels: { a: 'b' } };
  const testVS = (over: Partial<Extract<VolumeInfoInput, { kind: 'csi-snapshot' }>['snapshot']> = {}): VolumeInfoInput => ({
    kind: 'csi-snapshot',
    claim: testPVC,
    volume: testPV,
    snapshot: {
      volumeSnapshotContentName: 'testContent',
      restoreSize: '100Gi',
      readyToUse: true,
      creationTime: now,
      driver: 'pd.csi.storage.gke.io',
      snapshotHandle: 'testSnapshotHandle',
      ...over,
    },
    operation: { operationId: 'testID', updated: now },
  });
  const testPVB = (phase: string | undefined, claimed = true): VolumeInfoInput => ({
    kind: 'fs-backup',
    claim: claimed ? { claim: testPVC, volume: testPV } : undefined,
    podVolumeBackup: {
      uploaderType: '',
      volume: '',
      pod: { namespace: 'velero', name: 'testPod' },
      phase,
      startTimestamp: now,
      completionTimestamp: now,
    },
  });
  const testDU = (phase: string, volume: VolumeFacts = testPV): VolumeInfoInput => ({
    kind: 'data-movement',
    claim: testPVC,
    volume,
    operationId: 'testOperation',
    dataUpload: {
      driver: 'pd.csi.storage.gke.io',
      volumeSnapshot: 'vs-01',
      dataMover: 'velero',
      phase,
      snapshotId: 'testSnapshotHandle',
      totalBytes: 1000,
      incrementalBytes: 500,
      startTimestamp: now,
      completionTimestamp: now,
    },
  });
  const pvbEntry = (phase: string, result: VolumeResult): BackupVolumeInfo => ({
    pvcName: 'testPVC',
    pvcNamespace: 'velero',
    pvName: 'testPV',
    backupMethod: 'PodVolumeBackup',
    snapshotDataMoved: false,
    preserveLocalSnapshot: false,
    skipped: false,
    startTimestamp: now,
    completionTimestamp: now,
    result,
    pvbInfo: { podName: 'testPod', podNamespace: 'velero', uploaderType: '', volumeName: '', Phase: phase },
    pvInfo,
  });
  const duEntry = (phase: string, result: VolumeResult): BackupVolumeInfo => ({
    pvcName: 'testPVC',
    pvcNamespace: 'velero',
    pvName: 'testPV',
    backupMethod: 'CSISnapshot',
    snapshotDataMoved: true,
    preserveLocalSnapshot: false,
    skipped: false,
    startTimestamp: now,
    completionTimestamp: now,
    result,
    csiSnapshotInfo: {
      snapshotHandle: 'unknown',
      size: 0,
      driver: 'pd.csi.storage.gke.io',
      vscName: 'unknown',
      operationID: 'unknown',
      ReadyToUse: null,
    },
    snapshotDataMovementInfo: {
      dataMover: 'velero',
      uploaderType: 'kopia',
      retainedSnapshot: 'vs-01',
      snapshotHandle: 'testSnapshotHandle',
      operationID: 'testOperation',
      size: 1000,
      incrementalSize: 500,
      Phase: phase,
    },
    pvInfo,
  });

  it.each<[string, VolumeInfoInput, BackupVolumeInfo[]]>([
    ['skipped - cannot find info for PV', skipped({ volume: { name: '' } }), []],
    [
      'skipped - normal skipped PV info',
      skipped({ claim: testPVC, volume: testPV, reasons: [{ approach: SkipApproach.PodVolume, reason: 'skipped for PodVolumeBackup' }] }),
      [
        {
          pvcName: 'testPVC',
          pvcNamespace: 'velero',
          pvName: 'testPV',
          snapshotDataMoved: false,
          preserveLocalSnapshot: false,
          skipped: true,
          skippedReason: 'podvolume: skipped for PodVolumeBackup;',
          pvInfo,
        },
      ],
    ],
    ["CSI - VS doesn't have status", testVS({ volumeSnapshotContentName: '' }), []],
    ["CSI - VS doesn't have PVC", { ...testVS(), claim: { namespace: 'velero', name: '' } } as VolumeInfoInput, []],
    ['CSI - cannot find VSC for VS', testVS({ driver: '', snapshotHandle: undefined }), []],
    ['CSI - cannot find BackupVolumeInfo for PVC', { ...testVS(), volume: { name: '' } } as VolumeInfoInput, []],
    [
      'CSI - normal VolumeSnapshot case, its operation succeeded',
      testVS(),
      [
        {
          pvcName: 'testPVC',
          pvcNamespace: 'velero',
          pvName: 'testPV',
          backupMethod: 'CSISnapshot',
          snapshotDataMoved: false,
          preserveLocalSnapshot: true,
          skipped: false,
          startTimestamp: now,
          completionTimestamp: now,
          result: 'succeeded',
          csiSnapshotInfo: {
            snapshotHandle: 'testSnapshotHandle',
            size: 107_374_182_400,
            driver: 'pd.csi.storage.gke.io',
            vscName: 'testContent',
            operationID: 'testID',
            ReadyToUse: true,
          },
          pvInfo,
        },
      ],
    ],
    [
      "PVB - PVB doesn't have a related PVC",
      testPVB(undefined, false),
      [
        {
          backupMethod: 'PodVolumeBackup',
          snapshotDataMoved: false,
          preserveLocalSnapshot: false,
          skipped: false,
          startTimestamp: now,
          completionTimestamp: now,
          result: 'failed',
          pvbInfo: { podName: 'testPod', podNamespace: 'velero', uploaderType: '', volumeName: '', Phase: '' },
        },
      ],
    ],
    [
      "PVB - backup doesn't have information for PVC",
      { ...testPVB('Completed'), claim: { claim: testPVC, volume: { name: '' } } } as VolumeInfoInput,
      [],
    ],
    ["PVB - PVB's volume has a PVC with failed phase", testPVB('Failed'), [pvbEntry('Failed', 'failed')]],
    ["PVB - PVB's volume has a PVC", testPVB('Completed'), [pvbEntry('Completed', 'succeeded')]],
    ['DataUpload - cannot find info for PVC', testDU('Completed', { name: '' }), []],
    ['DataUpload - normal DataUpload case, updated', testDU('Completed'), [duEntry('Completed', 'succeeded')]],
    ['DataUpload - update with fail phase', testDU('Failed'), [duEntry('Failed', 'failed')]],
  ])('%s', (_name, input, expected) => {
    expect(backupVolumeInfos([input])).toEqual(expected);
  });
});
