// The checks of a shape-valid document (Velero's BuildPolicy + Validate: version, capacity, action
// type and parameters, CSI attributes, includeExcludePolicy), through the whole parser so every
// problem also carries its path and position.
import type { PolicyIssue } from './errors';
import { issuesOf, lines, onePolicy } from './testing';

describe('policy compiler - value problems carry path, line, column and Velero wording', () => {
  it.each<[string, string, PolicyIssue]>([
    [
      'version not v1',
      lines('version: v2'),
      {
        code: 'UNSUPPORTED_VERSION',
        path: 'version',
        line: 1,
        column: 10,
        message: 'incompatible version number v2 with supported version v1; set "version: v1"',
      },
    ],
    [
      'version missing (Go zero value "")',
      lines('volumePolicies: []'),
      {
        code: 'UNSUPPORTED_VERSION',
        path: 'version',
        line: 1,
        column: 1,
        message: 'incompatible version number  with supported version v1; set "version: v1"',
      },
    ],
    [
      'capacity with one part',
      onePolicy('conditions:', '  capacity: "5Gi"', 'action: {type: skip}'),
      {
        code: 'CAPACITY_FORMAT',
        path: 'volumePolicies[0].conditions.capacity',
        line: 4,
        column: 15,
        message: expect.stringMatching(/^wrong format of Capacity 5Gi; expected "lower,upper"/) as string,
      },
    ],
    [
      'capacity with a bad quantity',
      onePolicy('conditions: {capacity: "1Gi,1GB"}', 'action: {type: skip}'),
      {
        code: 'CAPACITY_FORMAT',
        path: 'volumePolicies[0].conditions.capacity',
        line: 3,
        column: 26,
        message: expect.stringMatching(/^wrong format of Capacity 1GB with err quantities must match/) as string,
      },
    ],
    [
      'capacity lower > upper',
      onePolicy('conditions: {capacity: "10Gi,1Gi"}', 'action: {type: skip}'),
      {
        code: 'CAPACITY_VALUES',
        path: 'volumePolicies[0].conditions.capacity',
        line: 3,
        column: 26,
        message: expect.stringMatching(/^illegal values for capacity "10Gi,1Gi"/) as string,
      },
    ],
    [
      'invalid action type',
      onePolicy('action:', '  type: backup'),
      {
        code: 'INVALID_ACTION_TYPE',
        path: 'volumePolicies[0].action.type',
        line: 4,
        column: 11,
        message: 'invalid action type backup; allowed: skip, snapshot, fs-backup, custom',
      },
    ],
    [
      'missing action (Go zero value)',
      onePolicy('conditions: {}'),
      {
        code: 'INVALID_ACTION_TYPE',
        path: 'volumePolicies[0].action.type',
        line: 3,
        column: 3,
        message: 'invalid action type ; allowed: skip, snapshot, fs-backup, custom',
      },
    ],
    [
      'csi attributes without driver',
      onePolicy('conditions: {csi: {volumeAttributes: {a: b}}}', 'action: {type: skip}'),
      {
        code: 'CSI_DRIVER_REQUIRED',
        path: 'volumePolicies[0].conditions.csi',
        line: 3,
        column: 21,
        message: expect.stringMatching(/^csi driver should not be empty when filtering by volume attributes/) as string,
      },
    ],
    [
      'dataMover not a built-in',
      onePolicy('action: {type: snapshot, parameters: {dataMover: ferry}}'),
      {
        code: 'INVALID_ACTION_PARAMETER',
        path: 'volumePolicies[0].action.parameters.dataMover',
        line: 3,
        column: 52,
        message: 'invalid "dataMover" value "ferry", valid values are "", "velero", "velero-fs", "velero-block"',
      },
    ],
    [
      'dataMover on fs-backup',
      onePolicy('action: {type: fs-backup, parameters: {dataMover: velero}}'),
      {
        code: 'INVALID_ACTION_PARAMETER',
        path: 'volumePolicies[0].action.parameters.dataMover',
        line: 3,
        column: 53,
        message: 'parameter "dataMover" is only supported for the "snapshot" action, but the action type is "fs-backup"',
      },
    ],
    [
      'dataMover not a string',
      onePolicy('action: {type: snapshot, parameters: {dataMover: 7}}'),
      {
        code: 'INVALID_ACTION_PARAMETER',
        path: 'volumePolicies[0].action.parameters.dataMover',
        line: 3,
        column: 52,
        message: 'parameter "dataMover" must be a string, got int',
      },
    ],
    [
      'snapshotClass empty',
      onePolicy('action: {type: snapshot, parameters: {snapshotClass: ""}}'),
      {
        code: 'INVALID_ACTION_PARAMETER',
        path: 'volumePolicies[0].action.parameters.snapshotClass',
        line: 3,
        column: 56,
        message: expect.stringMatching(/^parameter "snapshotClass" must not be empty/) as string,
      },
    ],
    [
      'snapshotClass on skip',
      onePolicy('action: {type: skip, parameters: {snapshotClass: x}}'),
      {
        code: 'INVALID_ACTION_PARAMETER',
        path: 'volumePolicies[0].action.parameters.snapshotClass',
        line: 3,
        column: 52,
        message: 'parameter "snapshotClass" is only supported for the "snapshot" action, but the action type is "skip"',
      },
    ],
    [
      'snapshotClass null',
      onePolicy('action: {type: snapshot, parameters: {snapshotClass: ~}}'),
      {
        code: 'INVALID_ACTION_PARAMETER',
        path: 'volumePolicies[0].action.parameters.snapshotClass',
        line: 3,
        column: 56,
        message: 'parameter "snapshotClass" must be a string, got <nil>',
      },
    ],
    [
      'includeExcludePolicy with *',
      lines('version: v1', 'includeExcludePolicy:', '  excludedNamespaceScopedResources: ["*"]'),
      {
        code: 'INVALID_INCLUDE_EXCLUDE',
        path: 'includeExcludePolicy.excludedNamespaceScopedResources[0]',
        line: 3,
        column: 38,
        message: expect.stringMatching(/^cannot use '\*' in includes or excludes filters in the policy/) as string,
      },
    ],
    [
      'includeExcludePolicy item in both lists',
      lines(
        'version: v1',
        'includeExcludePolicy:',
        '  includedClusterScopedResources: [nodes, pv]',
        '  excludedClusterScopedResources: [pv]',
      ),
      {
        code: 'INVALID_INCLUDE_EXCLUDE',
        path: 'includeExcludePolicy.excludedClusterScopedResources[0]',
        line: 4,
        column: 36,
        message: 'excludes list cannot contain an item in the includes list: pv',
      },
    ],
  ])('%s', (_name, text, expected) => {
    expect(issuesOf(text)).toEqual([expected]);
  });
});
