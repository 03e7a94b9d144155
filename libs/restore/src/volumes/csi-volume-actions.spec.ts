import { createHash } from 'node:crypto';
import {
  csiClaimAction,
  restoredSnapshotName,
  volumeSnapshotAction,
  volumeSnapshotContentAction,
  type CsiClaimContext,
} from './csi-volume-actions';

const backedUpClaim = (annotations: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'app', uid: 'pvc-uid', annotations },
  spec: { volumeName: 'pv-1', storageClassName: 'fast', dataSource: { kind: 'PersistentVolumeClaim', name: 'x' } },
});
const context = (overrides: Partial<CsiClaimContext> = {}): CsiClaimContext => ({
  restoreUid: 'r-uid',
  restorePVs: undefined,
  snapshotMoveData: false,
  targetExists: false,
  randomSuffix: 'abc123',
  targetNamespace: 'app2',
  ...overrides,
});
const specOf = (item: Record<string, unknown>) => item['spec'] as Record<string, unknown>;

describe('csiClaimAction (velero csi/pvc_action.go Execute)', () => {
  it.each<[string, Record<string, string>, Partial<CsiClaimContext>, Record<string, unknown>, boolean]>([
    [
      'restorePVs false: no volume, no data source',
      { 'velero.io/volume-snapshot-name': 'snap' },
      { restorePVs: false },
      { volumeName: '', storageClassName: 'fast' },
      false,
    ],
    [
      'the claim already exists: left as it is',
      { 'velero.io/volume-snapshot-name': 'snap' },
      { targetExists: true },
      backedUpClaim({}).spec,
      false,
    ],
    [
      'CSI snapshot: the restored VolumeSnapshot is the data source',
      { 'velero.io/volume-snapshot-name': 'snap' },
      {},
      {
        volumeName: '',
        storageClassName: 'fast',
        dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: restoredSnapshotName('r-uid', 'snap') },
      },
      false,
    ],
    ['no snapshot and no data movement: unchanged', {}, {}, backedUpClaim({}).spec, false],
    [
      'moved data: a dynamic-pv-restore selector and a DataDownload',
      { 'velero.io/data-upload-name': 'du-1' },
      { snapshotMoveData: true },
      { ...backedUpClaim({}).spec, volumeName: '', selector: { matchLabels: { 'velero.io/dynamic-pv-restore': 'app2.data.abc123' } } },
      true,
    ],
    ['moved data but the claim names no DataUpload: unchanged', {}, { snapshotMoveData: true }, backedUpClaim({}).spec, false],
  ])('%s', (_name, annotations, overrides, expectedSpec, download) => {
    const claim = backedUpClaim(annotations);
    const output = csiClaimAction(claim, claim, context(overrides));
    expect(specOf(output.item)).toEqual(expectedSpec);
    expect(output.dataDownload).toEqual(
      download ? { operationId: 'dd-r-uid.pvc-uid', sourceNamespace: 'app', sourceClaim: 'data' } : undefined,
    );
  });

  it('names the backed-up VolumeSnapshot as an additional item', () => {
    const claim = backedUpClaim({ 'velero.io/volume-snapshot-name': 'snap' });
    expect(csiClaimAction(claim, claim, context()).additionalItems).toEqual([
      { groupResource: 'volumesnapshots.snapshot.storage.k8s.io', namespace: 'app', name: 'snap' },
    ]);
  });
});

describe('restoredSnapshotName (velero util.GenerateSha256FromRestoreUIDAndVsName)', () => {
  it('is the hex sha256 of "<restore uid>/<snapshot>"', () => {
    expect(restoredSnapshotName('u', 's')).toBe(createHash('sha256').update('u/s').digest('hex'));
  });
});

const snapshot = {
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshot',
  metadata: { name: 'snap', namespace: 'app', annotations: { a: 'b' } },
  spec: { source: { persistentVolumeClaimName: 'data' }, volumeSnapshotClassName: 'cls' },
  status: { boundVolumeSnapshotContentName: 'snapcontent-1' },
};
const content = {
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshotContent',
  metadata: { name: 'snapcontent-1' },
  spec: {
    driver: 'hostpath.csi',
    deletionPolicy: 'Delete',
    source: { volumeHandle: 'vol-1' },
    volumeSnapshotClassName: 'old',
    volumeSnapshotRef: { name: 'snap', namespace: 'app', uid: 'x', resourceVersion: '9', kind: 'VolumeSnapshot' },
  },
  status: { snapshotHandle: 'handle-1' },
};
const snapshotContext = (restorePVs?: boolean, snapshotClass?: string) => ({
  restoreUid: 'r-uid',
  restorePVs,
  namespaceMapping: { app: 'app2' },
  snapshotClassOf: (driver: string) => (driver === 'hostpath.csi' ? snapshotClass : undefined),
});

describe('volumeSnapshotAction (velero csi/volumesnapshot_action.go)', () => {
  it('re-creates the snapshot statically from its restored content', () => {
    const output = volumeSnapshotAction(snapshot, snapshot, snapshotContext());
    const name = restoredSnapshotName('r-uid', 'snap');
    expect(output.item).toEqual({
      ...snapshot,
      metadata: { name, namespace: 'app', annotations: { a: 'b', 'velero.io/csi-vsc-deletion-policy': 'Retain' } },
      spec: { source: { volumeSnapshotContentName: name } },
    });
    expect(output.additionalItems).toEqual([
      { groupResource: 'volumesnapshotcontents.snapshot.storage.k8s.io', namespace: '', name: 'snapcontent-1' },
    ]);
  });
  it('skips it when restorePVs is false', () => {
    expect(volumeSnapshotAction(snapshot, snapshot, snapshotContext(false)).skip).toBe(true);
  });
  it('fails without a bound content', () => {
    const unbound = { ...snapshot, status: {} };
    expect(() => volumeSnapshotAction(unbound, unbound, snapshotContext())).toThrow("VS snap doesn't have bound VSC");
  });
});

describe('volumeSnapshotContentAction (velero csi/volumesnapshotcontent_action.go)', () => {
  it.each<[string, string | undefined, Record<string, unknown>]>([
    ['with a class of the driver in the target', 'target-class', { volumeSnapshotClassName: 'target-class' }],
    ['without one: no class', undefined, {}],
  ])('%s', (_name, snapshotClass, classField) => {
    const name = restoredSnapshotName('r-uid', 'snap');
    expect(volumeSnapshotContentAction(content, content, snapshotContext(undefined, snapshotClass)).item).toEqual({
      ...content,
      metadata: { name },
      spec: {
        driver: 'hostpath.csi',
        deletionPolicy: 'Retain',
        source: { snapshotHandle: 'handle-1' },
        volumeSnapshotRef: { name, namespace: 'app2', kind: 'VolumeSnapshot' },
        ...classField,
      },
    });
  });
  it('fails without a snapshot handle', () => {
    const noHandle = { ...content, status: {} };
    expect(() => volumeSnapshotContentAction(noHandle, noHandle, snapshotContext())).toThrow(/fail to get snapshot handle from VSC/);
  });
});
