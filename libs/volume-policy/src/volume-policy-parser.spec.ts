import { InvalidResourcePoliciesError, PolicyIssueCode, type PolicyIssue } from './errors';
import { issuesOf, lines, onePolicy } from './testing';
import { parseResourcePolicies, parseResourcePoliciesOrThrow } from './volume-policy-parser';

describe('volume policy parser - valid documents', () => {
  it('parses every condition, action parameters and resource filters', () => {
    const result = parseResourcePolicies(
      lines(
        'version: v1',
        'volumePolicies:',
        '- conditions:',
        '    capacity: "10Gi,100Gi"',
        '    storageClass: [gp2, gp3]',
        '    nfs: {server: 10.0.0.1, path: /export}',
        '    csi: {driver: ebs.csi.aws.com, volumeAttributes: {type: gp3}}',
        '    volumeTypes: [csi, nfs]',
        '    pvcLabels: {app: db}',
        '    pvcPhase: [Bound]',
        '    pvcVolumeMode: Block',
        '    pvcAccessModes: [ReadWriteOnce]',
        '  action: {type: snapshot, parameters: {dataMover: velero-block, snapshotClass: fast-vsc}}',
        '- conditions: {}',
        '  action: {type: fs-backup}',
        'includeExcludePolicy:',
        '  includedClusterScopedResources: [storageclasses]',
        '  excludedNamespaceScopedResources: [secrets]',
        'namespacedFilterPolicies:',
        '- namespaces: [app]',
        '  resourceFilters: [{kinds: [Pod], labelSelector: {matchLabels: {a: b}}}]',
      ),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    const [first, second] = result.policies.volumePolicies;
    expect(first?.compiled).toMatchObject({
      storageClass: ['gp2', 'gp3'],
      nfs: { server: '10.0.0.1', path: '/export' },
      csi: { driver: 'ebs.csi.aws.com', volumeAttributes: { type: 'gp3' } },
      volumeTypes: ['csi', 'nfs'],
      pvcLabels: { app: 'db' },
      pvcPhase: ['Bound'],
      pvcVolumeMode: 'Block',
      pvcAccessModes: ['ReadWriteOnce'],
    });
    expect(first?.action).toEqual({ type: 'snapshot', parameters: { dataMover: 'velero-block', snapshotClass: 'fast-vsc' } });
    expect(second).toMatchObject({ origin: 'backup', index: 1, conditions: {}, action: { type: 'fs-backup', parameters: {} } });
    expect(result.policies.includeExcludePolicy).toEqual({
      includedClusterScopedResources: ['storageclasses'],
      excludedNamespaceScopedResources: ['secrets'],
    });
    expect(result.policies.namespacedFilterPolicies).toHaveLength(1);
  });

  it('decodes scalars into string fields like yaml.v3 (source text kept)', () => {
    const result = parseResourcePolicies(
      onePolicy('conditions: {storageClass: [1, 1.10, true], pvcLabels: {n: 1}}', 'action: {type: skip}'),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.policies.volumePolicies[0]?.compiled).toMatchObject({ storageClass: ['1', '1.10', 'true'], pvcLabels: { n: '1' } });
  });

  it('null means the Go zero value: no conditions, no nfs filter, no policies', () => {
    const result = parseResourcePolicies(onePolicy('conditions: {nfs: ~, capacity: ~}', 'action: {type: skip, parameters: ~}'));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.policies.volumePolicies[0]?.compiled.nfs).toBeUndefined();
    expect(parseResourcePolicies(onePolicy('conditions: ~', 'action: {type: skip}')).ok).toBe(true);
    expect(parseResourcePolicies('version: v1\nvolumePolicies: ~\n').ok).toBe(true);
  });

  it('reads only the first YAML document, as Velero does', () => {
    expect(parseResourcePolicies('version: v1\n---\nnot: valid\n').ok).toBe(true);
  });

  it('stamps the requested origin', () => {
    const result = parseResourcePolicies(onePolicy('action: {type: skip}'), { origin: 'global' });
    expect(result.ok && result.policies.volumePolicies[0]?.origin).toBe('global');
  });
});

