import { moveJobSchema } from '@ferry/contracts';
import type { DataDownload, DataUpload, PodVolumeBackup, PodVolumeRestore } from '@ferry/api';
import {
  backupRepositoryName,
  dataDownloadMoveJob,
  dataUploadMoveJob,
  podVolumeBackupMoveJob,
  podVolumeRestoreMoveJob,
} from './move-job-builder';

const now = new Date('2025-01-02T03:04:05.000Z');
const volume = { podUid: 'pod-uid', volumeDir: 'pvc-123' };
const meta = (name: string, uid: string, labels?: Record<string, string>) => ({
  name,
  namespace: 'velero',
  uid,
  ...(labels ? { labels } : {}),
});

describe('move job builder - payloads the mover contract accepts', () => {
  it('DataUpload: source ns/pvc, Velero tags with the async operation id, parent snapshot', () => {
    const du: DataUpload = {
      metadata: meta('b-1', 'UID-1', { 'velero.io/async-operation-id': 'du-abc.def' }),
      spec: {
        snapshotType: 'CSI',
        csiSnapshot: { volumeSnapshot: 'vs', storageClass: 'standard' },
        sourcePVC: 'db',
        sourceNamespace: 'shop',
        backupStorageLocation: 'default',
        operationTimeout: '10m',
        parentSnapshot: 'none',
      },
    };
    const job = dataUploadMoveJob(du, { uploader: 'kopia', volume, attempt: 2, now });
    expect(job).toEqual({
      v: 1,
      jobId: 'du-uid-1-r2',
      operation: { kind: 'DataUpload', namespace: 'velero', name: 'b-1' },
      uploader: 'kopia',
      volume,
      repository: { backupStorageLocation: 'default', volumeNamespace: 'shop' },
      requestedAt: now.toISOString(),
      direction: 'backup',
      sourceName: 'shop/db',
      parentSnapshot: 'none',
      tags: {
        'snapshot-requester': 'snapshot-data-upload-download',
        'snapshot-uploader': 'kopia',
        'velero.io/async-operation-id': 'du-abc.def',
      },
    });
    expect(moveJobSchema.safeParse(job).success).toBe(true);
  });

  it('DataDownload: restore of the snapshot from the source namespace repository', () => {
    const dd: DataDownload = {
      metadata: meta('r-1', 'uid-2'),
      spec: {
        targetVolume: { pvc: 'db', pv: '', namespace: 'shop2' },
        backupStorageLocation: 'default',
        snapshotID: 'abc',
        sourceNamespace: 'shop',
        operationTimeout: '10m',
      },
    };
    const job = dataDownloadMoveJob(dd, { uploader: 'restic', volume, attempt: 1, now });
    expect(job).toMatchObject({
      jobId: 'dd-uid-2',
      direction: 'restore',
      snapshotId: 'abc',
      repository: { volumeNamespace: 'shop' },
      uploader: 'restic',
    });
    expect(moveJobSchema.safeParse(job).success).toBe(true);
  });

  it('PodVolumeBackup: source ns/pod/claim, user tags plus pod-volume requester', () => {
    const pvb: PodVolumeBackup = {
      metadata: meta('pvb-1', 'uid-3'),
      spec: {
        node: 'n1',
        pod: { namespace: 'shop', name: 'web' },
        volume: 'data',
        backupStorageLocation: 'default',
        repoIdentifier: '',
        tags: { backup: 'b1' },
      },
    };
    const job = podVolumeBackupMoveJob(pvb, { uploader: 'kopia', volume, attempt: 1, now, claimName: 'web-data' });
    expect(job).toMatchObject({
      jobId: 'pvb-uid-3',
      sourceName: 'shop/web/web-data',
      repository: { volumeNamespace: 'shop' },
      tags: { backup: 'b1', 'snapshot-requester': 'snapshot-pod-volume', 'snapshot-uploader': 'kopia' },
    });
    expect(podVolumeBackupMoveJob(pvb, { uploader: 'kopia', volume, attempt: 1, now })).toMatchObject({ sourceName: 'shop/web/data' });
    expect(moveJobSchema.safeParse(job).success).toBe(true);
  });

  it('PodVolumeRestore: restore of the snapshot', () => {
    const pvr: PodVolumeRestore = {
      metadata: meta('pvr-1', 'uid-4'),
      spec: {
        pod: { namespace: 'shop', name: 'web' },
        volume: 'data',
        backupStorageLocation: 'default',
        repoIdentifier: '',
        snapshotID: 's1',
        sourceNamespace: 'old',
      },
    };
    const job = podVolumeRestoreMoveJob(pvr, { uploader: 'kopia', volume, attempt: 1, now });
    expect(job).toMatchObject({ jobId: 'pvr-uid-4', direction: 'restore', snapshotId: 's1', repository: { volumeNamespace: 'old' } });
    expect(moveJobSchema.safeParse(job).success).toBe(true);
  });

  it('BackupRepository names follow Velero', () => {
    expect(backupRepositoryName('shop', 'default', 'kopia')).toBe('shop-default-kopia');
  });
});
