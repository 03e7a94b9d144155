import type { Backup, DataUpload, VolumeSnapshot, VolumeSnapshotClass, VolumeSnapshotContent } from '@ferry/api';
import { aBackup } from '@ferry/api/testing';
import { finalizedTarballUpdate } from './finalized-tarball-entries';
import { finalizedVolumeItems } from './finalized-volume-items';

const backupOf = (snapshotMoveData: boolean): Backup => ({
  ...aBackup(),
  metadata: { name: 'nightly', namespace: 'velero', uid: 'b-uid' },
  spec: { ...aBackup().spec, snapshotMoveData },
});

const upload = (name: string, claim: string): DataUpload => ({
  apiVersion: 'velero.io/v2alpha1',
  kind: 'DataUpload',
  metadata: { name, namespace: 'velero', labels: { 'velero.io/backup-uid': 'b-uid', 'velero.io/pvc-uid': `${claim}-uid` } },
  spec: {
    snapshotType: 'CSI',
    csiSnapshot: { volumeSnapshot: `velero-${claim}-x`, storageClass: 'standard', snapshotClass: 'csi-class', driver: 'csi.a' },
    sourcePVC: claim,
    sourceNamespace: 'app',
    backupStorageLocation: 'default',
    operationTimeout: '10m0s',
  },
  status: { phase: 'Completed', snapshotID: 'k-1', progress: { totalBytes: 100, bytesDone: 100 } },
});

const snapshot = (claim: string, content: string | undefined): VolumeSnapshot => ({
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshot',
  metadata: { name: `velero-${claim}-x`, namespace: 'app', labels: { 'velero.io/backup-name': 'nightly' } },
  spec: { source: { persistentVolumeClaimName: claim }, volumeSnapshotClassName: 'csi-class' },
  ...(content === undefined ? {} : { status: { boundVolumeSnapshotContentName: content, readyToUse: true } }),
});

const content = (name: string, handle: string | undefined): VolumeSnapshotContent => ({
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshotContent',
  metadata: { name },
  spec: {
    deletionPolicy: 'Retain',
    driver: 'csi.a',
    source: { volumeHandle: 'vol-1' },
    volumeSnapshotRef: { namespace: 'app', name: 'velero-data-x' },
  },
  status: handle === undefined ? {} : { snapshotHandle: handle, restoreSize: 2 * 1024 ** 3, readyToUse: true },
});

const snapshotClass = (annotations: Record<string, string> = {}): VolumeSnapshotClass => ({
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshotClass',
  metadata: { name: 'csi-class', annotations },
  driver: 'csi.a',
  deletionPolicy: 'Delete',
});

const empty = { dataUploads: [], snapshots: [], contents: [], classes: [] };

describe('finalizedVolumeItems - moved data (snapshotMoveData)', () => {
  const result = finalizedVolumeItems({
    ...empty,
    backup: backupOf(true),
    dataUploads: [upload('nightly-b2', 'logs'), upload('nightly-a1', 'data')],
    snapshots: [snapshot('data', 'snapcontent-1')],
    contents: [content('snapcontent-1', 'h-1')],
    classes: [snapshotClass()],
  });

  it('holds each DataUpload as read, never the snapshot', () => {
    expect(result.items.map((item) => [item.groupResource, item.version, item.namespace, item.name])).toEqual([
      ['datauploads.velero.io', 'v2alpha1', 'velero', 'nightly-a1'],
      ['datauploads.velero.io', 'v2alpha1', 'velero', 'nightly-b2'],
    ]);
    expect(result.items[0]?.object).toEqual(upload('nightly-a1', 'data'));
  });

  it('relabels each uploaded claim with its snapshot and DataUpload', () => {
    expect([...result.claims]).toEqual([
      ['app/logs', { volumeSnapshotName: 'velero-logs-x', dataUpload: 'velero/nightly-b2' }],
      ['app/data', { volumeSnapshotName: 'velero-data-x', dataUpload: 'velero/nightly-a1' }],
    ]);
  });

  it('adds nothing to the resource list (Velero writes it before finalizing)', () => {
    expect(result.resourceListAdditions).toEqual({});
  });
});

