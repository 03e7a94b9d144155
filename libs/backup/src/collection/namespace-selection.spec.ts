import {
  backupIncludesNamespace,
  namespaceFilterIncludes,
  namespaceFilterIncludesEverything,
  namespaceFilterOf,
  namespacePatternMatches,
  namespacesToList,
  resolveBackupNamespaces,
} from './namespace-selection';

const cluster = ['default', 'app-a', 'app-b', 'apps', 'kube-system', 'velero'];

describe('namespace selection - patterns', () => {
  it.each([
    ['*', 'anything', true],
    ['app-*', 'app-a', true],
    ['app-*', 'apps', false],
    ['app?', 'apps', true],
    ['app?', 'app', false],
    ['a.b', 'axb', false],
    ['a.b', 'a.b', true],
    ['default', 'default', true],
    ['default', 'default2', false],
  ])('%j matches %j: %s', (pattern, name, expected) => {
    expect(namespacePatternMatches(pattern, name)).toBe(expected);
  });
});

describe('namespace selection - resolve against the cluster', () => {
  it.each<[string, { includedNamespaces?: string[] | null; excludedNamespaces?: string[] | null }, string[]]>([
    ['empty includes = all', {}, [...cluster].sort()],
    ['null includes = all', { includedNamespaces: null }, [...cluster].sort()],
    ['* = all', { includedNamespaces: ['*'] }, [...cluster].sort()],
    [
      '* with excludes',
      { includedNamespaces: ['*'], excludedNamespaces: ['kube-system', 'velero'] },
      ['app-a', 'app-b', 'apps', 'default'],
    ],
    ['explicit names; missing ones dropped', { includedNamespaces: ['app-a', 'gone'] }, ['app-a']],
    ['wildcard include', { includedNamespaces: ['app-*'] }, ['app-a', 'app-b']],
    ['exclude wins over include', { includedNamespaces: ['app-a', 'app-b'], excludedNamespaces: ['app-b'] }, ['app-a']],
    ['wildcard exclude', { excludedNamespaces: ['kube-*', 'app*'] }, ['default', 'velero']],
  ])('%s', (_name, spec, expected) => {
    expect(resolveBackupNamespaces(spec, cluster)).toEqual(expected);
  });

  it('checks one namespace without a list', () => {
    expect(backupIncludesNamespace({ includedNamespaces: ['a'] }, 'a')).toBe(true);
    expect(backupIncludesNamespace({ includedNamespaces: ['a'] }, 'b')).toBe(false);
  });
});

// Velero's TestExpandIncludesExcludes (the invalid-pattern case is a validation error before any
// expansion: validateNamespaceIncludesExcludes rejects `**`).
describe('namespace selection - wildcard expansion (TestExpandIncludesExcludes)', () => {
  it.each<[string, string[], string[], string[], string[], string[], boolean]>([
    [
      'no wildcards - should not expand',
      ['default', 'kube-system'],
      ['kube-public'],
      ['default', 'kube-system', 'kube-public', 'test'],
      ['default', 'kube-system'],
      ['kube-public'],
      false,
    ],
    ['asterisk alone - should not expand', ['*'], [], ['default', 'kube-system', 'test'], ['*'], [], false],
    [
      'wildcard in includes - should expand',
      ['kube-*'],
      [],
      ['default', 'kube-system', 'kube-public', 'test'],
      ['kube-public', 'kube-system'],
      [],
      true,
    ],
    [
      'wildcard in excludes - should expand',
      ['default'],
      ['*-test'],
      ['default', 'kube-test', 'app-test', 'prod'],
      ['default'],
      ['app-test', 'kube-test'],
      true,
    ],
    [
      'wildcards in both includes and excludes',
      ['kube-*', 'app-*'],
      ['*-test'],
      ['kube-system', 'kube-test', 'app-prod', 'app-test', 'default'],
      ['app-prod', 'app-test', 'kube-system', 'kube-test'],
      ['app-test', 'kube-test'],
      true,
    ],
    ['wildcard pattern matches nothing', ['nonexistent-*'], [], ['default', 'kube-system'], [], [], true],
    [
      'mix of wildcards and non-wildcards in includes',
      ['default', 'kube-*'],
      [],
      ['default', 'kube-system', 'kube-public', 'test'],
      ['default', 'kube-public', 'kube-system'],
      [],
      true,
    ],
    ['question mark wildcard', ['test-?'], [], ['test-1', 'test-2', 'test-10', 'default'], ['test-1', 'test-2'], [], true],
    ['empty activeNamespaces with wildcards', ['kube-*'], [], [], [], [], true],
  ])('%s', (_name, includes, excludes, active, expectedIncludes, expectedExcludes, expanded) => {
    const filter = namespaceFilterOf({ includedNamespaces: includes, excludedNamespaces: excludes }, active);
    expect(filter.includes.patterns).toEqual(expectedIncludes);
    expect(filter.excludes.patterns).toEqual(expectedExcludes);
    expect(filter.wildcardExpanded).toBe(expanded);
  });

  it('takes nothing when an expanded include list is empty, but lists every namespace for `*`', () => {
    const none = namespaceFilterOf({ includedNamespaces: ['nonexistent-*'] }, ['default']);
    expect(namespaceFilterIncludes(none, 'default')).toBe(false);
    expect(namespacesToList(none)).toEqual([]);
    expect(namespacesToList(namespaceFilterOf({}, ['default']))).toEqual(['']);
    expect(namespacesToList(namespaceFilterOf({ excludedNamespaces: ['kube-*'] }, ['default', 'kube-system']))).toEqual(['']);
    expect(namespacesToList(namespaceFilterOf({ includedNamespaces: ['b', 'a'], excludedNamespaces: ['b'] }, ['a', 'b']))).toEqual(['a']);
  });
});

