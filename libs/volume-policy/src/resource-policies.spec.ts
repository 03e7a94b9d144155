import { combinePolicies, matchVolumePolicy } from './resource-policies';
import { aBarePv, aPv, aPvc, globalPolicies, policies, sourceVolume, when, type PolicySpec } from './testing';
import type { VolumeFilterData } from './volume-attributes';

const gp3: VolumeFilterData = { kind: 'pv', pv: aPv('p', { storageClassName: 'gp3', storage: '5Gi' }) };

describe('resource policies - first match wins', () => {
  it('returns the first policy whose conditions all match, with its position', () => {
    const set = policies(when({ storageClass: ['gp2'] }, 'skip'), when({ capacity: '0,10Gi' }, 'fs-backup'), when({}, 'snapshot'));
    const match = matchVolumePolicy(set, gp3);
    expect(match?.position).toBe(1);
    expect(match?.policy.action.type).toBe('fs-backup');
  });

  it('conditions: {} matches everything', () => {
    const set = policies(when({}, 'custom', { mover: 'x' }));
    expect(matchVolumePolicy(set, { kind: 'pod-volume', podVolume: sourceVolume('v', 'emptyDir') })?.policy.action).toEqual({
      type: 'custom',
      parameters: { mover: 'x' },
    });
  });

  it('no match → undefined (legacy fallback)', () => {
    expect(matchVolumePolicy(policies(when({ storageClass: ['gp2'] }, 'skip')), gp3)).toBeUndefined();
    expect(matchVolumePolicy(policies(), gp3)).toBeUndefined();
  });
});

describe('resource policies - combinePolicies', () => {
  const own = policies(when({ storageClass: ['gp3'] }, 'snapshot'));
  const cluster = globalPolicies(when({ storageClass: ['gp3'] }, 'skip'), when({}, 'fs-backup'));

  it("puts the backup's own policies first, then the global ones", () => {
    const combined = combinePolicies(own, cluster);
    expect(combined?.volumePolicies.map((p) => [p.origin, p.index, p.action.type])).toEqual([
      ['backup', 0, 'snapshot'],
      ['global', 0, 'skip'],
      ['global', 1, 'fs-backup'],
    ]);
    expect(matchVolumePolicy(combined!, gp3)?.policy.origin).toBe('backup');
    const other: VolumeFilterData = { kind: 'pv', pv: aPv('q', { storageClassName: 'slow' }) };
    expect(matchVolumePolicy(combined!, other)).toMatchObject({ position: 2, policy: { origin: 'global', index: 1 } });
  });

  it('either side may be absent; global include/exclude policies are dropped', () => {
    expect(combinePolicies(own, undefined)).toBe(own);
    expect(combinePolicies(undefined, undefined)).toBeUndefined();
    const withFilters = { ...cluster, includeExcludePolicy: { excludedClusterScopedResources: ['storageclasses'] } };
    expect(combinePolicies(undefined, withFilters)).toEqual({ version: 'v1', volumePolicies: cluster.volumePolicies });
    const ownWithFilters = { ...own, includeExcludePolicy: { excludedClusterScopedResources: ['nodes'] } };
    expect(combinePolicies(ownWithFilters, withFilters)?.includeExcludePolicy).toEqual({ excludedClusterScopedResources: ['nodes'] });
  });

  it('re-stamps appended policies as global', () => {
    const parsedAsBackup = policies(when({}, 'skip'));
    expect(combinePolicies(own, parsedAsBackup)?.volumePolicies[1]?.origin).toBe('global');
  });
});

describe('resource policies - Velero mixed policy set', () => {
  // Velero TestGetResourceMatchedAction.
  const set = policies(
    when({ capacity: '0,10Gi', storageClass: ['gp2', 'ebs-sc'], csi: { driver: 'aws.efs.csi.driver' } }, 'skip'),
    when({ csi: { driver: 'files.csi.driver', volumeAttributes: { protocol: 'nfs' } } }, 'skip'),
    when({ capacity: '10,100Gi', storageClass: ['gp2', 'ebs-sc'], csi: { driver: 'aws.efs.csi.driver' } }, 'snapshot'),
    when({ storageClass: ['gp2', 'ebs-sc'], csi: { driver: 'aws.efs.csi.driver' } }, 'fs-backup'),
    when({ pvcLabels: { environment: 'production' } }, 'snapshot'),
  );
  const volume = (storage: string, storageClassName: string, source: object, labels?: Record<string, string>): VolumeFilterData => ({
    kind: 'pv',
    pv: aBarePv('pv', { capacity: { storage }, storageClassName, ...source }),
    ...(labels ? { pvc: aPvc('ns', 'pvc', { labels }) } : {}),
  });

  it.each<[string, VolumeFilterData, string | undefined]>([
    ['match policy', volume('5Gi', 'ebs-sc', { csi: { driver: 'aws.efs.csi.driver' } }), 'skip'],
    [
      'match policy AFS NFS',
      volume('5Gi', 'afs-nfs', { csi: { driver: 'files.csi.driver', volumeAttributes: { protocol: 'nfs' } } }),
      'skip',
    ],
    ['match policy AFS SMB', volume('5Gi', 'afs-smb', { csi: { driver: 'files.csi.driver' } }), undefined],
    ['both matches return the first policy', volume('50Gi', 'ebs-sc', { csi: { driver: 'aws.efs.csi.driver' } }), 'snapshot'],
    ['mismatch all policies', volume('50Gi', 'ebs-sc', { nfs: {} }), undefined],
    ['match pvcLabels condition', volume('5Gi', 'some-class', {}, { environment: 'production', team: 'backend' }), 'snapshot'],
    ['mismatch pvcLabels condition', volume('5Gi', 'some-class', {}, { environment: 'staging' }), undefined],
  ])('%s', (_name, data, expected) => {
    expect(matchVolumePolicy(set, data)?.policy.action.type).toBe(expected);
  });
});