describe('finalizedVolumeItems - kept snapshots', () => {
  const result = finalizedVolumeItems({
    ...empty,
    backup: backupOf(false),
    snapshots: [snapshot('data', 'snapcontent-1'), snapshot('pending', 'snapcontent-2'), snapshot('unbound', undefined)],
    contents: [content('snapcontent-1', 'h-1'), content('snapcontent-2', undefined)],
    classes: [
      snapshotClass({
        'csi.storage.k8s.io/snapshotter-list-secret-name': 's',
        'csi.storage.k8s.io/snapshotter-list-secret-namespace': 'ns',
      }),
    ],
  });

  it('holds the ready snapshot with the annotations of Velero VolumeSnapshot action, its content and class', () => {
    const [vsClass, vsc, vs] = result.items;
    expect(result.items.map((item) => `${item.groupResource} ${item.name}`)).toEqual([
      'volumesnapshotclasses.snapshot.storage.k8s.io csi-class',
      'volumesnapshotcontents.snapshot.storage.k8s.io snapcontent-1',
      'volumesnapshots.snapshot.storage.k8s.io velero-data-x',
    ]);
    expect(vs?.object['metadata']).toEqual({
      name: 'velero-data-x',
      namespace: 'app',
      labels: { 'velero.io/backup-name': 'nightly' },
      annotations: {
        'velero.io/csi-vsc-deletion-policy': 'Retain',
        'velero.io/csi-volumesnapshot-handle': 'h-1',
        'velero.io/csi-driver-name': 'csi.a',
        'velero.io/csi-volumesnapshot-restore-size': '2Gi',
      },
    });
    expect((vsc?.object['metadata'] as { labels: unknown }).labels).toEqual({ 'velero.io/backup-name': 'nightly' });
    expect(
      (vsClass?.object['metadata'] as { annotations: Record<string, string> }).annotations[
        'backup.velero.io/must-include-additional-items'
      ],
    ).toBe('true');
  });

  it('relabels the claim with the snapshot and its restore size', () => {
    expect([...result.claims]).toEqual([['app/data', { volumeSnapshotName: 'velero-data-x', restoreSize: 2 * 1024 ** 3 }]]);
  });

  it('lists the three kinds as Velero backed them up during the item backup', () => {
    expect(result.resourceListAdditions).toEqual({
      'snapshot.storage.k8s.io/v1/VolumeSnapshot': ['app/velero-data-x'],
      'snapshot.storage.k8s.io/v1/VolumeSnapshotContent': ['snapcontent-1'],
      'snapshot.storage.k8s.io/v1/VolumeSnapshotClass': ['csi-class'],
    });
  });
});

describe('finalizedTarballUpdate - entries at their §9 paths', () => {
  const volumes = finalizedVolumeItems({ ...empty, backup: backupOf(true), dataUploads: [upload('nightly-a1', 'data')] });
  const update = finalizedTarballUpdate(volumes, 'nightly');

  it('puts each item at its legacy and preferred-version path with the same body', () => {
    expect([...update.put.keys()]).toEqual([
      'resources/datauploads.velero.io/namespaces/velero/nightly-a1.json',
      'resources/datauploads.velero.io/v2alpha1-preferredversion/namespaces/velero/nightly-a1.json',
    ]);
    const [legacy, preferred] = [...update.put.values()];
    expect(preferred).toBe(legacy);
    expect(JSON.parse(legacy?.toString() ?? '')).toEqual(upload('nightly-a1', 'data'));
  });

  it('patches both entries of the claim; a body that is not JSON stays as it was', () => {
    expect([...update.patch.keys()]).toEqual([
      'resources/persistentvolumeclaims/namespaces/app/data.json',
      'resources/persistentvolumeclaims/v1-preferredversion/namespaces/app/data.json',
    ]);
    const patch = update.patch.get('resources/persistentvolumeclaims/namespaces/app/data.json');
    const patched = patch?.(Buffer.from('{"metadata":{"name":"data","namespace":"app"},"spec":{}}')).toString();
    expect(patched).toBe(
      '{"metadata":{"annotations":{"backup.velero.io/must-include-additional-items":"true","velero.io/data-upload-name":"velero/nightly-a1","velero.io/volume-snapshot-name":"velero-data-x"},' +
        '"labels":{"velero.io/backup-name":"nightly","velero.io/volume-snapshot-name":"velero-data-x"},"name":"data","namespace":"app"},"spec":{}}',
    );
    const garbage = Buffer.from('not json');
    expect(patch?.(garbage)).toBe(garbage);
  });
});