describe('volume policy parser - shape errors carry path, line, column and message', () => {
  it.each<[string, string, PolicyIssue]>([
    [
      'unknown top-level field',
      lines('version: v1', 'volumePolicy: []'),
      {
        code: 'UNKNOWN_FIELD',
        path: 'volumePolicy',
        line: 2,
        column: 1,
        message:
          'unknown field "volumePolicy"; allowed fields here: version, volumePolicies, includeExcludePolicy, clusterScopedFilterPolicy, namespacedFilterPolicies',
      },
    ],
    [
      'unknown policy field',
      onePolicy('name: x', 'action: {type: skip}'),
      {
        code: 'UNKNOWN_FIELD',
        path: 'volumePolicies[0].name',
        line: 3,
        column: 3,
        message: 'unknown field "name"; allowed fields here: conditions, action',
      },
    ],
    [
      'unknown condition',
      onePolicy('conditions:', '  storageClasses: [gp2]', 'action: {type: skip}'),
      {
        code: 'UNKNOWN_FIELD',
        path: 'volumePolicies[0].conditions.storageClasses',
        line: 4,
        column: 5,
        message: expect.stringContaining('allowed fields here: capacity, storageClass, nfs') as string,
      },
    ],
    [
      'volumeName is not a condition of the reference Velero',
      onePolicy('conditions: {volumeName: [data]}', 'action: {type: skip}'),
      {
        code: 'UNKNOWN_FIELD',
        path: 'volumePolicies[0].conditions.volumeName',
        line: 3,
        column: 16,
        message: expect.stringContaining('unknown field "volumeName"') as string,
      },
    ],
    [
      'unknown nfs field',
      onePolicy('conditions: {nfs: {host: x}}', 'action: {type: skip}'),
      {
        code: 'UNKNOWN_FIELD',
        path: 'volumePolicies[0].conditions.nfs.host',
        line: 3,
        column: 22,
        message: 'unknown field "host"; allowed fields here: server, path',
      },
    ],
    [
      'unknown action field',
      onePolicy('action: {type: skip, param: 1}'),
      {
        code: 'UNKNOWN_FIELD',
        path: 'volumePolicies[0].action.param',
        line: 3,
        column: 24,
        message: 'unknown field "param"; allowed fields here: type, parameters',
      },
    ],
    [
      'unknown includeExcludePolicy field',
      lines('version: v1', 'includeExcludePolicy:', '  includedResources: [pods]'),
      {
        code: 'UNKNOWN_FIELD',
        path: 'includeExcludePolicy.includedResources',
        line: 3,
        column: 3,
        message: expect.stringContaining('allowed fields here: includedClusterScopedResources') as string,
      },
    ],
    [
      'pvcLabels a list',
      onePolicy('conditions:', '  pvcLabels: [app]', 'action: {type: skip}'),
      {
        code: 'INVALID_PVC_CONDITION',
        path: 'volumePolicies[0].conditions.pvcLabels',
        line: 4,
        column: 16,
        message: expect.stringMatching(/^pvcLabels must be a map of string to string, got \[\]interface \{\}/) as string,
      },
    ],
    [
      'pvcLabels a string',
      onePolicy('conditions: {pvcLabels: app}', 'action: {type: skip}'),
      {
        code: 'INVALID_PVC_CONDITION',
        path: 'volumePolicies[0].conditions.pvcLabels',
        line: 3,
        column: 27,
        message: expect.stringMatching(/^pvcLabels must be a map of string to string, got string/) as string,
      },
    ],
    [
      'pvcLabels null',
      onePolicy('conditions: {pvcLabels: ~}', 'action: {type: skip}'),
      {
        code: 'INVALID_PVC_CONDITION',
        path: 'volumePolicies[0].conditions.pvcLabels',
        line: 3,
        column: 27,
        message: expect.stringMatching(/got <nil>/) as string,
      },
    ],
    [
      'pvcLabels with a non-string key (yaml.v3 map[interface {}]interface {})',
      onePolicy('conditions: {pvcLabels: {1: a}}', 'action: {type: skip}'),
      {
        code: 'INVALID_PVC_CONDITION',
        path: 'volumePolicies[0].conditions.pvcLabels',
        line: 3,
        column: 27,
        message: expect.stringMatching(/^pvcLabels must be a map of string to string, got map\[interface \{\}\]interface \{\}/) as string,
      },
    ],
    [
      'pvcVolumeMode not a string',
      onePolicy('conditions: {pvcVolumeMode: 1}', 'action: {type: skip}'),
      {
        code: 'INVALID_PVC_CONDITION',
        path: 'volumePolicies[0].conditions.pvcVolumeMode',
        line: 3,
        column: 31,
        message: expect.stringMatching(/^pvcVolumeMode must be a string, got int/) as string,
      },
    ],
    [
      'pvcAccessModes a string',
      onePolicy('conditions: {pvcAccessModes: ReadWriteOnce}', 'action: {type: skip}'),
      {
        code: 'INVALID_PVC_CONDITION',
        path: 'volumePolicies[0].conditions.pvcAccessModes',
        line: 3,
        column: 32,
        message: expect.stringMatching(/^pvcAccessModes must be a list of strings, got string/) as string,
      },
    ],
    [
      'pvcAccessModes element not a string',
      onePolicy('conditions: {pvcAccessModes: [1.5]}', 'action: {type: skip}'),
      {
        code: 'INVALID_PVC_CONDITION',
        path: 'volumePolicies[0].conditions.pvcAccessModes',
        line: 3,
        column: 32,
        message: expect.stringMatching(/got element float64/) as string,
      },
    ],
    [
      'a string where a list goes',
      onePolicy('conditions: {storageClass: gp2}', 'action: {type: skip}'),
      {
        code: 'WRONG_TYPE',
        path: 'volumePolicies[0].conditions.storageClass',
        line: 3,
        column: 30,
        message: 'expected array, received "gp2"',
      },
    ],
    [
      'a list where a map goes',
      onePolicy('conditions: [gp2]', 'action: {type: skip}'),
      { code: 'WRONG_TYPE', path: 'volumePolicies[0].conditions', line: 3, column: 15, message: 'expected object, received array' },
    ],
    [
      'duplicate key',
      lines('version: v1', 'version: v1'),
      { code: 'YAML_SYNTAX', path: '(root)', line: 2, column: 1, message: 'invalid YAML: Map keys must be unique' },
    ],
    [
      'empty document',
      '# only a comment\n',
      {
        code: 'EMPTY_DOCUMENT',
        path: '(root)',
        line: 1,
        column: 1,
        message: 'the resource policies document is empty; it needs at least "version: v1"',
      },
    ],
  ])('%s', (_name, text, expected) => {
    expect(issuesOf(text)).toEqual([expected]);
  });

  it('bad indentation is a YAML error at its position', () => {
    const [issue] = issuesOf(lines('version: v1', 'volumePolicies:', '- action:', '    type: skip', '   conditions: {}'));
    expect(issue).toMatchObject({ code: PolicyIssueCode.YamlSyntax, path: '(root)', line: 5 });
  });

  it('reports every problem in one pass, in document order', () => {
    const issues = issuesOf(
      lines(
        'version: v2',
        'volumePolicies:',
        '- conditions: {capacity: "5Gi", foo: 1, csi: {volumeAttributes: {a: b}}}',
        '  action: {type: backup}',
        '- conditions: {capacity: "10Gi,1Gi"}',
        '  action: {type: fs-backup, parameters: {snapshotClass: x}}',
      ),
    );
    expect(issues.map((i) => [i.code, i.path, i.line])).toEqual([
      ['UNSUPPORTED_VERSION', 'version', 1],
      ['CAPACITY_FORMAT', 'volumePolicies[0].conditions.capacity', 3],
      ['UNKNOWN_FIELD', 'volumePolicies[0].conditions.foo', 3],
      ['CSI_DRIVER_REQUIRED', 'volumePolicies[0].conditions.csi', 3],
      ['INVALID_ACTION_TYPE', 'volumePolicies[0].action.type', 4],
      ['CAPACITY_VALUES', 'volumePolicies[1].conditions.capacity', 5],
      ['INVALID_ACTION_PARAMETER', 'volumePolicies[1].action.parameters.snapshotClass', 6],
    ]);
  });

  it('an alias is decoded (and located) as the anchored node', () => {
    const issues = issuesOf(
      lines(
        'version: v1',
        'volumePolicies:',
        '- conditions: &small {capacity: "5Gi"}',
        '  action: {type: skip}',
        '- conditions: *small',
        '  action: {type: skip}',
      ),
    );
    expect(issues.map((i) => [i.path, i.line, i.column])).toEqual([
      ['volumePolicies[0].conditions.capacity', 3, 33],
      ['volumePolicies[1].conditions.capacity', 3, 33],
    ]);
  });
});

describe('volume policy parser - throwing variant', () => {
  it('throws InvalidResourcePoliciesError naming the source and every issue', () => {
    expect.assertions(3);
    try {
      parseResourcePoliciesOrThrow(lines('version: v2'), { source: 'ConfigMap velero/policies' });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidResourcePoliciesError);
      expect((error as InvalidResourcePoliciesError).code).toBe('VOLUME_POLICY_INVALID_POLICIES');
      expect((error as Error).message).toContain(
        'from ConfigMap velero/policies are invalid: version (line 1, column 10): incompatible version number v2',
      );
    }
  });

  it('returns the policies when valid', () => {
    expect(parseResourcePoliciesOrThrow(lines('version: v1')).volumePolicies).toEqual([]);
  });
});
