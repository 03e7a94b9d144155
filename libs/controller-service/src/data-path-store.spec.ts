import { applyChange, mergePatchOf } from './data-path-store';
import { FerryAnnotation, hasFinalizer, isExposeOnGoing, moveAttemptOf, moveTargetOf } from './resource-marks';
import { aNewDataUpload, aNewPodVolumeBackup } from './testing/data-path-fakes';

describe('data-path store - changes as merge patches', () => {
  const du = { ...aNewDataUpload(), metadata: { ...aNewDataUpload().metadata, resourceVersion: '7', finalizers: ['other'] } };

  it('patches metadata and status together with the resourceVersion as precondition', () => {
    expect(
      mergePatchOf(du, {
        finalizer: true,
        exposeOnGoing: true,
        annotations: { [FerryAnnotation.CancelingSince]: null },
        status: { phase: 'Accepted', acceptedByNode: 'c' },
      }),
    ).toEqual({
      metadata: {
        resourceVersion: '7',
        finalizers: ['other', 'velero.io/data-upload-download-finalizer'],
        labels: { 'velero.io/expose-on-going': 'true' },
        annotations: { 'ferry.dev/canceling-since': null },
      },
      status: { phase: 'Accepted', acceptedByNode: 'c' },
    });
  });

  // Velero: TestReconcile "add finalizer to du" / TestPVBReconcile "add finalizer to pvb" (PodVolumeFinalizer).
  it.each([
    ['DataUpload', aNewDataUpload(), 'velero.io/data-upload-download-finalizer'],
    ['PodVolumeBackup', aNewPodVolumeBackup(), 'velero.io/pod-volume-finalizer'],
  ])('a %s gets its kind’s finalizer', (_kind, resource, finalizer) => {
    expect(mergePatchOf(resource, { finalizer: true })).toEqual({ metadata: { resourceVersion: undefined, finalizers: [finalizer] } });
    const held = applyChange(resource, { finalizer: true });
    expect(hasFinalizer(held)).toBe(true);
    expect(hasFinalizer(applyChange(held, { finalizer: false }))).toBe(false);
  });

  it('drops status fields the kind does not have', () => {
    expect(mergePatchOf(aNewPodVolumeBackup(), { status: { phase: 'Accepted', acceptedByNode: 'c', node: 'n' } })).toEqual({
      metadata: { resourceVersion: undefined },
      status: { phase: 'Accepted' },
    });
  });

  it('applies a change as the API server applies the patch', () => {
    const accepted = applyChange(du, { finalizer: true, exposeOnGoing: true, status: { phase: 'Accepted' } });
    expect(hasFinalizer(accepted)).toBe(true);
    expect(isExposeOnGoing(accepted)).toBe(true);
    const started = applyChange(accepted, {
      exposeOnGoing: false,
      finalizer: false,
      annotations: { [FerryAnnotation.MoveAttempt]: '2', [FerryAnnotation.MoveVolume]: '{"node":"n","podUid":"u","volumeDir":"v"}' },
    });
    expect(started.metadata?.finalizers).toEqual(['other']);
    expect(started.metadata?.labels).toEqual({});
    expect(moveAttemptOf(started)).toBe(2);
    expect(moveTargetOf(started)).toEqual({ node: 'n', podUid: 'u', volumeDir: 'v' });
    expect(moveAttemptOf(applyChange(started, { annotations: { [FerryAnnotation.MoveAttempt]: null } }))).toBe(1);
    expect(du.metadata.finalizers).toEqual(['other']);
  });
});

describe('resource marks - readers', () => {
  it.each([
    [undefined, 1],
    ['2', 2],
    ['0', 1],
    ['x', 1],
  ])('attempt %p → %d', (value, attempt) => {
    const resource = applyChange(aNewDataUpload(), value ? { annotations: { [FerryAnnotation.MoveAttempt]: value } } : {});
    expect(moveAttemptOf(resource)).toBe(attempt);
  });

  it.each(['{not json', JSON.stringify({ node: 'n1' })])('an unreadable move target %s is none', (text) => {
    expect(moveTargetOf(applyChange(aNewDataUpload(), { annotations: { [FerryAnnotation.MoveVolume]: text } }))).toBeUndefined();
  });
});
