import { mergeResourceList } from './resource-list-merge';

describe('mergeResourceList - the collection list plus the finalizing additions', () => {
  it.each([
    ['nothing added', { 'v1/Pod': ['app/web'] }, {}, { 'v1/Pod': ['app/web'] }],
    [
      'a new kind',
      { 'v1/PersistentVolumeClaim': ['app/data'] },
      { 'snapshot.storage.k8s.io/v1/VolumeSnapshot': ['app/velero-data-x'] },
      { 'v1/PersistentVolumeClaim': ['app/data'], 'snapshot.storage.k8s.io/v1/VolumeSnapshot': ['app/velero-data-x'] },
    ],
    [
      'an existing kind, sorted bytewise, no duplicates',
      { 'snapshot.storage.k8s.io/v1/VolumeSnapshotClass': ['b', 'Z'] },
      { 'snapshot.storage.k8s.io/v1/VolumeSnapshotClass': ['a', 'b'] },
      { 'snapshot.storage.k8s.io/v1/VolumeSnapshotClass': ['Z', 'a', 'b'] },
    ],
  ])('%s', (_name, base, additions, expected) => {
    expect(mergeResourceList(base, additions)).toEqual(expected);
  });
});
