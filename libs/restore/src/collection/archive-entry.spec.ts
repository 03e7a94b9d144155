import { isPreferredVersionDir, parseArchiveEntry, versionOfDir } from './archive-entry';

describe('parseArchiveEntry (reference §9 layout)', () => {
  it.each([
    ['resources/pods/namespaces/app/web.json', { groupResource: 'pods', versionDir: '', namespace: 'app', name: 'web' }],
    ['resources/persistentvolumes/cluster/pv-1.json', { groupResource: 'persistentvolumes', versionDir: '', namespace: '', name: 'pv-1' }],
    [
      'resources/deployments.apps/v1-preferredversion/namespaces/app/web.json',
      { groupResource: 'deployments.apps', versionDir: 'v1-preferredversion', namespace: 'app', name: 'web' },
    ],
    [
      'resources/widgets.example.com/v1beta1/cluster/w.json',
      { groupResource: 'widgets.example.com', versionDir: 'v1beta1', namespace: '', name: 'w' },
    ],
    ['./resources/configmaps/namespaces/a/b.json', { groupResource: 'configmaps', versionDir: '', namespace: 'a', name: 'b' }],
    ['metadata/version', undefined],
    ['resources/pods/namespaces/app/', undefined],
    ['resources/pods/weird/a/b/c.json', undefined],
  ])('%s', (name, expected) => {
    expect(parseArchiveEntry(name)).toEqual(expected);
  });

  it('reads version directories', () => {
    expect(versionOfDir('v1-preferredversion')).toBe('v1');
    expect(versionOfDir('v2beta1')).toBe('v2beta1');
    expect(isPreferredVersionDir('v1-preferredversion')).toBe(true);
    expect(isPreferredVersionDir('v1')).toBe(false);
  });
});
