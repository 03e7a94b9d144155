import { compileGoRegexp } from './go-regexp';

describe('Go regexp on JS - matching like regexp.MatchString', () => {
  it.each<[string, string, boolean]>([
    ['^test-.*$', 'test-deployment', true],
    ['^test-.*$', 'prod-deployment', false],
    ['deploy', 'my-deployment', true],
    ['(?P<app>mysql)-\\d+', 'mysql-0', true],
    ['(?i)^MySQL', 'mysql-0', true],
    ['\\Amysql\\z', 'mysql', true],
    ['\\Amysql\\z', 'mysql\n', false],
    ['^[[:alpha:]]+-[[:digit:]]$', 'web-1', true],
    ['^[[:alpha:]]+$', 'web-1', false],
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['^a.b$', 'a\rb', true],
    ['^a\\sb$', 'a\u00a0b', false],
    ['^\\pL+$', 'héllo', true],
    ['^\\x{41}$', 'A', true],
    ['^c\\155\\61$', 'cm1', true],
    ['^\\0$', '\u0000', true],
    ['^\\1010$', 'A0', true],
    ['^a{2}$', 'aa', true],
    ['^a{01}$', 'a{01}', true],
    ['^a{,2}$', 'a{,2}', true],
    ['^a}\\pL$', 'a}é', true],
  ])('%s against %s → %s', (pattern, name, expected) => {
    const compiled = compileGoRegexp(pattern);
    expect(compiled.ok && compiled.regexp.test(name)).toBe(expected);
  });
});

describe('Go regexp on JS - what RE2 rejects', () => {
  it.each<[string, string]>([
    ['[a-z', 'error parsing regexp: missing closing ]: `[a-z`'],
    ['(abc', 'error parsing regexp: missing closing ): `(abc`'],
    ['abc)', 'error parsing regexp: unexpected ): `abc)`'],
    ['(a)\\1', 'error parsing regexp: invalid escape sequence: `\\1`'],
    ['a(?=b)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['a(?<!b)', 'error parsing regexp: invalid or unsupported Perl syntax: `(?<`'],
    ['\\y', 'error parsing regexp: invalid escape sequence: `\\y`'],
    ['abc\\', 'error parsing regexp: trailing backslash at end of expression: ``'],
    ['a{1001}', 'error parsing regexp: invalid repeat count: `{1001}`'],
    ['a{2,1}', 'error parsing regexp: invalid repeat count: `{2,1}`'],
    ['a{0,1001}', 'error parsing regexp: invalid repeat count: `{0,1001}`'],
    ['\\8', 'error parsing regexp: invalid escape sequence: `\\8`'],
    ['(?U)a+', 'error parsing regexp: the ungreedy flag (?U) is not supported by Ferry; write lazy quantifiers (*?, +?) instead'],
  ])('%s', (pattern, message) => {
    expect(compileGoRegexp(pattern)).toEqual({ ok: false, message });
  });

  it('reports what JS itself rejects with its own words', () => {
    const result = compileGoRegexp('a**');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^error parsing regexp: /);
  });
});
