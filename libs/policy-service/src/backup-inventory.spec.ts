import { chooseListScope } from './backup-inventory';

describe('backup inventory - list scope', () => {
  it.each<[string, string[] | undefined, number, string]>([
    ['all namespaces', undefined, 3, 'cluster'],
    ['* ', ['*'], 1, 'cluster'],
    ['a wildcard pattern', ['app-*'], 1, 'cluster'],
    ['one named namespace', ['app'], 1, 'namespace'],
    ['four named namespaces', ['a', 'b', 'c', 'd'], 4, 'namespace'],
    ['five named namespaces', ['a', 'b', 'c', 'd', 'e'], 5, 'cluster'],
  ])('%s → %s lists', (_name, includedNamespaces, count, scope) => {
    expect(chooseListScope({ includedNamespaces }, count)).toBe(scope);
  });

  it('honours a custom limit', () => {
    expect(chooseListScope({ includedNamespaces: ['a', 'b'] }, 2, 1)).toBe('cluster');
  });
});
