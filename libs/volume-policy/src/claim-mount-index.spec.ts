import { claimMountsOfPv, findClaimMounts, indexClaimMounts } from './claim-mount-index';
import { aBoundPv, aPod, pvcVolume, sourceVolume } from './testing';
import type { PodVolumeMount } from './volume-inputs';

const pods = [
  aPod('default', 'pod1', [pvcVolume('vol1', 'pvc1')]),
  aPod('default', 'pod2', [pvcVolume('vol1', 'pvc1'), pvcVolume('vol2', 'pvc2')]),
  aPod('default', 'pod3', [sourceVolume('vol1', 'emptyDir')]),
  aPod('other-ns', 'pod4', [pvcVolume('vol1', 'pvc1')]),
];
const names = (mounts: readonly PodVolumeMount[]) => mounts.map((m) => `${m.pod.metadata?.name}/${m.volume.name}`);

describe('claim mount index - pods using a claim', () => {
  // Velero pkg/util/podvolume TestPVCPodCache_BuildAndGet, TestBuildCacheForNamespace.
  const index = indexClaimMounts(pods);
  it.each<[string, string, string, string[]]>([
    ['2 pods using pvc1 in default namespace', 'default', 'pvc1', ['pod1/vol1', 'pod2/vol1']],
    ['1 pod using pvc2 in default namespace', 'default', 'pvc2', ['pod2/vol2']],
    ['1 pod using pvc1 in other-ns', 'other-ns', 'pvc1', ['pod4/vol1']],
    ['0 pods for non-existent PVC', 'default', 'non-existent', []],
    ['0 pods for non-existent namespace', 'non-existent-ns', 'pvc1', []],
  ])('%s', (_name, namespace, claim, expected) => {
    expect(names(claimMountsOfPv(index, aBoundPv('pv', namespace, claim)))).toEqual(expected);
    expect(names(findClaimMounts(pods, namespace, claim))).toEqual(expected);
  });

  it('ignores volumes that are not claims, and PVs without claimRef', () => {
    expect(indexClaimMounts([aPod('ns1', 'pod1', [sourceVolume('config-vol', 'configMap')])]).byClaim.size).toBe(0);
    expect(claimMountsOfPv(index, { metadata: { name: 'pv' }, spec: {} })).toEqual([]);
  });

  it('finds the pod volume that mounts a claim among several', () => {
    // Velero pkg/util/podvolume TestGetPodVolumeNameForPVC.
    const pod = aPod('ns', 'p', [pvcVolume('csi-vol1', 'csi-pvc1'), pvcVolume('csi-vol2', 'csi-pvc2'), pvcVolume('csi-vol3', 'csi-pvc3')]);
    expect(names(findClaimMounts([pod], 'ns', 'csi-pvc2'))).toEqual(['p/csi-vol2']);
    expect(findClaimMounts([pod], 'ns', 'mismatch-pvc')).toEqual([]);
    expect(findClaimMounts([aPod('ns', 'empty', [])], 'ns', 'csi-pvc2')).toEqual([]);
  });
});
