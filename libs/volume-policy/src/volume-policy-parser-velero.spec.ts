import { issuesOf, lines, onePolicy } from './testing';
import {} from './volume-policy-parser';

describe('volume policy parser - Velero load and validate cases', () => {
  // Velero TestLoadResourcePolicies, TestValidate and TestUnmarshalVolumeConditions.
  it.each<[string, string, readonly string[]]>([
    ['tab-indented document', 'version: v1\n\tvolumePolicies:\n\t- conditions:\n\t\tcsi: gp2\n', ['YAML_SYNTAX']],
    [
      'reduplicated key in conditions',
      onePolicy('conditions:', '  capacity: "0,100Gi"', '  capacity: "0,100Gi"', 'action: {type: skip}'),
      ['YAML_SYNTAX'],
    ],
    ['invalid capacity field name', onePolicy('conditions: {Capacity: "1Gi,10Gi"}', 'action: {type: skip}'), ['UNKNOWN_FIELD']],
    ['error format of csi', onePolicy('conditions: {csi: aws.efs.csi.driver}', 'action: {type: skip}'), ['WRONG_TYPE']],
    ['error format of csi driver', onePolicy('conditions: {csi: {driver: [aws.efs.csi.driver]}}', 'action: {type: skip}'), ['WRONG_TYPE']],
    [
      'error format of csi driver volumeAttributes',
      onePolicy('conditions: {csi: {driver: aws.efs.csi.driver, volumeAttributes: test}}', 'action: {type: skip}'),
      ['WRONG_TYPE'],
    ],
    ['error format of nfs', onePolicy('conditions: {capacity: "0,10Gi", nfs: aws.efs.csi.driver}', 'action: {type: skip}'), ['WRONG_TYPE']],
    [
      "'*' in the included filters of include exclude policy",
      lines('version: v1', 'includeExcludePolicy:', '  includedClusterScopedResources: ["*"]', '  excludedClusterScopedResources: [crds]'),
      ['INVALID_INCLUDE_EXCLUDE'],
    ],
    [
      'supported format csi driver with volumeAttributes',
      onePolicy(
        'conditions: {capacity: "0,100Gi", csi: {driver: aws.efs.csi.driver, volumeAttributes: {key1: value1}}}',
        'action: {type: skip}',
      ),
      [],
    ],
    [
      'supported format volume policies, action type snapshot',
      onePolicy(
        'conditions:',
        '  capacity: "0,10Gi"',
        '  storageClass: [gp2, ebs-sc]',
        '  csi: {driver: aws.efs.csi.driver}',
        '  nfs: {server: 192.168.20.90, path: /mnt/data/}',
        'action: {type: snapshot}',
      ),
      [],
    ],
    [
      'supported format volume policies, action type fs-backup and snapshot',
      lines(
        'version: v1',
        'volumePolicies:',
        '- {conditions: {storageClass: [gp2]}, action: {type: snapshot}}',
        '- {conditions: {nfs: {server: 192.168.20.90, path: /mnt/data/}}, action: {type: fs-backup}}',
      ),
      [],
    ],
    [
      'valid volume policies and valid include/exclude policy',
      lines(
        'version: v1',
        'volumePolicies:',
        '- {conditions: {pvcLabels: {environment: production, app: database}}, action: {type: skip}}',
        'includeExcludePolicy:',
        '  includedClusterScopedResources: [persistentvolumes]',
        '  excludedClusterScopedResources: [crds]',
        '  includedNamespaceScopedResources: [pods, configmaps]',
        '  excludedNamespaceScopedResources: [secrets]',
      ),
      [],
    ],
  ])('%s', (_name, text, codes) => {
    expect([...new Set(issuesOf(text).map((issue) => issue.code))]).toEqual(codes);
  });
});
