import { chooseGroupVersion, sortByKubePriority } from './group-version-choice';

describe('sortByKubePriority (Velero TestK8sPrioritySort)', () => {
  it('orders GA, then beta, then alpha, then other strings', () => {
    const orig = ['v2', 'v11alpha2', 'foo10', 'v10', 'v12alpha1', 'v3beta1', 'foo1', 'v1', 'v10beta3', 'v11beta2'];
    expect(sortByKubePriority(orig)).toEqual([
      'v10',
      'v2',
      'v1',
      'v11beta2',
      'v10beta3',
      'v3beta1',
      'v12alpha1',
      'v11alpha2',
      'foo1',
      'foo10',
    ]);
  });
});

describe('compareKubeAwareVersions (apimachinery CompareKubeAwareVersionStrings)', () => {
  it.each([
    ['sortByKubePriority - major 0 is Kubernetes-like', ['foo', 'v0alpha1', 'v0', 'v1alpha0'], ['v0', 'v1alpha0', 'v0alpha1', 'foo']],
  ])('%s', (_name, versions, expected) => {
    expect(sortByKubePriority(versions)).toEqual(expected);
  });
});

describe('chooseGroupVersion (Velero chooseAPIVersionsToRestore priorities)', () => {
  it.each([
    [
      'group not served by the target → backup preferred',
      { preferredVersion: 'v1', versions: ['v1'] },
      undefined,
      { version: 'v1', dir: 'v1-preferredversion' },
    ],
    [
      'priority 1: target preferred in backup (same as backup preferred)',
      { preferredVersion: 'v1', versions: ['v1', 'v1beta1'] },
      { preferredVersion: 'v1', versions: ['v1'] },
      { version: 'v1', dir: 'v1-preferredversion' },
    ],
    [
      'priority 1: target preferred is a non-preferred backup version',
      { preferredVersion: 'v1beta1', versions: ['v1beta1', 'v2'] },
      { preferredVersion: 'v2', versions: ['v2', 'v1'] },
      { version: 'v2', dir: 'v2' },
    ],
    [
      'priority 2: backup preferred served by the target',
      { preferredVersion: 'v1', versions: ['v1'] },
      { preferredVersion: 'v2', versions: ['v2', 'v1'] },
      { version: 'v1', dir: 'v1-preferredversion' },
    ],
    [
      'priority 3: common non-preferred version',
      { preferredVersion: 'v1beta2', versions: ['v1beta2', 'v2', 'v1'] },
      { preferredVersion: 'v3', versions: ['v3', 'v1'] },
      { version: 'v1', dir: 'v1' },
    ],
    [
      "priority 3 skips each side's highest version, as Velero's [1:] does",
      { preferredVersion: 'v2beta2', versions: ['v2beta2', 'v2beta1', 'v1'] },
      { preferredVersion: 'v3', versions: ['v3', 'v1'] },
      { version: 'v2beta2', dir: 'v2beta2-preferredversion' },
    ],
    [
      'no common version → backup preferred',
      { preferredVersion: 'v2', versions: ['v2'] },
      { preferredVersion: 'v3', versions: ['v3'] },
      { version: 'v2', dir: 'v2-preferredversion' },
    ],
  ])('%s', (_name, source, target, expected) => {
    expect(chooseGroupVersion(source, target)).toEqual(expected);
  });
});
