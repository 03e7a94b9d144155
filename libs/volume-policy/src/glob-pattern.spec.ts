// Expected values recorded from github.com/gobwas/glob v0.2.3 glob.Compile and Velero's
// wildcard.ValidateNamespaceName. (The port was also compared with glob.Compile on ~40,000
// random patterns over the syntax characters, with no difference.)
import { globPatternError, namespacePatternError } from './glob-pattern';

describe('glob pattern - gobwas/glob Compile', () => {
  it.each<[string, string | undefined]>([
    ['app-*', undefined],
    ['**', undefined],
    ['[a-z]x', undefined],
    ['[a\\]]', undefined],
    ['{a,b', undefined],
    ['a{b,[c]}', undefined],
    [']{}', undefined],
    ['[invalid', 'unexpected end of input'],
    ['[ab', 'unexpected end of input'],
    ['[a-]', 'unexpected end of input'],
    ['\\\\[', 'unexpected end of input'],
    ['ns-\0[', 'unexpected end of input'],
    ['[x\uFFFD]', 'unexpected end of input'],
    ['[]', 'could not parse range'],
    ['[!]', 'could not parse range'],
    ['[a-z!]', 'expected close range character'],
    ['[z-a]', "hi character 'a' should be greater than lo 'z'"],
  ])('%j → %s', (pattern, expected) => {
    expect(globPatternError(pattern)).toBe(expected);
  });
});

describe('glob pattern - Velero namespace patterns', () => {
  it.each<[string, string | undefined]>([
    ['team-*', undefined],
    ['ns-[abc]?', undefined],
    ['ns-[[]', undefined],
    ['a|b', 'wildcard pattern contains unsupported characters: |, (, ), !, {, }, ,'],
    ['{a,b}', 'wildcard pattern contains unsupported characters: |, (, ), !, {, }, ,'],
    ['prod**uction', 'wildcard pattern contains consecutive asterisks (only single * allowed)'],
    ['ns-[]', "wildcard pattern contains empty bracket pattern '[]'"],
    ['ns-[a', "wildcard pattern contains unclosed bracket '['"],
    ['ns-a]', "wildcard pattern contains unmatched closing bracket ']'"],
  ])('%j → %s', (pattern, expected) => {
    expect(namespacePatternError(pattern)).toBe(expected);
  });
});
