import { pointsInto } from './orphan-tool-reaper';

describe('orphan tools - command lines pointing into the work folder', () => {
  it.each([
    [['restic', 'backup', '--cache-dir=/w/repositories/x/.cache/restic'], true],
    [['kopia', 'snapshot', 'create', '/data', '--config-file=/w/repositories/k/kopia/repository.config'], true],
    [['restic', '--cache-dir=/w2/x'], false],
    [['/w/bin/tool'], true],
    [['cat', '/wx/file'], false],
  ])('%p points into /w: %p', (args, expected) => {
    expect(pointsInto(args, '/w')).toBe(expected);
  });
});