// Velero 1.18.1's NamespaceIncludesExcludes.IncludeEverything (velero#9587): the Backup's lists
// expanded, `*` too, then no excludes left and no includes or exactly the cluster's namespaces.
describe('namespace selection - includes everything (IncludeEverything, v1.18.1)', () => {
  it.each<[string, string[], string[], string[], boolean]>([
    ['no lists', [], [], [], true],
    ['`*`', ['*'], [], ['a', 'b'], true],
    ['`*` in an empty cluster', ['*'], [], [], true],
    ['an exclude', [], ['x'], ['a', 'x'], false],
    ['`*` and an exclude', ['*'], ['b'], ['a', 'b'], false],
    ['`*` and an exclude pattern matching no namespace', ['*'], ['z-*'], ['a', 'b'], true],
    ['every namespace of the cluster by name', ['b', 'a'], [], ['a', 'b'], true],
    ['a single-namespace cluster', ['a'], [], ['a'], true],
    ['every namespace by a pattern', ['?'], [], ['a', 'b'], true],
    ['some namespaces', ['a'], [], ['a', 'b'], false],
    ['`*` and a namespace the cluster has', ['*', 'a'], [], ['a', 'b'], true],
    ['`*` and a namespace the cluster lacks', ['*', 'c'], [], ['a', 'b'], false],
    ['a pattern matching nothing', ['z-*'], [], ['a', 'b'], true],
  ])('%s', (_name, includes, excludes, active, expected) => {
    const filter = namespaceFilterOf({ includedNamespaces: includes, excludedNamespaces: excludes }, active);
    expect(namespaceFilterIncludesEverything(filter)).toBe(expected);
  });
});

// Velero's TestResolveNamespaceList (its "pre-expanded wildcards" case is the wildcard one again:
// Ferry's filter is built expanded, there is no second expansion to skip). Ferry sorts the result.
describe('namespace selection - resolve the namespace list (TestResolveNamespaceList)', () => {
  it.each<[string, string[], string[], string[], string[]]>([
    ['no includes/excludes - all active namespaces', [], [], ['default', 'kube-system', 'test'], ['default', 'kube-system', 'test']],
    ['asterisk includes - all active namespaces', ['*'], [], ['default', 'kube-system', 'test'], ['default', 'kube-system', 'test']],
    ['specific includes - only those namespaces', ['default', 'test'], [], ['default', 'kube-system', 'test'], ['default', 'test']],
    ['includes with excludes', ['*'], ['kube-system'], ['default', 'kube-system', 'test'], ['default', 'test']],
    [
      'wildcard includes - expands and filters',
      ['kube-*'],
      [],
      ['default', 'kube-system', 'kube-public', 'test'],
      ['kube-public', 'kube-system'],
    ],
    [
      'wildcard includes with wildcard excludes',
      ['app-*'],
      ['*-test'],
      ['app-prod', 'app-dev', 'app-test', 'default'],
      ['app-dev', 'app-prod'],
    ],
    ['wildcard matches nothing - empty result', ['nonexistent-*'], [], ['default', 'kube-system'], []],
    ['empty active namespaces', ['*'], [], [], []],
    ['includes namespace not in active namespaces', ['default', 'nonexistent'], [], ['default', 'test'], ['default']],
    ['excludes all namespaces from includes', ['default', 'test'], ['default', 'test'], ['default', 'test', 'prod'], []],
    ['question mark wildcard pattern', ['ns-?'], [], ['ns-1', 'ns-2', 'ns-10', 'default'], ['ns-1', 'ns-2']],
  ])('%s', (_name, includes, excludes, active, expected) => {
    expect(resolveBackupNamespaces({ includedNamespaces: includes, excludedNamespaces: excludes }, active)).toEqual(expected);
  });
});

// Velero's TestNamespaceIncludesExcludesShouldIncludeAfterWildcardExpansion.
describe('namespace selection - inclusion after wildcard expansion (TestNamespaceIncludesExcludesShouldIncludeAfterWildcardExpansion)', () => {
  it.each<[string, string[], string[], string, boolean]>([
    ['wildcard expanded to empty includes - should not include anything', ['nonexistent-*'], ['default', 'kube-system'], 'default', false],
    [
      'wildcard expanded with matches - should include matched namespace',
      ['kube-*'],
      ['default', 'kube-system', 'kube-public'],
      'kube-system',
      true,
    ],
    [
      'wildcard expanded with matches - should not include unmatched namespace',
      ['kube-*'],
      ['default', 'kube-system', 'kube-public'],
      'default',
      false,
    ],
    ['no wildcard expansion - empty includes means include all', [], ['default', 'kube-system'], 'default', true],
  ])('%s', (_name, includes, active, namespace, expected) => {
    expect(namespaceFilterIncludes(namespaceFilterOf({ includedNamespaces: includes }, active), namespace)).toBe(expected);
  });
});
