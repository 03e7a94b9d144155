import { backedUpDataUpload, backedUpPodVolumeBackups, isDataUploadEntry, withStoredObjects } from './backed-up-volume-objects';

const du = {
  apiVersion: 'velero.io/v2alpha1',
  kind: 'DataUpload',
  metadata: { name: 'b1-x7k2p', namespace: 'velero', labels: { 'velero.io/backup-name': 'b1' } },
  spec: { snapshotType: 'CSI', sourcePVC: 'data', sourceNamespace: 'shop', backupStorageLocation: 'default', operationTimeout: '10m0s' },
  status: { phase: 'Completed', snapshotID: 'fe17e5d22d75cc39319ff66ddff08702' },
};

const pvb = {
  apiVersion: 'velero.io/v1',
  kind: 'PodVolumeBackup',
  metadata: { name: 'b1-abcde', namespace: 'velero' },
  spec: {
    node: 'n1',
    pod: { kind: 'Pod', namespace: 'shop', name: 'web-0' },
    volume: 'data',
    backupStorageLocation: 'default',
    repoIdentifier: '',
    uploaderType: 'kopia',
  },
  status: { phase: 'Completed', snapshotID: '2b484171327ea0a3ae63af431dffba42' },
};

describe('backed-up volume objects - DataUploads in the tarball, PodVolumeBackups in their list', () => {
  it.each([
    ['resources/datauploads.velero.io/namespaces/velero/b1-x7k2p.json', true],
    ['./resources/datauploads.velero.io/namespaces/velero/b1-x7k2p.json', true],
    ['resources/datauploads.velero.io/v2alpha1-preferredversion/namespaces/velero/b1-x7k2p.json', false],
    ['resources/persistentvolumeclaims/namespaces/shop/data.json', false],
    ['resources/datauploads.velero.io/cluster/x.json', false],
    ['metadata/version', false],
  ])('%s is a DataUpload entry: %s', (path, expected) => {
    expect(isDataUploadEntry(path)).toBe(expected);
  });

  it('reads a DataUpload entry, and skips what is not one', () => {
    expect(backedUpDataUpload(JSON.stringify(du))?.status?.snapshotID).toBe('fe17e5d22d75cc39319ff66ddff08702');
    expect(backedUpDataUpload('{not json')).toBeUndefined();
    expect(backedUpDataUpload(JSON.stringify({ ...du, spec: { sourcePVC: 7 } }))).toBeUndefined();
  });

  it('reads the PodVolumeBackup list, skipping entries that are not one', () => {
    expect(backedUpPodVolumeBackups(JSON.stringify([pvb, { nope: true }, null])).map((p) => p.metadata?.name)).toEqual(['b1-abcde']);
    expect(backedUpPodVolumeBackups('null')).toEqual([]);
    expect(backedUpPodVolumeBackups('garbage')).toEqual([]);
  });

  it('keeps the cluster’s copy of an object and adds the stored ones it lacks', () => {
    const a = { metadata: { name: 'a' }, from: 'cluster' };
    const stored = [
      { metadata: { name: 'a' }, from: 'bucket' },
      { metadata: { name: 'b' }, from: 'bucket' },
    ];
    expect(withStoredObjects([a], stored)).toEqual([a, { metadata: { name: 'b' }, from: 'bucket' }]);
  });
});
