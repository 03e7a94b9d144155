import { MoverServiceErrorCode } from './errors';
import { selectVolumePath } from './volume-locator';

describe('volume path matching - kubelet layout', () => {
  const dir = '/k/pods/uid-1/volumes';
  it.each([
    [
      'a CSI volume uses its mount folder',
      [{ plugin: 'kubernetes.io~csi', hasMount: true }],
      '/k/pods/uid-1/volumes/kubernetes.io~csi/pv-1/mount',
    ],
    [
      'an emptyDir is the folder itself',
      [{ plugin: 'kubernetes.io~empty-dir', hasMount: false }],
      '/k/pods/uid-1/volumes/kubernetes.io~empty-dir/pv-1',
    ],
  ])('%s', (_what, candidates, expected) => {
    expect(selectVolumePath(dir, 'pv-1', candidates)).toBe(expected);
  });

  it('fails without a match naming the searched pattern, and on ambiguity naming both', () => {
    expect(() => selectVolumePath(dir, 'pv-1', [])).toThrow(
      expect.objectContaining({
        code: MoverServiceErrorCode.VolumeNotFound,
        retryable: false,
        message: expect.stringContaining('/k/pods/uid-1/volumes/*/pv-1'),
      }),
    );
    expect(() =>
      selectVolumePath(dir, 'pv-1', [
        { plugin: 'a', hasMount: false },
        { plugin: 'b', hasMount: true },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: MoverServiceErrorCode.VolumeAmbiguous,
        message: expect.stringMatching(/volumes\/a\/pv-1, .*volumes\/b\/pv-1/),
      }),
    );
    expect(() => selectVolumePath(dir, '..', [])).toThrow(/not a single path element/);
  });
});
