import {
  usesOldResourceFilters,
  usesScopedResourceFilters,
  validateIncludesExcludes,
  validateNamespaceIncludesExcludes,
  validateScopedIncludesExcludes,
} from './includes-excludes';

type Lists = [string[] | undefined, string[] | undefined];

describe('includes/excludes - ValidateIncludesExcludes', () => {
  it.each<[string, Lists, string[]]>([
    ['empty lists', [undefined, undefined], []],
    ['star alone', [['*'], []], []],
    ['star with others', [['*', 'pods'], []], ["includes list must either contain '*' only, or a non-empty list of items"]],
    ['star excluded', [[], ['*']], ["excludes list cannot contain '*'"]],
    [
      'items in both, reported in sorted order',
      [
        ['secrets', 'pods', 'configmaps'],
        ['secrets', 'configmaps', 'nodes'],
      ],
      [
        'excludes list cannot contain an item in the includes list: configmaps',
        'excludes list cannot contain an item in the includes list: secrets',
      ],
    ],
    [
      'everything at once',
      [
        ['*', 'a'],
        ['*', 'a', 'a'],
      ],
      [
        "includes list must either contain '*' only, or a non-empty list of items",
        "excludes list cannot contain '*'",
        'excludes list cannot contain an item in the includes list: *',
        'excludes list cannot contain an item in the includes list: a',
      ],
    ],
  ])('%s', (_, [includes, excludes], errors) => {
    expect(validateIncludesExcludes(includes, excludes)).toEqual(errors);
  });
});

describe('includes/excludes - ValidateScopedIncludesExcludes', () => {
  it.each<[string, Lists, string[]]>([
    ['empty', [[], []], []],
    ['star excluded alone is fine', [[], ['*']], []],
    ['star with other excludes', [[], ['*', 'pods']], ["excludes list must either contain '*' only, or a non-empty list of items"]],
    ['includes beside an excluded star', [['pods'], ['*']], ["when exclude is '*', include cannot have value"]],
    ['star with other includes', [['*', 'pods'], []], ["includes list must either contain '*' only, or a non-empty list of items"]],
    ['item in both', [['pods'], ['pods']], ['excludes list cannot contain an item in the includes list: pods']],
  ])('%s', (_, [includes, excludes], errors) => {
    expect(validateScopedIncludesExcludes(includes, excludes)).toEqual(errors);
  });
});

const dnsLabel =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('includes/excludes - ValidateNamespaceIncludesExcludes', () => {
  it.each<[string, Lists, string[]]>([
    ['globs are fine', [['app-*', 'db?', 'ns[0-9]'], ['app-test']], []],
    ['empty string allowed', [[''], []], []],
    ['namespace both included and excluded', [['a', 'b'], ['b']], ['excludes list cannot contain an item in the includes list: b']],
    ['unsupported glob characters', [['{a,b}'], []], ['wildcard pattern contains unsupported characters: |, (, ), !, {, }, ,']],
    ['consecutive asterisks', [['a**'], []], ['wildcard pattern contains consecutive asterisks (only single * allowed)']],
    ['empty brackets', [['a[]'], []], ["wildcard pattern contains empty bracket pattern '[]'"]],
    ['unclosed bracket', [['a[b'], []], ["wildcard pattern contains unclosed bracket '['"]],
    ['unmatched closing bracket', [['a]'], []], ["wildcard pattern contains unmatched closing bracket ']'"]],
    ['upper case', [['Prod'], []], [`invalid namespace "Prod": ${dnsLabel}`]],
    ['dots', [['a.b'], []], ['invalid namespace "a.b": must not contain dots']],
    [
      'too long and invalid',
      [['-'.repeat(64)], []],
      [`invalid namespace "${'-'.repeat(64)}": must be no more than 63 characters`, `invalid namespace "${'-'.repeat(64)}": ${dnsLabel}`],
    ],
    ['quoted the Go way', [['a"b\n'], []], [`invalid namespace "a\\"b\\n": ${dnsLabel}`]],
    [
      'list errors first, then includes then excludes, each sorted',
      [
        ['Z', 'B', 'c'],
        ['c', 'Y'],
      ],
      [
        'excludes list cannot contain an item in the includes list: c',
        `invalid namespace "B": ${dnsLabel}`,
        `invalid namespace "Z": ${dnsLabel}`,
        `invalid namespace "Y": ${dnsLabel}`,
      ],
    ],
  ])('%s', (_, [includes, excludes], errors) => {
    expect(validateNamespaceIncludesExcludes(includes, excludes)).toEqual(errors);
  });
});

describe('includes/excludes - which filter style a spec uses', () => {
  it.each<[string, Record<string, unknown>, boolean, boolean]>([
    ['nothing', {}, false, false],
    ['includeClusterResources false', { includeClusterResources: false }, true, false],
    ['includeClusterResources null', { includeClusterResources: null }, false, false],
    ['includedResources', { includedResources: ['pods'] }, true, false],
    ['empty excludedResources', { excludedResources: [] }, false, false],
    ['scoped', { excludedNamespaceScopedResources: ['secrets'] }, false, true],
    ['both', { includedResources: ['pods'], includedClusterScopedResources: ['nodes'] }, true, true],
  ])('%s', (_, spec, old, scoped) => {
    expect([usesOldResourceFilters(spec), usesScopedResourceFilters(spec)]).toEqual([old, scoped]);
  });
});
