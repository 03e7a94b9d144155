import type { DataUpload } from '@ferry/api';
import { aBackup } from '@ferry/api/testing';
import { backupDataUpload, backupPodVolumeBackup, backupVolumeSnapshot, dataUploadOperationId } from './volume-object-builders';

const backup = (spec: Parameters<typeof aBackup>[0] = {}) => {
  const b = aBackup({ storageLocation: 'default', csiSnapshotTimeout: '', uploaderConfig: null, ...spec });
  return { ...b, metadata: { name: 'nightly', namespace: 'velero', uid: 'b-uid' } };
};
const claim = { namespace: 'app', name: 'data', uid: 'pvc-uid', labels: { app: 'db' }, storageClass: 'standard' };

describe('volume object builders - as Velero creates them', () => {
  it('operation id is du-<backup uid>.<pvc uid>, trimmed to a label value', () => {
    expect(dataUploadOperationId('b-uid', 'pvc-uid')).toBe('du-b-uid.pvc-uid');
    expect(dataUploadOperationId('a'.repeat(40), 'b'.repeat(40))).toHaveLength(63);
  });

  it('volume snapshot: generateName velero-<pvc>-, claim labels plus backup name and uid, class', () => {
    expect(backupVolumeSnapshot(backup(), claim, 'ferry-snapclass')).toEqual({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshot',
      metadata: {
        generateName: 'velero-data-',
        namespace: 'app',
        labels: { app: 'db', 'velero.io/backup-name': 'nightly', 'velero.io/backup-uid': 'b-uid' },
      },
      spec: { source: { persistentVolumeClaimName: 'data' }, volumeSnapshotClassName: 'ferry-snapclass' },
    });
  });

  it('data upload: owner, labels, spec and the defaulted csiSnapshotTimeout as operationTimeout', () => {
    const du = backupDataUpload({
      backup: backup(),
      claim,
      snapshot: { name: 'velero-data-abcde', className: 'ferry-snapclass' },
      driver: 'ferry.csi.local',
      dataMover: 'velero-fs',
    });
    expect(du.metadata).toEqual({
      namespace: 'velero',
      generateName: 'nightly-',
      ownerReferences: [{ apiVersion: 'velero.io/v1', kind: 'Backup', name: 'nightly', uid: 'b-uid', controller: true }],
      labels: {
        'velero.io/backup-name': 'nightly',
        'velero.io/backup-uid': 'b-uid',
        'velero.io/pvc-uid': 'pvc-uid',
        'velero.io/async-operation-id': 'du-b-uid.pvc-uid',
      },
    });
    expect(du.spec).toEqual({
      snapshotType: 'CSI',
      csiSnapshot: {
        volumeSnapshot: 'velero-data-abcde',
        storageClass: 'standard',
        snapshotClass: 'ferry-snapclass',
        driver: 'ferry.csi.local',
      },
      sourcePVC: 'data',
      datamover: 'velero-fs',
      backupStorageLocation: 'default',
      sourceNamespace: 'app',
      operationTimeout: '10m0s',
    });
  });

  it.each([
    ['a set timeout is written as Go prints it', { csiSnapshotTimeout: '5m' }, '5m0s', undefined],
    [
      'parallel files upload goes to dataMoverConfig',
      { uploaderConfig: { parallelFilesUpload: 4 } },
      '10m0s',
      { ParallelFilesUpload: '4' },
    ],
    ['zero parallel files upload is left out', { uploaderConfig: { parallelFilesUpload: 0 } }, '10m0s', undefined],
  ])('data upload: %s', (_, spec, timeout, config) => {
    const du = backupDataUpload({ backup: backup(spec), claim, snapshot: { name: 'vs' }, driver: 'd', dataMover: '' });
    expect(du.spec?.operationTimeout).toBe(timeout);
    expect(du.spec?.dataMoverConfig).toEqual(config);
  });

  // Velero: pkg/backup/actions/csi/pvc_action_test.go TestExecute "Test SnapshotMoveData" (no UIDs,
  // no storage location, a content without driver, no data mover on the Backup).
  it.each<[string, Parameters<typeof backupDataUpload>[0], DataUpload['metadata'], DataUpload['spec']]>([
    [
      'Test SnapshotMoveData: empty datamover and driver left out, snapshotClass kept',
      {
        backup: {
          ...aBackup({ storageLocation: '', csiSnapshotTimeout: '1m', uploaderConfig: null }),
          metadata: { name: 'test', namespace: 'velero' },
        },
        claim: { namespace: 'velero', name: 'testPVC', uid: '', storageClass: 'testSC' },
        snapshot: { name: 'velero-testPVC-x', className: 'testVSClass' },
        driver: '',
        dataMover: '',
      },
      {
        namespace: 'velero',
        generateName: 'test-',
        ownerReferences: [{ apiVersion: 'velero.io/v1', kind: 'Backup', name: 'test', uid: '', controller: true }],
        labels: {
          'velero.io/backup-name': 'test',
          'velero.io/backup-uid': '',
          'velero.io/pvc-uid': '',
          'velero.io/async-operation-id': 'du-.',
        },
      },
      {
        snapshotType: 'CSI',
        csiSnapshot: { volumeSnapshot: 'velero-testPVC-x', storageClass: 'testSC', snapshotClass: 'testVSClass' },
        sourcePVC: 'testPVC',
        backupStorageLocation: '',
        sourceNamespace: 'velero',
        operationTimeout: '1m0s',
      },
    ],
    [
      'a snapshot without class still writes snapshotClass (not omitempty)',
      { backup: backup(), claim, snapshot: { name: 'vs' }, driver: 'd', dataMover: 'velero' },
      {
        namespace: 'velero',
        generateName: 'nightly-',
        ownerReferences: [{ apiVersion: 'velero.io/v1', kind: 'Backup', name: 'nightly', uid: 'b-uid', controller: true }],
        labels: {
          'velero.io/backup-name': 'nightly',
          'velero.io/backup-uid': 'b-uid',
          'velero.io/pvc-uid': 'pvc-uid',
          'velero.io/async-operation-id': 'du-b-uid.pvc-uid',
        },
      },
      {
        snapshotType: 'CSI',
        csiSnapshot: { volumeSnapshot: 'vs', storageClass: 'standard', snapshotClass: '', driver: 'd' },
        sourcePVC: 'data',
        datamover: 'velero',
        backupStorageLocation: 'default',
        sourceNamespace: 'app',
        operationTimeout: '10m0s',
      },
    ],
  ])('data upload as Velero newDataUpload: %s', (_, input, metadata, spec) => {
    expect(backupDataUpload(input)).toEqual({ apiVersion: 'velero.io/v2alpha1', kind: 'DataUpload', metadata, spec });
  });

  it('pod volume backup of a claim: labels, pvc-name annotation, spec and tags', () => {
    const pvb = backupPodVolumeBackup({
      backup: backup(),
      pod: { namespace: 'app', name: 'web-0', uid: 'pod-uid', node: 'node-1' },
      volume: 'data',
      claim: { name: 'data', uid: 'pvc-uid' },
      uploaderType: 'kopia',
    });
    expect(pvb.metadata?.labels).toEqual({
      'velero.io/backup-name': 'nightly',
      'velero.io/backup-uid': 'b-uid',
      'velero.io/pvc-uid': 'pvc-uid',
    });
    expect(pvb.metadata?.annotations).toEqual({ 'velero.io/pvc-name': 'data' });
    expect(pvb.metadata?.generateName).toBe('nightly-');
    expect(pvb.spec).toEqual({
      node: 'node-1',
      pod: { kind: 'Pod', namespace: 'app', name: 'web-0', uid: 'pod-uid' },
      volume: 'data',
      backupStorageLocation: 'default',
      repoIdentifier: '',
      uploaderType: 'kopia',
      tags: {
        backup: 'nightly',
        'backup-uid': 'b-uid',
        pod: 'web-0',
        'pod-uid': 'pod-uid',
        ns: 'app',
        volume: 'data',
        'pvc-uid': 'pvc-uid',
      },
    });
  });

  it('pod volume backup of an emptyDir: no pvc label, annotation or tag; uploaderSettings from uploaderConfig', () => {
    const pvb = backupPodVolumeBackup({
      backup: backup({ uploaderConfig: {} }),
      pod: { namespace: 'app', name: 'web-0', uid: 'pod-uid', node: 'node-1' },
      volume: 'cache',
      uploaderType: 'restic',
    });
    expect(pvb.metadata?.labels).not.toHaveProperty(['velero.io/pvc-uid']);
    expect(pvb.metadata?.annotations).toBeUndefined();
    expect(pvb.spec?.tags).not.toHaveProperty('pvc-uid');
    expect(pvb.spec?.uploaderSettings).toEqual({ ParallelFilesUpload: '0' });
  });
});
