import { parse } from 'yaml';
import { validateDocument } from './document-validator';
import type { VolumePolicy, VolumePolicyDocument } from './volume-policy-schema';

function aPolicy(overrides: Partial<VolumePolicy> = {}): VolumePolicy {
  return { conditions: { storageClass: ['gp2'] }, action: { type: 'skip' }, ...overrides };
}

function aDocument(overrides: Partial<VolumePolicyDocument> = {}): VolumePolicyDocument {
  return { version: 'v1', volumePolicies: [aPolicy()], ...overrides };
}

describe('volume policy document - valid shapes', () => {
  it.each<[string, unknown]>([
    ['minimal', aDocument()],
    [
      'every condition',
      aDocument({
        volumePolicies: [
          aPolicy({
            conditions: {
              capacity: '0,100Gi',
              storageClass: ['gp2', 'gp3'],
              nfs: { server: '10.0.0.1', path: '/export' },
              csi: { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3' } },
              volumeTypes: ['emptyDir', 'csi'],
              pvcLabels: { app: 'db' },
              pvcPhase: ['Pending', 'Bound'],
              pvcVolumeMode: 'Block',
              pvcAccessModes: ['ReadWriteOnce'],
            },
            action: { type: 'snapshot', parameters: { dataMover: 'velero-fs', snapshotClass: 'csi-vsc' } },
          }),
        ],
      }),
    ],
    ['empty conditions match everything', aDocument({ volumePolicies: [aPolicy({ conditions: {}, action: { type: 'fs-backup' } })] })],
    [
      'include/exclude policy',
      aDocument({
        includeExcludePolicy: { includedClusterScopedResources: ['storageclasses'], excludedNamespaceScopedResources: ['secrets'] },
      }),
    ],
    [
      'filter policies (newest Velero)',
      aDocument({
        clusterScopedFilterPolicy: { resourceFilters: [{ kinds: ['StorageClass'], names: ['fast'] }] },
        namespacedFilterPolicies: [
          { namespaces: ['app'], resourceFilters: [{ kinds: ['*'], labelSelector: { matchLabels: { a: 'b' } } }] },
        ],
      }),
    ],
  ])('%s', (_name, doc) => {
    const result = validateDocument('VolumePolicy', doc);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('parses the YAML a user puts in the ConfigMap', () => {
    const yaml = [
      'version: v1',
      'volumePolicies:',
      '- conditions:',
      '    capacity: "10,100Gi"',
      '    csi: {driver: hostpath.csi.k8s.io}',
      '  action:',
      '    type: custom',
      '    parameters: {mover: ferry, level: 3}',
    ].join('\n');
    expect(validateDocument('VolumePolicy', parse(yaml)).ok).toBe(true);
  });
});

describe('volume policy document - strict: unknown keys are errors at their path', () => {
  it.each<[string, unknown, string, string]>([
    ['top level', { ...aDocument(), volumePolicy: [] }, 'volumePolicy', 'unknown field'],
    ['policy', aDocument({ volumePolicies: [{ ...aPolicy(), name: 'x' } as VolumePolicy] }), 'volumePolicies[0].name', 'unknown field'],
    [
      'condition',
      aDocument({ volumePolicies: [aPolicy({ conditions: { storageClasses: ['gp2'] } as VolumePolicy['conditions'] })] }),
      'volumePolicies[0].conditions.storageClasses',
      'unknown field',
    ],
    [
      'nfs',
      aDocument({ volumePolicies: [aPolicy({ conditions: { nfs: { host: 'x' } } as VolumePolicy['conditions'] })] }),
      'volumePolicies[0].conditions.nfs.host',
      'unknown field',
    ],
    [
      'action',
      aDocument({ volumePolicies: [aPolicy({ action: { type: 'skip', param: 1 } as VolumePolicy['action'] })] }),
      'volumePolicies[0].action.param',
      'unknown field',
    ],
    [
      'includeExcludePolicy',
      aDocument({ includeExcludePolicy: { includedResources: [] } as VolumePolicyDocument['includeExcludePolicy'] }),
      'includeExcludePolicy.includedResources',
      'unknown field',
    ],
    [
      'action type',
      aDocument({ volumePolicies: [aPolicy({ action: { type: 'backup' as 'skip' } })] }),
      'volumePolicies[0].action.type',
      'expected one of "skip" | "snapshot" | "fs-backup" | "custom"',
    ],
    ['missing version', { volumePolicies: [] }, 'version', 'required field is missing'],
    [
      'pvcLabels not a map',
      aDocument({ volumePolicies: [aPolicy({ conditions: { pvcLabels: ['a'] } as unknown as VolumePolicy['conditions'] })] }),
      'volumePolicies[0].conditions.pvcLabels',
      'expected record',
    ],
  ])('%s', (_name, doc, path, message) => {
    const result = validateDocument('VolumePolicy', doc);
    const issues = result.ok ? [] : result.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toContain(message);
  });
});
