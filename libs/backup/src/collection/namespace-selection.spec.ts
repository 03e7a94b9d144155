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

  it('includes everything only without excludes and with no includes or `*`', () => {
    expect(namespaceFilterIncludesEverything(namespaceFilterOf({}, []))).toBe(true);
    expect(namespaceFilterIncludesEverything(namespaceFilterOf({ includedNamespaces: ['*'] }, []))).toBe(true);
    expect(namespaceFilterIncludesEverything(namespaceFilterOf({ excludedNamespaces: ['x'] }, []))).toBe(false);
    expect(namespaceFilterIncludesEverything(namespaceFilterOf({ includedNamespaces: ['a'] }, ['a']))).toBe(false);
  });
});
