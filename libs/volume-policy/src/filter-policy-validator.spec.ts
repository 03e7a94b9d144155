// Velero's own tables (internal/resourcepolicies/resource_policies_test.go: TestNamespacedFilterPolicies,
// TestClusterScopedFilterPolicies, TestPolicyLabelSelectorSetBased; volume_resources_validator_test.go:
// the include/exclude cases), rewritten as builders, through the whole parser so every problem
// also carries its path and position.
import { PolicyIssueCode } from './errors';
import { clusterScoped, includeExclude, issuesOf, lines, namespaced } from './testing';
import { parseResourcePolicies } from './volume-policy-parser';

const web = { matchLabels: { app: 'web' } };

describe('filter policies - valid documents (Velero wantErr: false)', () => {
  it.each<[string, string]>([
    [
      'namespaced, multiple kinds',
      namespaced([
        ['frontend', 'backend'],
        [
          { kinds: ['Pod', 'ConfigMap'], labelSelector: web, names: ['app-*'] },
          { kinds: ['Secret'], excludedNames: ['temp-*'] },
        ],
      ]),
    ],
    [
      'namespaced, glob namespaces and orLabelSelectors',
      namespaced([
        ['team-*'],
        [{ kinds: ['Pod'], orLabelSelectors: [{ matchLabels: { env: 'prod' } }, { matchLabels: { env: 'staging' } }] }],
      ]),
    ],
    [
      'namespaced, overlapping patterns (first match wins)',
      namespaced([['team-frontend-*'], [{ kinds: ['Pod'] }]], [['team-*'], [{ kinds: ['Deployment'] }]]),
    ],
    ['namespaced, asterisk catch-all with a selector', namespaced([['test'], [{ kinds: ['*'], labelSelector: web }]])],
    ['namespaced, catch-all without selectors', namespaced([['test'], [{ kinds: ['*'] }]])],
    [
      'namespaced, labelSelector {} is no selector',
      namespaced([['ns1'], [{ kinds: ['Pod'], labelSelector: {}, orLabelSelectors: [web] }]]),
    ],
    [
      'namespaced, set-based selector',
      namespaced([
        ['ns1'],
        [
          {
            kinds: ['Pod'],
            labelSelector: {
              matchLabels: { app: 'web' },
              matchExpressions: [
                { key: 'environment', operator: 'In', values: ['prod', 'staging'] },
                { key: 'do-not-backup', operator: 'DoesNotExist' },
              ],
            },
          },
        ],
      ]),
    ],
    ['cluster, kind with names', clusterScoped({ kinds: ['ClusterRole'], names: ['my-app-*'] })],
    [
      'cluster, kinds with labelSelector',
      clusterScoped({ kinds: ['ClusterRole', 'ClusterRoleBinding'], labelSelector: { matchLabels: { app: 'my-app' } } }),
    ],
    [
      'cluster, orLabelSelectors',
      clusterScoped({
        kinds: ['CustomResourceDefinition'],
        orLabelSelectors: [{ matchLabels: { app: 'a' } }, { matchLabels: { app: 'b' } }],
      }),
    ],
    ['cluster, names and excludedNames', clusterScoped({ kinds: ['ClusterRole'], names: ['my-*'], excludedNames: ['my-debug-*'] })],
    [
      'cluster, NotIn and Exists',
      clusterScoped({
        kinds: ['ClusterRole'],
        labelSelector: {
          matchExpressions: [
            { key: 'tier', operator: 'NotIn', values: ['debug'] },
            { key: 'managed-by', operator: 'Exists' },
          ],
        },
      }),
    ],
    [
      'include/exclude without overlap',
      includeExclude({
        includedClusterScopedResources: ['persistentvolumes'],
        excludedClusterScopedResources: ['crds'],
        includedNamespaceScopedResources: ['pods', 'configmaps'],
        excludedNamespaceScopedResources: ['secrets'],
      }),
    ],
  ])('%s', (_name, text) => {
    expect(issuesOf(text)).toEqual([]);
  });

  it('exposes the typed filter policies, {} selectors dropped and absent lists empty', () => {
    const result = parseResourcePolicies(
      lines(
        namespaced([
          ['frontend'],
          [
            { kinds: ['Pod'], labelSelector: web },
            { kinds: ['Secret'], labelSelector: {} },
          ],
        ]).trimEnd(),
        'clusterScopedFilterPolicy:',
        '  resourceFilters: [{kinds: [ClusterRole], names: [my-app-*]}]',
      ),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.policies.namespacedFilterPolicies).toEqual([
      {
        namespaces: ['frontend'],
        resourceFilters: [
          { kinds: ['Pod'], labelSelector: web, orLabelSelectors: [], names: [], excludedNames: [] },
          { kinds: ['Secret'], orLabelSelectors: [], names: [], excludedNames: [] },
        ],
      },
    ]);
    expect(result.policies.clusterScopedFilterPolicy).toEqual({
      resourceFilters: [{ kinds: ['ClusterRole'], orLabelSelectors: [], names: ['my-app-*'], excludedNames: [] }],
    });
  });
});

describe('include/exclude policy (Velero volume_resources_validator_test)', () => {
  it.each<[string, Record<string, readonly string[]>, string, string]>([
    [
      "'*' in an include list",
      { includedClusterScopedResources: ['*'], excludedClusterScopedResources: ['crds'] },
      'includeExcludePolicy.includedClusterScopedResources[0]',
      "cannot use '*' in includes or excludes filters in the policy; list resources explicitly",
    ],
    [
      "'*' in an exclude list",
      { includedNamespaceScopedResources: ['pods'], excludedNamespaceScopedResources: ['*'] },
      'includeExcludePolicy.excludedNamespaceScopedResources[0]',
      "cannot use '*' in includes or excludes filters in the policy; list resources explicitly",
    ],
    [
      'an item in both lists',
      { includedNamespaceScopedResources: ['pods', 'configmaps'], excludedNamespaceScopedResources: ['secrets', 'pods'] },
      'includeExcludePolicy.excludedNamespaceScopedResources[1]',
      'excludes list cannot contain an item in the includes list: pods',
    ],
  ])('%s', (_name, lists, path, message) => {
    expect(issuesOf(includeExclude(lists))).toEqual([
      expect.objectContaining({ code: PolicyIssueCode.InvalidIncludeExclude, path, message }),
    ]);
  });
});
