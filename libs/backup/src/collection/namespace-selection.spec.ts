import { backupIncludesNamespace, namespacePatternMatches, resolveBackupNamespaces } from './namespace-selection';

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
