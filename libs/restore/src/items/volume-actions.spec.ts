import { claimForRestore, persistentVolumeClaimAction, resetVolumeBindingInfo, volumeWithoutSnapshot } from './volume-actions';

// Velero's pvc_action_test.go and restore_test.go (TestResetVolumeBindingInfo, the PV branches without snapshot).
describe('persistentVolumeClaimAction (Velero PVCAction)', () => {
  const annotations = {
    'pv.kubernetes.io/bind-completed': 'yes',
    'pv.kubernetes.io/bound-by-controller': 'yes',
    'volume.kubernetes.io/storage-provisioner': 'p',
    'volume.beta.kubernetes.io/storage-provisioner': 'p',
    'volume.kubernetes.io/selected-node': 'n',
    'velero.io/data-upload-name': 'du',
    keep: 'me',
  };
  it('removes the binding and provisioning annotations', () => {
    const claim = { metadata: { name: 'c', annotations }, spec: {} };
    expect(persistentVolumeClaimAction(claim, claim).item).toEqual({ metadata: { name: 'c', annotations: { keep: 'me' } }, spec: {} });
  });
  // Velero TestPVCActionExecute.
  it.each([
    ['persistentVolumeClaimAction - no annotations', undefined, undefined],
    ['persistentVolumeClaimAction - selected-node removed', { 'volume.kubernetes.io/selected-node': 'source-node' }, undefined],
    [
      'persistentVolumeClaimAction - other annotations kept',
      { 'other-anno-1': 'other-value-1', 'other-anno-2': 'other-value-2' },
      { 'other-anno-1': 'other-value-1', 'other-anno-2': 'other-value-2' },
    ],
    [
      'persistentVolumeClaimAction - selected-node removed, others kept',
      { 'other-anno': 'other-value', 'volume.kubernetes.io/selected-node': 'source-node' },
      { 'other-anno': 'other-value' },
    ],
  ])('%s', (_name, annotations, expected) => {
    const claim = { metadata: { namespace: 'source-ns', name: 'pvc-1', ...(annotations ? { annotations } : {}) } };
    expect(persistentVolumeClaimAction(claim, claim).item).toEqual({
      metadata: { namespace: 'source-ns', name: 'pvc-1', ...(expected ? { annotations: expected } : {}) },
    });
  });
  // Velero TestAddPVFromPVCActionExecute.
  it.each([
    [
      'bound: the PV is an additional item',
      { spec: { volumeName: 'pv-1' }, status: { phase: 'Bound' } },
      [{ groupResource: 'persistentvolumes', namespace: '', name: 'pv-1' }],
    ],
    ['pending: none', { spec: { volumeName: 'pv-1' }, status: { phase: 'Pending' } }, undefined],
    ['bound without a volume name: none', { spec: {}, status: { phase: 'Bound' } }, undefined],
  ])('%s', (_name, fromBackup, expected) => {
    expect(persistentVolumeClaimAction({ metadata: {} }, fromBackup).additionalItems).toEqual(expected);
  });
});

describe('PersistentVolumes without a snapshot', () => {
  it('re-provisions a volume whose reclaim policy is Delete', () => {
    expect(volumeWithoutSnapshot({ spec: { persistentVolumeReclaimPolicy: 'Delete' } }, {})).toEqual({ provision: true });
  });
  it('restores a Retain volume as-is, claimRef namespace remapped and binding reset', () => {
    const volume = {
      metadata: { name: 'pv-1', annotations: { 'pv.kubernetes.io/bound-by-controller': 'yes', a: 'b' } },
      spec: { persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'ns-1', name: 'c', uid: 'u', resourceVersion: '1' } },
    };
    expect(volumeWithoutSnapshot(volume, { 'ns-1': 'ns-2' })).toEqual({
      provision: false,
      item: {
        metadata: { name: 'pv-1', annotations: { a: 'b' } },
        spec: { persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'ns-2', name: 'c' } },
      },
    });
  });
  it('volumeWithoutSnapshot - a claimRef namespace named like an Object member is not remapped', () => {
    const volume = {
      metadata: { name: 'pv-1' },
      spec: { persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'constructor', name: 'c' } },
    };
    expect(volumeWithoutSnapshot(volume, { a: 'b' })).toEqual({ provision: false, item: volume });
  });
  it('resets binding info (Velero TestResetVolumeBindingInfo)', () => {
    expect(
      resetVolumeBindingInfo({
        metadata: { annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', foo: 'bar' } },
        spec: { claimRef: { uid: 'abc', resourceVersion: '1', name: 'n' } },
      }),
    ).toEqual({ metadata: { annotations: { foo: 'bar' } }, spec: { claimRef: { name: 'n' } } });
  });
  it('drops the volumeName of a claim whose volume is re-provisioned', () => {
    expect(claimForRestore({ metadata: {}, spec: { volumeName: 'pv-1' } }, new Set(['pv-1']))).toEqual({ metadata: {}, spec: {} });
    expect(claimForRestore({ metadata: {}, spec: { volumeName: 'pv-2' } }, new Set(['pv-1']))).toEqual({
      metadata: {},
      spec: { volumeName: 'pv-2' },
    });
  });
});
