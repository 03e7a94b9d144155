import { aDataDownload, aPodVolumeRestore, aVolumeSnapshot } from '@ferry/api/testing';
import {
  claimBoundVolume,
  claimSnapshotName,
  dataDownloadFacts,
  podVolumeRestoreFacts,
  restoredPodVolumes,
  restoredVolumeSnapshot,
} from './restore-volume-info-facts';
import { restoreVolumeInfos } from './restore-volume-infos';

const claim = (spec: object, status: object = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'app' },
  spec,
  status,
});
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'app-0', namespace: 'app' },
  spec: {
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-claim' } }, { name: 'tmp', emptyDir: {} }, { emptyDir: {} }],
  },
};

describe('restore volume info facts - what the collector reads of each object', () => {
  it.each<[string, object, string | undefined]>([
    [
      'a VolumeSnapshot data source',
      claim({ dataSource: { kind: 'VolumeSnapshot', name: 'vs-1', apiGroup: 'snapshot.storage.k8s.io' } }),
      'vs-1',
    ],
    ['another data source kind', claim({ dataSource: { kind: 'PersistentVolumeClaim', name: 'src' } }), undefined],
    ['no data source', claim({}), undefined],
  ])('claimSnapshotName: %s', (_name, given, expected) => {
    expect(claimSnapshotName(given as never)).toBe(expected);
  });

  it.each<[string, object, string | undefined]>([
    ['bound', claim({ volumeName: 'pv-1' }, { phase: 'Bound' }), 'pv-1'],
    ['pending with a volume name', claim({ volumeName: 'pv-1' }, { phase: 'Pending' }), undefined],
    ['bound without a volume name', claim({}, { phase: 'Bound' }), undefined],
  ])('claimBoundVolume: %s', (_name, given, expected) => {
    expect(claimBoundVolume(given as never)).toBe(expected);
  });

  it('reads the pod volumes, a PodVolumeRestore, a DataDownload and a VolumeSnapshot', () => {
    expect(restoredPodVolumes(pod)).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data-claim' } }, { name: 'tmp' }]);
    const pvr = aPodVolumeRestore();
    pvr.spec = { ...pvr.spec!, uploaderType: 'kopia', volume: 'data' };
    pvr.status = { ...pvr.status, progress: { totalBytes: 5, bytesDone: 5 } };
    expect(podVolumeRestoreFacts(pvr, pod)).toEqual({
      pod: { namespace: 'app', name: 'app-0' },
      volume: 'data',
      uploaderType: 'kopia',
      snapshotId: 's1',
      totalBytes: 5,
      podVolumes: restoredPodVolumes(pod),
    });
    expect(podVolumeRestoreFacts(pvr, undefined).podVolumes).toBeUndefined();

    const download = aDataDownload({ datamover: '' });
    download.metadata = { ...download.metadata, labels: { 'velero.io/async-operation-id': 'dd-r.p' } };
    expect(dataDownloadFacts(download)).toEqual({
      targetVolume: { namespace: 'app', pvc: 'data', pv: '' },
      snapshotId: 'snap-1',
      dataMover: '',
      operationId: 'dd-r.p',
    });

    const snapshot = aVolumeSnapshot();
    snapshot.metadata = {
      ...snapshot.metadata,
      annotations: { 'velero.io/csi-volumesnapshot-handle': 'h', 'velero.io/csi-driver-name': 'd' },
    };
    snapshot.spec = { source: { volumeSnapshotContentName: 'velero-vs-1-x' } };
    expect(restoredVolumeSnapshot(snapshot)).toEqual({
      annotations: { 'velero.io/csi-volumesnapshot-handle': 'h', 'velero.io/csi-driver-name': 'd' },
      volumeSnapshotContentName: 'velero-vs-1-x',
      restoreSize: '1Gi',
    });
  });

  it('feeds restoreVolumeInfos: a PVR into a bound claim and a DataDownload with an empty mover', () => {
    const pvr = aPodVolumeRestore();
    pvr.spec = { ...pvr.spec!, uploaderType: 'kopia' };
    const download = aDataDownload({ datamover: '', targetVolume: { namespace: 'app', pvc: 'moved', pv: '' } });
    const infos = restoreVolumeInfos({
      claims: [
        { namespace: 'app', name: 'data-claim', boundVolume: claimBoundVolume(claim({ volumeName: 'pv-1' }, { phase: 'Bound' }) as never) },
        { namespace: 'app', name: 'moved', boundVolume: 'pv-2' },
      ],
      podVolumeRestores: [podVolumeRestoreFacts(pvr, pod)],
      nativeSnapshots: [],
      dataDownloads: [dataDownloadFacts(download)],
    });
    expect(infos.map((info) => [info.restoreMethod, info.pvcName, info.pvName, info.snapshotDataMovementInfo?.dataMover])).toEqual([
      ['PodVolumeRestore', 'data-claim', 'pv-1', undefined],
      ['CSISnapshot', 'moved', 'pv-2', 'velero'],
    ]);
  });
});
