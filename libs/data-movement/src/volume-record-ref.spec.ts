import { VeleroLabel, type DataDownload, type DataUpload, type PodVolumeBackup } from '@ferry/api';
import { volumeRecordRefOf } from './volume-record-ref';

const backupLabels = { [VeleroLabel.BackupName]: 'nightly', [VeleroLabel.BackupUid]: 'b-uid' };

describe('volume record ref - the run and volume of a job', () => {
  it('a DataUpload: the backup from its labels, the source claim', () => {
    const du: DataUpload = {
      metadata: { namespace: 'velero', name: 'nightly-x1', labels: backupLabels },
      spec: { sourceNamespace: 'shop', sourcePVC: 'data' },
    } as unknown as DataUpload;
    expect(volumeRecordRefOf({ ...du, kind: 'DataUpload' })).toEqual({
      target: { kind: 'backup', namespace: 'velero', name: 'nightly', uid: 'b-uid' },
      volumeKey: 'claim:shop/data',
      claim: { namespace: 'shop', name: 'data' },
    });
  });

  it('a DataDownload: the restore from its labels, the target claim', () => {
    const dd = {
      metadata: { namespace: 'velero', name: 'r-x1', labels: { [VeleroLabel.RestoreName]: 'r', [VeleroLabel.RestoreUid]: 'r-uid' } },
      spec: { targetVolume: { namespace: 'shop-copy', pvc: 'data', pv: '' } },
    } as unknown as DataDownload;
    expect(volumeRecordRefOf({ ...dd, kind: 'DataDownload' })).toEqual({
      target: { kind: 'restore', namespace: 'velero', name: 'r', uid: 'r-uid' },
      volumeKey: 'download:shop-copy/data',
      claim: { namespace: 'shop-copy', name: 'data' },
    });
  });

  it('a PodVolumeBackup: the owner Backup over truncated labels, the pod volume and the claim found', () => {
    const long = 'a'.repeat(70);
    const pvb = {
      metadata: {
        namespace: 'velero',
        name: 'p1',
        labels: { ...backupLabels, [VeleroLabel.BackupName]: long.slice(0, 63) },
        ownerReferences: [{ apiVersion: 'velero.io/v1', kind: 'Backup', name: long, uid: 'b-uid' }],
      },
      spec: { pod: { namespace: 'shop', name: 'web' }, volume: 'logs' },
    } as unknown as PodVolumeBackup;
    expect(volumeRecordRefOf({ ...pvb, kind: 'PodVolumeBackup' }, 'logs-claim')).toEqual({
      target: { kind: 'backup', namespace: 'velero', name: long, uid: 'b-uid' },
      volumeKey: 'pod:shop/web/logs',
      claim: { namespace: 'shop', name: 'logs-claim' },
    });
  });

  it('a resource naming no run has none', () => {
    const du = {
      metadata: { namespace: 'velero', name: 'by-hand' },
      spec: { sourceNamespace: 'shop', sourcePVC: 'data' },
    } as unknown as DataUpload;
    expect(volumeRecordRefOf({ ...du, kind: 'DataUpload' })).toBeUndefined();
  });
});
