import { matchVolumePolicy } from './resource-policies';
import { aBarePv, aPv, aPvc, csiVolume, nfsVolume, policies, pvcVolume, sourceVolume, when } from './testing';
import type { VolumeFilterData } from './volume-attributes';
import { podVolumeSourceKinds } from './volume-inputs';

/** Whether a single policy with these conditions matches the volume (through the real parser). */
function matches(conditions: Record<string, unknown>, data: VolumeFilterData): boolean {
  return matchVolumePolicy(policies(when(conditions, 'skip')), data) !== undefined;
}

const pv = (spec: Parameters<typeof aBarePv>[1]): VolumeFilterData => ({ kind: 'pv', pv: aBarePv('pv', spec) });
const nfsPv = pv({ nfs: { server: '10.0.0.1', path: '/export' } });
const csiPv = pv({ csi: { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3', iops: '3000' } } });
const emptyDir: VolumeFilterData = { kind: 'pod-volume', podVolume: sourceVolume('cache', 'emptyDir') };

describe('conditions - storageClass', () => {
  it.each<[string, unknown[], VolumeFilterData, boolean]>([
    ['empty list matches all', [], pv({ storageClassName: 'gp2' }), true],
    ['listed class', ['gp2', 'gp3'], pv({ storageClassName: 'gp3' }), true],
    ['other class', ['gp2'], pv({ storageClassName: 'gp3' }), false],
    ['no class never matches a list', ['gp2'], pv({}), false],
    ['pod volume has no class', ['gp2'], emptyDir, false],
    ['"" in the list does not match a missing class', [''], pv({}), false],
  ])('%s', (_name, storageClass, data, expected) => {
    expect(matches({ storageClass }, data)).toBe(expected);
  });
});

describe('conditions - nfs', () => {
  it.each<[string, unknown, VolumeFilterData, boolean]>([
    ['{} matches any NFS', {}, nfsPv, true],
    ['{} does not match non-NFS', {}, csiPv, false],
    ['server equal', { server: '10.0.0.1' }, nfsPv, true],
    ['server differs', { server: '10.0.0.2' }, nfsPv, false],
    ['path equal', { path: '/export' }, nfsPv, true],
    ['path differs', { path: '/other' }, nfsPv, false],
    ['both equal', { server: '10.0.0.1', path: '/export' }, nfsPv, true],
    ['path equal, server differs', { server: 'x', path: '/export' }, nfsPv, false],
    // Velero TestNFSConditionMatch "server mismatch".
    ['server wanted, volume has none', { server: '10.0.0.1' }, pv({ nfs: { path: '/export' } }), false],
    ['inline pod NFS volume', { server: 's' }, { kind: 'pod-volume', podVolume: nfsVolume('v', 's', '/p') }, true],
    ['non-NFS pod volume', {}, emptyDir, false],
  ])('%s', (_name, nfs, data, expected) => {
    expect(matches({ nfs }, data)).toBe(expected);
  });

  it('absent (or null) matches non-NFS volumes too', () => {
    expect(matches({ nfs: null }, csiPv)).toBe(true);
  });
});

describe('conditions - csi', () => {
  it.each<[string, unknown, VolumeFilterData, boolean]>([
    ['{} matches any CSI', {}, csiPv, true],
    ['{} does not match NFS', {}, nfsPv, false],
    ['driver equal', { driver: 'ebs.csi.aws.com' }, csiPv, true],
    ['driver differs', { driver: 'other' }, csiPv, false],
    ['driver on a non-CSI volume', { driver: 'ebs.csi.aws.com' }, nfsPv, false],
    ['attributes subset', { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3' } }, csiPv, true],
    ['all attributes', { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3', iops: '3000' } }, csiPv, true],
    ['attribute value differs', { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'io2' } }, csiPv, false],
    ['extra attribute required', { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3', zone: 'a' } }, csiPv, false],
    ['empty attributes = driver only', { driver: 'ebs.csi.aws.com', volumeAttributes: {} }, csiPv, true],
    ['volume without attributes', { driver: 'd', volumeAttributes: { a: 'b' } }, pv({ csi: { driver: 'd' } }), false],
    // Velero TestCSIConditionMatch "empty csi driver volume" and "empty csi volumeAttributes volume".
    ['driver wanted, volume CSI without driver', { driver: 'ebs.csi.aws.com' }, pv({ csi: {} }), false],
    [
      'attribute present with "" value',
      { driver: 'd', volumeAttributes: { protocol: 'nfs' } },
      pv({ csi: { driver: 'd', volumeAttributes: { protocol: '' } } }),
      false,
    ],
    ['Go quirk: wanted "" matches a missing key', { driver: 'ebs.csi.aws.com', volumeAttributes: { zone: '' } }, csiPv, true],
    [
      'inline pod CSI volume',
      { driver: 'd', volumeAttributes: { a: 'b' } },
      { kind: 'pod-volume', podVolume: csiVolume('v', 'd', { a: 'b' }) },
      true,
    ],
  ])('%s', (_name, csi, data, expected) => {
    expect(matches({ csi }, data)).toBe(expected);
  });
});

describe('conditions - volumeTypes', () => {
  it.each(podVolumeSourceKinds.map((kind) => [kind]))('pod volume of kind %s matches its type', (kind) => {
    const type = kind === 'storageos' ? 'storageOS' : kind;
    const data: VolumeFilterData = { kind: 'pod-volume', podVolume: sourceVolume('v', kind) };
    expect(matches({ volumeTypes: [type] }, data)).toBe(true);
    expect(matches({ volumeTypes: [type === 'nfs' ? 'csi' : 'nfs'] }, data)).toBe(false);
  });

  it.each<[string, unknown[], VolumeFilterData, boolean]>([
    ['empty list matches all', [], emptyDir, true],
    ['PV types', ['nfs', 'local'], pv({ local: {} }), true],
    ['csi PV', ['csi'], csiPv, true],
    ['unknown strings are accepted and never match', ['emptydir', 'bogus'], emptyDir, false],
    ['awsAzureDisk is never produced', ['awsAzureDisk'], pv({ azureDisk: {} }), false],
    ['a PVC pod volume has no type', ['csi'], { kind: 'pod-volume', podVolume: pvcVolume('v', 'c') }, false],
    ['Go quirk: "" matches a type-less volume', [''], { kind: 'pod-volume', podVolume: pvcVolume('v', 'c') }, true],
  ])('%s', (_name, volumeTypes, data, expected) => {
    expect(matches({ volumeTypes }, data)).toBe(expected);
  });
});

describe('conditions - PVC attributes', () => {
  const claim = aPvc('app', 'data', {
    labels: { app: 'db', tier: 'gold' },
    phase: 'Bound',
    volumeMode: 'Block',
    accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
  });
  const withClaim: VolumeFilterData = { kind: 'pv', pv: aPv('pv-data'), pvc: claim };
  const bare = aPvc('app', 'bare', { accessModes: [], volumeMode: null });
  const noLabels: VolumeFilterData = { kind: 'pvc', pvc: bare };

  it.each<[string, Record<string, unknown>, VolumeFilterData, boolean]>([
    ['pvcLabels subset', { pvcLabels: { app: 'db' } }, withClaim, true],
    ['pvcLabels all pairs', { pvcLabels: { app: 'db', tier: 'gold' } }, withClaim, true],
    ['pvcLabels value differs', { pvcLabels: { app: 'web' } }, withClaim, false],
    ['pvcLabels key missing', { pvcLabels: { zone: 'a' } }, withClaim, false],
    ['pvcLabels "" needs the key', { pvcLabels: { zone: '' } }, withClaim, false],
    ['PVC without labels never matches', { pvcLabels: { app: 'db' } }, noLabels, false],
    ['no PVC never matches', { pvcLabels: { app: 'db' } }, { kind: 'pv', pv: aPv('p') }, false],
    ['empty pvcLabels is no condition', { pvcLabels: {} }, { kind: 'pv', pv: aPv('p') }, true],
    ['pvcPhase listed', { pvcPhase: ['Pending', 'Bound'] }, withClaim, true],
    ['pvcPhase not listed', { pvcPhase: ['Lost'] }, withClaim, false],
    ['pvcPhase without PVC', { pvcPhase: ['Bound'] }, emptyDir, false],
    [
      'pvcPhase of an unbound PVC alone',
      { pvcPhase: ['Pending'] },
      { kind: 'pvc', pvc: aPvc('a', 'b', { phase: 'Pending', volumeName: '' }) },
      true,
    ],
    ['pvcVolumeMode equal', { pvcVolumeMode: 'Block' }, withClaim, true],
    ['pvcVolumeMode is case-sensitive', { pvcVolumeMode: 'block' }, withClaim, false],
    ['unset PVC volumeMode never matches', { pvcVolumeMode: 'Filesystem' }, noLabels, false],
    ['pvcAccessModes same set, other order', { pvcAccessModes: ['ReadOnlyMany', 'ReadWriteOnce'] }, withClaim, true],
    ['pvcAccessModes subset', { pvcAccessModes: ['ReadWriteOnce'] }, withClaim, false],
    ['pvcAccessModes superset', { pvcAccessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'] }, withClaim, false],
    ['pvcAccessModes duplicates change the length', { pvcAccessModes: ['ReadWriteOnce', 'ReadWriteOnce'] }, withClaim, false],
    ['PVC without access modes', { pvcAccessModes: ['ReadWriteOnce'] }, noLabels, false],
  ])('%s', (_name, conditions, data, expected) => {
    expect(matches(conditions, data)).toBe(expected);
  });
});

describe('conditions - combined', () => {
  it('all conditions must match', () => {
    const data: VolumeFilterData = { kind: 'pv', pv: aPv('p', { storage: '5Gi', storageClassName: 'gp3' }) };
    expect(matches({ capacity: '0,10Gi', storageClass: ['gp3'], csi: {} }, data)).toBe(true);
    expect(matches({ capacity: '0,1Gi', storageClass: ['gp3'], csi: {} }, data)).toBe(false);
    expect(matches({ capacity: '0,10Gi', storageClass: ['gp3'], nfs: {} }, data)).toBe(false);
  });

  it('{} matches every volume, including size 0 and PVC-only input', () => {
    for (const data of [csiPv, nfsPv, emptyDir, { kind: 'pvc', pvc: aPvc('a', 'b') } as const]) expect(matches({}, data)).toBe(true);
  });
});
