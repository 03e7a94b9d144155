import { InvalidDefinitionError, InvalidSubjectTokenError } from './errors';
import { subjectCovers, subjectMatches, subjectsOverlap } from './subject-match';
import { param, subjectTemplate } from './subject-template';
import { nodeNameToken } from './subject-token';

describe('subject-template - building', () => {
  const moveJob = subjectTemplate(['ferry.job.move.v1', param('node', nodeNameToken)]);
  const lanes = subjectTemplate(['t.job', param('lane'), 'x', param('part')]);

  it('renders pattern, wildcard and subjects', () => {
    expect(moveJob.pattern).toBe('ferry.job.move.v1.{node}');
    expect(moveJob.wildcard).toBe('ferry.job.move.v1.*');
    expect(moveJob.build({ node: 'worker.a' })).toBe('ferry.job.move.v1.worker_a');
    expect(lanes.filter({ part: 'p1' })).toBe('t.job.*.x.p1');
  });

  it('parses its own subjects back to parameter values', () => {
    expect(moveJob.parse('ferry.job.move.v1.worker_a')).toEqual({ node: 'worker.a' });
    expect(lanes.parse('t.job.l1.x.p2')).toEqual({ lane: 'l1', part: 'p2' });
    expect(lanes.parse('t.job.l1.y.p2')).toBeUndefined();
    expect(moveJob.parse('ferry.job.move.v1')).toBeUndefined();
  });

  it.each(['a.b', '*', '>', 'a b', ''])('rejects parameter value %j naming the parameter', (lane) => {
    expect(() => lanes.build({ lane, part: 'p' })).toThrow(InvalidSubjectTokenError);
    expect(() => lanes.build({ lane, part: 'p' })).toThrow(/parameter "lane" of subject t\.job\.\{lane\}\.x\.\{part\}/);
  });

  it('rejects invalid literals and duplicate parameters at definition time', () => {
    expect(() => subjectTemplate(['ferry.*.x'])).toThrow(InvalidSubjectTokenError);
    expect(() => subjectTemplate(['ferry..x'])).toThrow(InvalidSubjectTokenError);
    expect(() => subjectTemplate(['a', param('p'), param('p')])).toThrow(InvalidDefinitionError);
  });
});

describe('subject-match - filters', () => {
  it.each([
    ['a.*.c', 'a.b.c', true],
    ['a.>', 'a.b.c', true],
    ['a.>', 'a', false],
    ['a.*', 'a.b.c', false],
    ['a.b', 'a.b', true],
  ])('subjectMatches(%j, %j) is %s', (filter, subject, expected) => {
    expect(subjectMatches(filter, subject)).toBe(expected);
  });

  it.each([
    ['a.*', 'a.b', true],
    ['a.>', 'a.b.c', true],
    ['a.*', 'a.b.c', false],
    ['a.>', 'a', false],
    ['a.b.*', 'a.c.*', false],
    ['*.b', 'a.*', true],
  ])('subjectsOverlap(%j, %j) is %s', (a, b, expected) => {
    expect(subjectsOverlap(a, b)).toBe(expected);
    expect(subjectsOverlap(b, a)).toBe(expected);
  });

  it.each([
    ['a.>', 'a.b.*', true],
    ['a.>', 'a.>', true],
    ['a.*', 'a.>', false],
    ['a.b', 'a.*', false],
    ['a.*.c', 'a.x.c', true],
  ])('subjectCovers(%j, %j) is %s', (general, specific, expected) => {
    expect(subjectCovers(general, specific)).toBe(expected);
  });
});
