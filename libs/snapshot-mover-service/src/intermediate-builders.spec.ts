import type { VolumeSnapshotContent } from '@ferry/api';
import {
  buildBackupDataUpload,
  buildCloneContent,
  buildRequestSecret,
  buildRestoreDataDownload,
  buildRestoreTarget,
  buildSnapshot,
  ownedSelector,
  type OwnerRef,
} from './intermediate-builders';
import { requestSecretData } from './request-credentials';

const owner: OwnerRef = { kind: 'VolumeSnapshotBackup', namespace: 'app', name: 'vsb-1', uid: 'u-1' };
const ownerLabels = { 'datamover.oadp.openshift.io/owner-uid': 'u-1', 'datamover.oadp.openshift.io/owner-kind': 'VolumeSnapshotBackup' };

const userContent: VolumeSnapshotContent = {
  apiVersion: 'snapshot.storage.k8s.io/v1',
  kind: 'VolumeSnapshotContent',
  metadata: { name: 'snapcontent-1' },
  spec: {
    deletionPolicy: 'Delete',
    driver: 'hostpath.csi.ferry.dev',
    source: { volumeHandle: 'pvc-1' },
    volumeSnapshotClassName: 'ferry-snapclass',
    volumeSnapshotRef: { name: 'snap', namespace: 'app' },
  },
  status: { snapshotHandle: 'snap-handle', readyToUse: true },
};

describe('intermediate builders - objects tied to their owner', () => {
  it('clone content: same handle and driver, Retain, bound to the clone VS in the protected namespace', () => {
    const clone = buildCloneContent(owner, 'vsb-u-1', 'velero', userContent, 'snap-handle');
    expect(clone.metadata?.labels).toEqual(ownerLabels);
    expect(clone.metadata?.annotations).toEqual({ 'datamover.oadp.openshift.io/owner': 'app/vsb-1' });
    expect(clone.spec).toEqual({
      deletionPolicy: 'Retain',
      driver: 'hostpath.csi.ferry.dev',
      source: { snapshotHandle: 'snap-handle' },
      volumeSnapshotClassName: 'ferry-snapclass',
      volumeSnapshotRef: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', name: 'vsb-u-1', namespace: 'velero' },
    });
  });

  it('snapshots: bound to a content or of a claim', () => {
    expect(buildSnapshot(owner, 'n', 'velero', { contentName: 'n' }, 'c').spec).toEqual({
      source: { volumeSnapshotContentName: 'n' },
      volumeSnapshotClassName: 'c',
    });
    expect(buildSnapshot(owner, 'n', 'velero', { claimName: 'p' }).spec).toEqual({ source: { persistentVolumeClaimName: 'p' } });
  });

  it('DataUpload: names the clone, source namespace/PVC of the app, datamover and config with the credentials secret', () => {
    const du = buildBackupDataUpload(owner, {
      name: 'vsb-u-1',
      protectedNamespace: 'velero',
      sourceNamespace: 'app',
      sourcePvc: 'data',
      storageClass: 'standard',
      snapshotClass: 'ferry-snapclass',
      driver: 'd',
      backupStorageLocation: 'default',
      datamover: 'ferry-restic',
      dataMoverConfig: { uploaderType: 'restic' },
      credentialsSecret: 'vsb-u-1-credentials',
    });
    expect(du.metadata).toMatchObject({ name: 'vsb-u-1', namespace: 'velero', labels: ownerLabels });
    expect(du.spec).toEqual({
      snapshotType: 'CSI',
      csiSnapshot: { volumeSnapshot: 'vsb-u-1', storageClass: 'standard', driver: 'd', snapshotClass: 'ferry-snapclass' },
      sourcePVC: 'data',
      sourceNamespace: 'app',
      backupStorageLocation: 'default',
      datamover: 'ferry-restic',
      dataMoverConfig: { uploaderType: 'restic', credentialsSecret: 'vsb-u-1-credentials' },
      operationTimeout: '10m',
    });
  });

  it('restore target: RWO, size, class, a selector on the owner label; DataDownload into it', () => {
    const restoreOwner: OwnerRef = { ...owner, kind: 'VolumeSnapshotRestore' };
    const pvc = buildRestoreTarget(restoreOwner, 'vsr-u-1-data', 'velero', '1Gi', 'standard');
    expect(pvc.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '1Gi' } },
      storageClassName: 'standard',
      selector: { matchLabels: { 'datamover.oadp.openshift.io/owner-uid': 'u-1' } },
    });
    const dd = buildRestoreDataDownload(restoreOwner, {
      name: 'vsr-u-1',
      protectedNamespace: 'velero',
      targetPvc: 'vsr-u-1-data',
      sourceNamespace: 'app',
      snapshotId: 'abc',
      backupStorageLocation: 'default',
      datamover: 'ferry-kopia',
      dataMoverConfig: { uploaderType: 'kopia' },
      credentialsSecret: 's',
    });
    expect(dd.spec).toEqual({
      targetVolume: { pvc: 'vsr-u-1-data', pv: '', namespace: 'velero' },
      backupStorageLocation: 'default',
      datamover: 'ferry-kopia',
      snapshotID: 'abc',
      sourceNamespace: 'app',
      dataMoverConfig: { uploaderType: 'kopia', credentialsSecret: 's' },
      operationTimeout: '10m',
    });
  });

  it('request secret: repository, password and cloud file; owned', () => {
    const secret = buildRequestSecret(
      owner,
      's',
      'velero',
      requestSecretData('s3:http://h/b/kopia/app', { password: 'pw', cloud: '[default]' }),
    );
    expect(secret.metadata?.labels).toEqual(ownerLabels);
    expect(secret.stringData).toEqual({ RESTIC_REPOSITORY: 's3:http://h/b/kopia/app', RESTIC_PASSWORD: 'pw', cloud: '[default]' });
    expect(requestSecretData('r', { password: 'pw' })).toEqual({ RESTIC_REPOSITORY: 'r', RESTIC_PASSWORD: 'pw' });
  });

  it('owned selector', () => {
    expect(ownedSelector('u-1')).toBe('datamover.oadp.openshift.io/owner-uid=u-1');
  });
});
