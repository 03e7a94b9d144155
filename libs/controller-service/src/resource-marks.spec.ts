import type { DataPathObject } from './data-path-resources';
import {
  FerryAnnotation,
  hasFinalizer,
  kubeTime,
  moveAttemptOf,
  moveTargetOf,
  setAnnotation,
  setExposeOnGoing,
  setFinalizer,
} from './resource-marks';

describe('resource marks - finalizer, label and annotations on copies', () => {
  it('adds and removes the finalizer once, keeping others', () => {
    const resource: DataPathObject = { metadata: { name: 'x', finalizers: ['other'] } };
    setFinalizer(resource, true);
    setFinalizer(resource, true);
    expect(resource.metadata?.finalizers).toEqual(['other', 'velero.io/data-upload-download-finalizer']);
    expect(hasFinalizer(resource)).toBe(true);
    setFinalizer(resource, false);
    expect(resource.metadata?.finalizers).toEqual(['other']);
  });

  it('sets and clears the expose-on-going label', () => {
    const resource: DataPathObject = { metadata: { labels: { keep: 'me' } } };
    setExposeOnGoing(resource, true);
    expect(resource.metadata?.labels).toEqual({ keep: 'me', 'velero.io/expose-on-going': 'true' });
    setExposeOnGoing(resource, false);
    expect(resource.metadata?.labels).toEqual({ keep: 'me' });
  });

  it.each<[string | undefined, unknown]>([
    [JSON.stringify({ node: 'n1', podUid: 'u', volumeDir: 'pv' }), { node: 'n1', podUid: 'u', volumeDir: 'pv' }],
    [
      JSON.stringify({ node: 'n1', podUid: 'u', volumeDir: 'v', claimName: 'c' }),
      { node: 'n1', podUid: 'u', volumeDir: 'v', claimName: 'c' },
    ],
    [JSON.stringify({ node: 'n1' }), undefined],
    ['{not json', undefined],
    [undefined, undefined],
  ])('move target %s', (text, target) => {
    const resource: DataPathObject = { metadata: {} };
    setAnnotation(resource, FerryAnnotation.MoveVolume, text);
    expect(moveTargetOf(resource)).toEqual(target);
  });

  it.each([
    [undefined, 1],
    ['2', 2],
    ['0', 1],
    ['x', 1],
  ])('attempt %p → %d', (value, attempt) => {
    const resource: DataPathObject = { metadata: value ? { annotations: { [FerryAnnotation.MoveAttempt]: value } } : {} };
    expect(moveAttemptOf(resource)).toBe(attempt);
  });

  it('writes Velero timestamps in seconds', () => {
    expect(kubeTime(new Date('2025-03-04T05:06:07.890Z'))).toBe('2025-03-04T05:06:07Z');
  });
});
