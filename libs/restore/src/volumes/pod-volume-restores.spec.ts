import type { PodVolumeBackup, Restore } from '@ferry/api';
import { podVolumeRestoreFor, podVolumeSources } from './pod-volume-restores';

const pvb = (pod: string, volume: string, snapshotID: string, uploaderType?: string): PodVolumeBackup =>
  ({
    metadata: { name: `${pod}-${volume}`, namespace: 'velero' },
    spec: {
      pod: { namespace: 'app', name: pod },
      volume,
      node: 'n1',
      backupStorageLocation: 'default',
      repoIdentifier: '',
      ...(uploaderType ? { uploaderType } : {}),
    },
    status: { phase: 'Completed', snapshotID, progress: { totalBytes: 100, bytesDone: 100 } },
  }) as PodVolumeBackup;
const pod = {
  metadata: { name: 'web', namespace: 'app2', uid: 'pod-uid' },
  spec: { volumes: [{ name: 'data' }, { name: 'cache' }, { name: 'token', projected: {} }] },
};

describe('podVolumeSources (velero podvolume getVolumeBackupInfoForPod)', () => {
  it('takes the pod’s backups with a snapshot, not projected volumes, restic by default', () => {
    const backups = [
      pvb('web', 'data', 's1', 'kopia'),
      pvb('web', 'cache', 's2'),
      pvb('web', 'empty', ''),
      pvb('web', 'token', 's3'),
      pvb('db', 'data', 's4'),
    ];
    expect(podVolumeSources(backups, pod, 'app')).toEqual([
      { volume: 'data', snapshotId: 's1', snapshotSize: 100, uploaderType: 'kopia' },
      { volume: 'cache', snapshotId: 's2', snapshotSize: 100, uploaderType: 'restic' },
    ]);
  });
  it('matches on the backed-up namespace', () => {
    expect(podVolumeSources([pvb('web', 'data', 's1')], pod, 'other')).toEqual([]);
  });
});

describe('podVolumeRestoreFor (velero newPodVolumeRestore)', () => {
  it('targets the created pod by UID, owned by the Restore', () => {
    const restore: Restore = { metadata: { name: 'r1', namespace: 'velero', uid: 'r-uid' }, spec: { backupName: 'b1' } } as Restore;
    const source = { volume: 'data', snapshotId: 's1', snapshotSize: 100, uploaderType: 'kopia' };
    expect(podVolumeRestoreFor({ restore, pod, source, storageLocation: 'default', sourceNamespace: 'app' })).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'PodVolumeRestore',
      metadata: {
        namespace: 'velero',
        generateName: 'r1-',
        ownerReferences: [{ apiVersion: 'velero.io/v1', kind: 'Restore', name: 'r1', uid: 'r-uid', controller: true }],
        labels: { 'velero.io/restore-name': 'r1', 'velero.io/restore-uid': 'r-uid', 'velero.io/pod-uid': 'pod-uid' },
      },
      spec: {
        pod: { kind: 'Pod', namespace: 'app2', name: 'web', uid: 'pod-uid' },
        volume: 'data',
        snapshotID: 's1',
        snapshotSize: 100,
        backupStorageLocation: 'default',
        repoIdentifier: '',
        uploaderType: 'kopia',
        sourceNamespace: 'app',
      },
    });
  });
});
