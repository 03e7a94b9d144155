import { gunzipSync } from 'node:zlib';
import type { RestoreVolumeInfo } from '@ferry/api';
import type { ObjectStore } from '@ferry/object-store';
import { putRestoreVolumeInfo } from './restore-files';

/** A bucket in memory recording the bytes put, or refusing every put. */
function memoryStore(fail = false) {
  const objects = new Map<string, Uint8Array>();
  const store = {
    prefix: 'velero',
    putObject: async (key: string, body: Uint8Array) => {
      if (fail) throw new Error('SlowDown');
      objects.set(key, body);
    },
  } as unknown as ObjectStore;
  return { store, objects };
}

const moved: RestoreVolumeInfo = {
  pvcName: 'data',
  pvcNamespace: 'app',
  pvName: 'pv-2',
  restoreMethod: 'CSISnapshot',
  snapshotDataMoved: true,
  snapshotDataMovementInfo: { dataMover: 'velero', uploaderType: 'kopia', snapshotHandle: 'k1', operationID: 'dd-1.2', size: 0 },
};

describe('putRestoreVolumeInfo - the restore volume info file', () => {
  it('writes <r>-volumeinfo.json.gz (no restore- prefix) gzip-compressed, as Go encodes it', async () => {
    const { store, objects } = memoryStore();
    await expect(putRestoreVolumeInfo(store, 'r1', [moved])).resolves.toBeUndefined();
    expect([...objects.keys()]).toEqual(['velero/restores/r1/r1-volumeinfo.json.gz']);
    const body = objects.get('velero/restores/r1/r1-volumeinfo.json.gz') ?? new Uint8Array();
    expect([body[0], body[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(body).toString()).toBe(
      '[{"pvcName":"data","pvcNamespace":"app","pvName":"pv-2","restoreMethod":"CSISnapshot","snapshotDataMoved":true,' +
        '"snapshotDataMovementInfo":{"dataMover":"velero","uploaderType":"kopia","snapshotHandle":"k1","operationID":"dd-1.2","size":0,"Phase":""}}]\n',
    );
  });

  it('writes [] for a restore without volumes', async () => {
    const { store, objects } = memoryStore();
    await putRestoreVolumeInfo(store, 'r2', []);
    expect(gunzipSync(objects.get('velero/restores/r2/r2-volumeinfo.json.gz') ?? new Uint8Array()).toString()).toBe('[]\n');
  });

  it('resolves with the upload failure instead of rejecting', async () => {
    const { store } = memoryStore(true);
    await expect(putRestoreVolumeInfo(store, 'r3', [])).resolves.toBe('error uploading restored volume info to backup storage: SlowDown');
  });
});
