import { formatQuantity } from '@ferry/kube-values';
import { aBarePv, aPv, aPvc, csiVolume, nfsVolume, pvcVolume, sourceVolume } from './testing';
import { SupportedVolumeType, volumeAttributesOf } from './volume-attributes';
import { persistentVolumeSourceKinds, podVolumeSourceKinds } from './volume-inputs';

const typeOf = (field: string) => (field === 'storageos' ? 'storageOS' : field);

describe('volume attributes - PV', () => {
  it('reads capacity, PV storage class, nfs and csi', () => {
    const attrs = volumeAttributesOf({ kind: 'pv', pv: aPv('pv-1', { storage: '5Gi', storageClassName: 'fast' }) });
    expect(formatQuantity(attrs.capacity)).toBe('5368709120');
    expect(attrs.storageClass).toBe('fast');
    expect(attrs.csi).toEqual({ driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3' } });
    expect(attrs.volumeType).toBe('csi');
    expect(attrs.nfs).toBeUndefined();
  });

  it('a PV without capacity, or with an unparseable one, measures 0', () => {
    expect(formatQuantity(volumeAttributesOf({ kind: 'pv', pv: aBarePv('a') }).capacity)).toBe('0');
    expect(formatQuantity(volumeAttributesOf({ kind: 'pv', pv: aBarePv('b', { capacity: { storage: 'x' } }) }).capacity)).toBe('0');
  });

  it.each(persistentVolumeSourceKinds.map((kind) => [kind]))('PV source %s gives volume type', (kind) => {
    expect(volumeAttributesOf({ kind: 'pv', pv: aBarePv('pv', { [kind]: {} }) }).volumeType).toBe(typeOf(kind));
  });

  it('takes the first present source in Velero order, ignoring null', () => {
    const pv = aBarePv('pv', { nfs: { server: 's', path: '/p' }, hostPath: {}, csi: null });
    expect(volumeAttributesOf({ kind: 'pv', pv }).volumeType).toBe('hostPath');
  });

  it('a PV without any source has no type, nfs or csi', () => {
    // Velero TestGetVolumeTypeFromPV "Test Unknown Source" and TestParsePV "Empty volume".
    const attrs = volumeAttributesOf({ kind: 'pv', pv: aBarePv('pv') });
    expect(attrs).toMatchObject({ volumeType: '', storageClass: '' });
    expect(attrs.nfs).toBeUndefined();
    expect(attrs.csi).toBeUndefined();
  });

  it('the storage class is the PV one; the PVC class is never used', () => {
    const pvc = aPvc('ns', 'c', { storageClassName: 'pvc-class' });
    expect(volumeAttributesOf({ kind: 'pv', pv: aBarePv('pv'), pvc }).storageClass).toBe('');
    expect(volumeAttributesOf({ kind: 'pvc', pvc }).storageClass).toBe('');
  });
});

describe('volume attributes - pod volume and PVC', () => {
  it.each(podVolumeSourceKinds.map((kind) => [kind]))('pod volume source %s gives volume type', (kind) => {
    expect(volumeAttributesOf({ kind: 'pod-volume', podVolume: sourceVolume('v', kind) }).volumeType).toBe(typeOf(kind));
  });

  it('a pod volume without any source has no type (Velero TestGetVolumeTypeFromVolume "Test Unknown Source")', () => {
    expect(volumeAttributesOf({ kind: 'pod-volume', podVolume: { name: 'v' } }).volumeType).toBe('');
  });

  it('a PVC pod volume has no type, no class and capacity 0', () => {
    const attrs = volumeAttributesOf({ kind: 'pod-volume', podVolume: pvcVolume('data', 'claim') });
    expect(attrs).toMatchObject({ volumeType: '', storageClass: '' });
    expect(formatQuantity(attrs.capacity)).toBe('0');
  });

  it('inline nfs and csi are read', () => {
    expect(volumeAttributesOf({ kind: 'pod-volume', podVolume: nfsVolume('v', '10.0.0.1', '/x') }).nfs).toEqual({
      server: '10.0.0.1',
      path: '/x',
    });
    expect(volumeAttributesOf({ kind: 'pod-volume', podVolume: csiVolume('v', 'd') }).csi).toEqual({ driver: 'd', volumeAttributes: {} });
  });

  it('reads PVC labels (only when non-empty), phase, volume mode and access modes', () => {
    const pvc = aPvc('ns', 'c', { labels: { app: 'db' }, phase: 'Pending', volumeMode: 'Block', accessModes: ['ReadOnlyMany'] });
    expect(volumeAttributesOf({ kind: 'pvc', pvc })).toMatchObject({
      pvcLabels: { app: 'db' },
      pvcPhase: 'Pending',
      pvcVolumeMode: 'Block',
      pvcAccessModes: ['ReadOnlyMany'],
    });
    expect(volumeAttributesOf({ kind: 'pvc', pvc: aPvc('ns', 'c', { labels: {} }) }).pvcLabels).toBeUndefined();
  });

  it('without a PVC the pvc attributes are empty', () => {
    expect(volumeAttributesOf({ kind: 'pv', pv: aPv('p') })).toMatchObject({ pvcPhase: '', pvcVolumeMode: '', pvcAccessModes: [] });
  });

  it('knows every documented volume type', () => {
    expect(Object.values(SupportedVolumeType)).toHaveLength(31);
  });
});
