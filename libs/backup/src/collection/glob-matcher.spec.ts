import { compileGlob, GlobSet, globSetMatches } from './glob-matcher';

describe('glob matcher - gobwas/glob without separators', () => {
  it.each<[string, string, boolean]>([
    ['*', '', true],
    ['*', 'a.b/c', true],
    ['*.bar', 'foo.bar', true],
    ['*.bar', 'bar.foo', false],
    ['**', 'anything', true],
    ['app-?', 'app-1', true],
    ['app-?', 'app-12', false],
    ['ns[0-9]', 'ns7', true],
    ['ns[0-9]', 'nsx', false],
    ['ns[!0-9]', 'nsx', true],
    ['ns[abc]', 'nsb', true],
    ['ns[!abc]', 'nsb', false],
    ['{web,db}-*', 'db-1', true],
    ['{web,db}-*', 'cache-1', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    ['a.b', 'axb', false],
    ['plain', 'plain', true],
    ['plain', 'plain2', false],
  ])('%j matches %j: %s', (pattern, text, expected) => {
    expect(compileGlob(pattern)?.(text)).toBe(expected);
  });

  it('does not compile what gobwas rejects', () => {
    expect(compileGlob('[')).toBeUndefined();
    expect(compileGlob('[z-a]')).toBeUndefined();
  });

  it('stops at the first pattern (sorted) that does not compile, as Velero’s globStringSet.match', () => {
    expect(globSetMatches(['[', 'foo'], 'foo')).toBe(false);
    expect(new GlobSet(['foo', '[']).matches('foo')).toBe(false);
    expect(new GlobSet(['b*', 'a*']).matches('bx')).toBe(true);
    expect(new GlobSet(['b', 'a', 'a']).patterns).toEqual(['a', 'b']);
    // Go sorts by UTF-8 bytes: U+FF21 comes before an astral character, unlike UTF-16 order.
    expect(new GlobSet(['😀[', 'Ａ*']).matches('Ａx')).toBe(true);
  });
});
