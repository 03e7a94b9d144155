// Velero's wantErr tables for the filter policies (internal/resourcepolicies/resource_policies_test.go:
// TestNamespacedFilterPolicies, TestClusterScopedFilterPolicies, TestPolicyLabelSelectorSetBased),
// rewritten as builders, through the whole parser: every problem carries path, position and wording.
import { PolicyIssueCode, type PolicyIssue } from './errors';
import { clusterScoped, issuesOf, lines, namespaced } from './testing';

const web = { matchLabels: { app: 'web' } };

const invalid = (path: string, line: number, column: number, message: string): Omit<PolicyIssue, 'code'> => ({
  path,
  line,
  column,
  message,
});
const nfp = 'namespacedFilterPolicies';
const csp = 'clusterScopedFilterPolicy';

describe('filter policies - problems (Velero wantErr: true) carry path, line, column and Velero wording', () => {
  it.each<[string, string, Omit<PolicyIssue, 'code'>]>([
    [
      'no namespaces',
      namespaced([[], [{ kinds: ['Pod'] }]]),
      invalid(`${nfp}[0].namespaces`, 3, 15, 'at least one namespace must be specified; list namespace names or patterns'),
    ],
    [
      'no resourceFilters',
      lines('version: v1', `${nfp}:`, '- namespaces: [test]', '  resourceFilters: []'),
      invalid(
        `${nfp}[0].resourceFilters`,
        4,
        20,
        'at least one resourceFilter must be specified; add one (kinds: ["*"] selects every kind)',
      ),
    ],
    [
      'two asterisk catch-alls',
      namespaced([
        ['test'],
        [
          { kinds: ['*'], labelSelector: web },
          { kinds: ['*'], labelSelector: { matchLabels: { app: 'db' } } },
        ],
      ]),
      invalid(
        `${nfp}[0].resourceFilters[1].kinds`,
        6,
        14,
        'only one catch-all resource filter is allowed; merge the catch-all filters into one',
      ),
    ],
    [
      'empty and asterisk kinds',
      namespaced([['test'], [{ kinds: [], labelSelector: web }, { kinds: ['*'] }]]),
      invalid(
        `${nfp}[0].resourceFilters[1].kinds`,
        6,
        14,
        'only one catch-all resource filter is allowed; merge the catch-all filters into one',
      ),
    ],
    [
      'two filters without kinds',
      namespaced([['test'], [{ labelSelector: web }, { kinds: [] }]]),
      invalid(
        `${nfp}[0].resourceFilters[1].kinds`,
        6,
        14,
        'only one catch-all resource filter is allowed; merge the catch-all filters into one',
      ),
    ],
    [
      'names on a catch-all',
      namespaced([['test'], [{ kinds: [], names: ['app-*'] }]]),
      invalid(
        `${nfp}[0].resourceFilters[0].names`,
        5,
        25,
        'names or excludedNames cannot be specified for catch-all filters; name the kinds they apply to',
      ),
    ],
    [
      'excludedNames on a catch-all',
      namespaced([['test'], [{ kinds: ['*'], excludedNames: ['app-*'] }]]),
      invalid(
        `${nfp}[0].resourceFilters[0].excludedNames`,
        5,
        36,
        'names or excludedNames cannot be specified for catch-all filters; name the kinds they apply to',
      ),
    ],
    [
      'a kind in two filters',
      namespaced([['test'], [{ kinds: ['Pod'] }, { kinds: ['Pod', 'ConfigMap'] }]]),
      invalid(
        `${nfp}[0].resourceFilters[1].kinds[0]`,
        6,
        15,
        'kind "Pod" appears in both resourceFilters[0] and resourceFilters[1]; list each kind in one filter only',
      ),
    ],
    [
      'labelSelector with orLabelSelectors',
      namespaced([['test'], [{ kinds: ['Pod'], labelSelector: web, orLabelSelectors: [{ matchLabels: { env: 'prod' } }] }]]),
      invalid(
        `${nfp}[0].resourceFilters[0].orLabelSelectors`,
        5,
        87,
        'labelSelector and orLabelSelectors cannot co-exist; keep one of them',
      ),
    ],
    [
      'bad glob in names',
      namespaced([['test'], [{ kinds: ['Pod'], names: ['[invalid'] }]]),
      invalid(`${nfp}[0].resourceFilters[0].names[0]`, 5, 31, 'invalid glob pattern "[invalid": unexpected end of input'),
    ],
    [
      'bad glob in excludedNames',
      namespaced([['test'], [{ kinds: ['Pod'], excludedNames: ['[z-a]'] }]]),
      invalid(
        `${nfp}[0].resourceFilters[0].excludedNames[0]`,
        5,
        39,
        `invalid glob pattern "[z-a]": hi character 'a' should be greater than lo 'z'`,
      ),
    ],
    [
      'duplicate namespace pattern',
      namespaced([['production'], [{ kinds: ['Pod'] }]], [['production'], [{ kinds: ['ConfigMap'] }]]),
      invalid(
        `${nfp}[0].namespaces[0]`,
        3,
        16,
        "duplicate namespace pattern 'production' found in policies [0 1]; list each namespace pattern in one policy only",
      ),
    ],
    [
      'consecutive asterisks in a namespace',
      namespaced([['prod**uction'], [{ kinds: ['Pod'] }]]),
      invalid(
        `${nfp}[0].namespaces[0]`,
        3,
        16,
        'wildcard pattern contains consecutive asterisks (only single * allowed); namespace patterns support only *, ? and [...]',
      ),
    ],
    [
      'braces in a namespace',
      namespaced([['{a,b}'], [{ kinds: ['Pod'] }]]),
      invalid(
        `${nfp}[0].namespaces[0]`,
        3,
        16,
        'wildcard pattern contains unsupported characters: |, (, ), !, {, }, ,; namespace patterns support only *, ? and [...]',
      ),
    ],
    [
      'empty brackets in a namespace',
      namespaced([['ns-[]'], [{ kinds: ['Pod'] }]]),
      invalid(
        `${nfp}[0].namespaces[0]`,
        3,
        16,
        "wildcard pattern contains empty bracket pattern '[]'; namespace patterns support only *, ? and [...]",
      ),
    ],
    [
      'invalid selector operator',
      namespaced([
        ['ns1'],
        [{ kinds: ['Pod'], labelSelector: { matchExpressions: [{ key: 'environment', operator: 'Equals', values: ['prod'] }] } }],
      ]),
      invalid(
        `${nfp}[0].resourceFilters[0].labelSelector`,
        5,
        38,
        'invalid label selector: "Equals" is not a valid label selector operator',
      ),
    ],
    [
      'In without values',
      namespaced([['ns1'], [{ kinds: ['Pod'], orLabelSelectors: [{ matchExpressions: [{ key: 'env', operator: 'In' }] }] }]]),
      invalid(
        `${nfp}[0].resourceFilters[0].orLabelSelectors[0]`,
        5,
        42,
        "invalid label selector: values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty",
      ),
    ],
    [
      'Exists with values',
      clusterScoped({ kinds: ['ClusterRole'], labelSelector: { matchExpressions: [{ key: 'env', operator: 'Exists', values: ['a'] }] } }),
      invalid(
        `${csp}.resourceFilters[0].labelSelector`,
        4,
        46,
        'invalid label selector: values: Invalid value: ["a"]: values set must be empty for exists and does not exist',
      ),
    ],
    [
      'bad label value',
      clusterScoped({ kinds: ['ClusterRole'], labelSelector: { matchLabels: { app: 'a b' } } }),
      invalid(
        `${csp}.resourceFilters[0].labelSelector`,
        4,
        46,
        `invalid label selector: values[0][app]: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      ),
    ],
    [
      'bad label key prefix',
      clusterScoped({ kinds: ['ClusterRole'], labelSelector: { matchLabels: { '/app': 'x' } } }),
      invalid(
        `${csp}.resourceFilters[0].labelSelector`,
        4,
        46,
        'invalid label selector: key: Invalid value: "/app": prefix part must be non-empty',
      ),
    ],
    [
      'cluster, empty resourceFilters',
      lines('version: v1', `${csp}:`, '  resourceFilters: []'),
      invalid(`${csp}.resourceFilters`, 3, 20, 'resourceFilters cannot be empty; remove the policy block entirely if it is not needed'),
    ],
    [
      'cluster, empty kinds',
      clusterScoped({ kinds: [], names: ['my-app-*'] }),
      invalid(
        `${csp}.resourceFilters[0].kinds`,
        4,
        14,
        'kinds must be specified (catch-all is not supported); list the cluster-scoped kinds this filter applies to',
      ),
    ],
    [
      'cluster, asterisk kinds',
      clusterScoped({ kinds: ['*'], labelSelector: web }),
      invalid(
        `${csp}.resourceFilters[0].kinds`,
        4,
        14,
        'kinds must be specified (catch-all is not supported); list the cluster-scoped kinds this filter applies to',
      ),
    ],
    [
      'cluster, a kind in two filters',
      clusterScoped({ kinds: ['ClusterRole'] }, { kinds: ['ClusterRole'], labelSelector: web }),
      invalid(
        `${csp}.resourceFilters[1].kinds[0]`,
        5,
        15,
        'kind "ClusterRole" appears in both resourceFilters[0] and resourceFilters[1]; list each kind in one filter only',
      ),
    ],
    [
      'cluster, * counts as a kind beside others',
      clusterScoped({ kinds: ['*', 'A'] }, { kinds: ['*', 'B'] }),
      invalid(
        `${csp}.resourceFilters[1].kinds[0]`,
        5,
        15,
        'kind "*" appears in both resourceFilters[0] and resourceFilters[1]; list each kind in one filter only',
      ),
    ],
    [
      'cluster, labelSelector with orLabelSelectors',
      clusterScoped({ kinds: ['ClusterRole'], labelSelector: web, orLabelSelectors: [web] }),
      invalid(`${csp}.resourceFilters[0].orLabelSelectors`, 4, 95, 'labelSelector and orLabelSelectors cannot co-exist; keep one of them'),
    ],
    [
      'cluster, bad glob in excludedNames',
      clusterScoped({ kinds: ['ClusterRole'], excludedNames: ['[bad'] }),
      invalid(`${csp}.resourceFilters[0].excludedNames[0]`, 4, 47, 'invalid glob pattern "[bad": unexpected end of input'),
    ],
  ])('%s', (_name, text, expected) => {
    expect(issuesOf(text)).toEqual([{ code: PolicyIssueCode.InvalidFilterPolicy, ...expected }]);
  });

  it('reports every problem, not only the first as Velero does', () => {
    const issues = issuesOf(namespaced([[], []], [['a**'], [{ kinds: ['Pod'], names: ['['] }]]));
    expect(issues.map((i) => i.path)).toEqual([
      `${nfp}[0].namespaces`,
      `${nfp}[0].resourceFilters`,
      `${nfp}[1].namespaces[0]`,
      `${nfp}[1].resourceFilters[0].names[0]`,
    ]);
  });
});