describe('resource policies - match per volume kind', () => {
  // Velero TestGetMatchAction (cases not covered by the condition specs).
  const afsNfs = when({ csi: { driver: 'files.csi.driver', volumeAttributes: { protocol: 'nfs' } } }, 'skip');
  const diskAndAfsNfs = [when({ csi: { driver: 'disks.csi.driver' } }, 'skip'), afsNfs];
  const labelled = [when({ pvcLabels: { environment: 'production' } }, 'skip')];
  const pvOf = (spec: Parameters<typeof aBarePv>[1]): VolumeFilterData => ({ kind: 'pv', pv: aBarePv('pv-1', spec) });
  const sized = (source: object = {}) => pvOf({ capacity: { storage: '1Gi' }, ...source });
  const csiPv = (driver: string, volumeAttributes?: Record<string, string>) =>
    pvOf({ csi: { driver, ...(volumeAttributes ? { volumeAttributes } : {}) } });
  const podVolume = (labels: Record<string, string>): VolumeFilterData => ({
    kind: 'pod-volume',
    podVolume: { name: 'pod-vol' },
    pvc: aPvc('default', 'pvc-1', { labels }),
  });
  const claimAlone = (phase: string): VolumeFilterData => ({ kind: 'pvc', pvc: aPvc('default', 'pvc', { phase, volumeName: '' }) });

  it.each<[string, PolicySpec[], VolumeFilterData, boolean]>([
    ['empty csi with pv no csi driver', [when({ csi: {} }, 'skip')], sized(), false],
    ['Skip AFS NFS CSI condition with Disk volumes', [afsNfs], csiPv('disks.csi.driver'), false],
    ['Skip Disk and AFS NFS CSI condition with Disk volumes', diskAndAfsNfs, csiPv('disks.csi.driver', { key1: 'val1' }), true],
    ['Skip Disk and AFS NFS CSI condition with AFS SMB volumes', diskAndAfsNfs, csiPv('files.csi.driver', { key1: 'val1' }), false],
    [
      'Skip Disk and AFS NFS CSI condition with AFS NFS volumes',
      diskAndAfsNfs,
      csiPv('files.csi.driver', { key1: 'val1', protocol: 'nfs' }),
      true,
    ],
    ['empty nfs with pv no nfs volume source', [when({ capacity: '0,100Gi', nfs: {} }, 'skip')], sized(), false],
    ['match volume by types', [when({ capacity: '0,100Gi', volumeTypes: ['local', 'hostPath'] }, 'skip')], sized({ hostPath: {} }), true],
    ['mismatch volume by types', [when({ capacity: '0,100Gi', volumeTypes: ['local'] }, 'skip')], sized({ hostPath: {} }), false],
    ['PodVolume case with PVC labels match', labelled, podVolume({ environment: 'production' }), true],
    ['PodVolume case with PVC labels mismatch', labelled, podVolume({ environment: 'staging' }), false],
    [
      'PodVolume case with PVC labels match with extra keys on PVC',
      labelled,
      podVolume({ environment: 'production', app: 'backend' }),
      true,
    ],
    [
      "PodVolume case with PVC labels don't match exactly",
      [when({ pvcLabels: { environment: 'production', app: 'frontend' } }, 'skip')],
      podVolume({ environment: 'production' }),
      false,
    ],
    ['PVC phase matching - Bound phase should not skip', [when({ pvcPhase: ['Pending'] }, 'skip')], claimAlone('Bound'), false],
    ['PVC phase matching - Multiple phases (Pending, Lost)', [when({ pvcPhase: ['Pending', 'Lost'] }, 'skip')], claimAlone('Lost'), true],
  ])('%s', (_name, specs, data, skipped) => {
    expect(matchVolumePolicy(policies(...specs), data)?.policy.action.type === 'skip').toBe(skipped);
  });
});
