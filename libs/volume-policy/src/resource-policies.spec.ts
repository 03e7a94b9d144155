import { combinePolicies, matchVolumePolicy } from './resource-policies';
import { aPv, globalPolicies, policies, sourceVolume, when } from './testing';
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
