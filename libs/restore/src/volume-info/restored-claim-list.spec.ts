import { restoredClaimRefs } from './restored-claim-list';

// velero's TestGetRestoredPVCFromRestoredResourceList.
describe('restoredClaimRefs - the claims a restore created', () => {
  it.each<[string, Record<string, string[]>, string[]]>([
    ['empty list', {}, []],
    ['no match', { 'v1/PersistentVolumeClaim': ['namespace1/pvc1(updated)'], 'v1/PersistentVolume': ['namespace1/pv(created)'] }, []],
    [
      'matches',
      { 'v1/PersistentVolumeClaim': ['namespace1/pvc1(created)', 'namespace2/pvc2(updated)', 'namespace3/pvc(3)(created)'] },
      ['namespace1/pvc1', 'namespace3/pvc(3)'],
    ],
    [
      'skipped claims and duplicates',
      { 'v1/PersistentVolumeClaim': ['a/x(skipped)', 'a/y(created)', 'a/y(created)', 'a/z(failed)'] },
      ['a/y'],
    ],
  ])('%s', (_name, list, expected) => {
    expect(restoredClaimRefs(list).map(({ namespace, name }) => `${namespace}/${name}`)).toEqual(expected);
  });
});
