import { compileGlob } from './glob-matcher';

describe('gobwas glob - groupResource with "." as separator', () => {
  it.each<[string, string, boolean]>([
    ['*', 'pods', true],
    ['*', 'deployments.apps', false],
    ['*.apps', 'deployments.apps', true],
    ['*.apps', 'deployments.apps.example.com', false],
    ['**', 'deployments.apps', true],
    ['deployments.apps', 'deployments.apps', true],
    ['deployments.apps', 'deploymentsxapps', false],
    ['{pods,services}', 'services', true],
    ['?ods', 'pods', true],
    ['[a-p]ods', 'pods', true],
    ['[!p]ods', 'pods', false],
    ['[pq]ods', 'qods', true],
    ['\\*', '*', true],
    ['\\*', 'pods', false],
  ])('%s ~ %s → %s', (pattern, text, expected) => {
    const glob = compileGlob(pattern, '.');
    expect(glob.ok && glob.matches(text)).toBe(expected);
  });

  it('matches across "." without a separator (namespaces)', () => {
    const glob = compileGlob('team-*');
    expect(glob.ok && glob.matches('team-a.b')).toBe(true);
  });

  it.each([
    ['pods[', 'unexpected end of input'],
    ['[z-a]', "hi character 'a' should be greater than lo 'z'"],
  ])('rejects %s with gobwas words', (pattern, message) => {
    expect(compileGlob(pattern, '.')).toEqual({ ok: false, message });
  });
});
