import type { Restore } from '@ferry/api';
import { dataDownloadFor, dataUploadResultConfigMap, dataUploadResultSelector, readDataUploadResult } from './data-movement-restore';

const dataUpload = {
  apiVersion: 'velero.io/v2alpha1',
  kind: 'DataUpload',
  metadata: { name: 'b1-xyz', namespace: 'velero' },
  spec: { sourceNamespace: 'app', sourcePVC: 'data', datamover: 'velero', snapshotType: 'CSI' },
  status: { phase: 'Completed', snapshotID: 'snap-1', progress: { totalBytes: 4096, bytesDone: 4096 }, nodeOS: 'linux' },
};
const restore: Restore = {
  apiVersion: 'velero.io/v1',
  kind: 'Restore',
  metadata: { name: 'r1', namespace: 'velero', uid: 'r-uid' },
  spec: { backupName: 'b1', uploaderConfig: { writeSparseFiles: true } },
};

describe('DataUploadResult hand-off (velero dataupload_retrieve_action.go, csi/pvc_action.go)', () => {
  const configMap = dataUploadResultConfigMap(dataUpload, { restoreUid: 'r-uid', restoreNamespace: 'velero', storageLocation: 'default' });

  it('records the DataUpload as Velero’s DataUploadResult under the restore UID', () => {
    expect(configMap).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        generateName: 'b1-xyz-',
        namespace: 'velero',
        labels: { 'velero.io/restore-uid': 'r-uid', 'velero.io/pvc-namespace-name': 'app.data', 'velero.io/resource-usage': 'DataUpload' },
      },
      data: {
        'r-uid':
          '{"backupStorageLocation":"default","datamover":"velero","snapshotID":"snap-1","sourceNamespace":"app","nodeOS":"linux","snapshotSize":4096}',
      },
    });
  });

  it('is read back through its selector', () => {
    const selector = dataUploadResultSelector('r-uid', 'app', 'data');
    expect(selector).toBe('velero.io/pvc-namespace-name=app.data,velero.io/restore-uid=r-uid,velero.io/resource-usage=DataUpload');
    expect(readDataUploadResult([configMap], 'r-uid', selector).snapshotID).toBe('snap-1');
  });

  it.each<[string, Record<string, unknown>[], RegExp]>([
    ['none', [], /^no DataUpload result cm found with labels /],
    ['two', [configMap, configMap], /^multiple DataUpload result cms found with labels /],
    ['another restore’s key', [{ data: { other: '{}' } }], /^no DataUpload result found with restore key r-uid/],
    ['bad JSON', [{ data: { 'r-uid': '{' } }], /^error to unmarshal DataUploadResult/],
  ])('fails with Velero’s message for %s', (_name, found, message) => {
    expect(() => readDataUploadResult(found, 'r-uid', 'sel')).toThrow(message);
  });

  it('builds the DataDownload as Velero’s newDataDownload', () => {
    const result = readDataUploadResult([configMap], 'r-uid', 'sel');
    expect(
      dataDownloadFor({
        restore,
        result,
        claimName: 'data',
        targetNamespace: 'app2',
        operationId: 'dd-r-uid.pvc',
        operationTimeout: '10m0s',
      }),
    ).toEqual({
      apiVersion: 'velero.io/v2alpha1',
      kind: 'DataDownload',
      metadata: {
        namespace: 'velero',
        generateName: 'r1-',
        ownerReferences: [{ apiVersion: 'velero.io/v1', kind: 'Restore', name: 'r1', uid: 'r-uid', controller: true }],
        labels: { 'velero.io/restore-name': 'r1', 'velero.io/restore-uid': 'r-uid', 'velero.io/async-operation-id': 'dd-r-uid.pvc' },
      },
      spec: {
        targetVolume: { pvc: 'data', pv: '', namespace: 'app2' },
        backupStorageLocation: 'default',
        datamover: 'velero',
        snapshotID: 'snap-1',
        snapshotSize: 4096,
        sourceNamespace: 'app',
        operationTimeout: '10m0s',
        nodeOS: 'linux',
        dataMoverConfig: { WriteSparseFiles: 'true' },
      },
    });
  });
});
