import { planSnapshotTakeover } from './exposure-steps';

describe('exposure steps - snapshot takeover', () => {
  it('creates VS and VSC <du>, retains the original VSC, then deletes original VS before VSC', () => {
    const steps = planSnapshotTakeover({
      dataUploadName: 'du-1',
      namespace: 'ferry',
      sourceVs: { name: 'vs-1', namespace: 'app' },
      sourceVscName: 'snapcontent-1',
    });
    expect(steps).toEqual([
      { action: 'create', target: { kind: 'VolumeSnapshot', name: 'du-1', namespace: 'ferry' } },
      { action: 'create', target: { kind: 'VolumeSnapshotContent', name: 'du-1' } },
      { action: 'setSnapshotDeletionPolicy', target: { kind: 'VolumeSnapshotContent', name: 'snapcontent-1' }, policy: 'Retain' },
      { action: 'delete', target: { kind: 'VolumeSnapshot', name: 'vs-1', namespace: 'app' }, waitUntilGone: true },
      { action: 'delete', target: { kind: 'VolumeSnapshotContent', name: 'snapcontent-1' }, waitUntilGone: true },
    ]);
  });
});
