import {
  estimateEtaSeconds,
  estimateProgress,
  isEmissionDue,
  pruneSamples,
  rateOverWindow,
  type ProgressSample,
} from './transfer-progress';
import { createProgressTracker } from './transfer-progress-tracker';

const s = (atMs: number, bytesDone: number, totalBytes?: number): ProgressSample => ({
  atMs,
  bytesDone,
  ...(totalBytes === undefined ? {} : { totalBytes }),
});

describe('transfer progress - rate over a sliding window', () => {
  it.each<[string, ProgressSample[], number, number]>([
    ['no samples', [], 1000, 0],
    ['one sample', [s(0, 500)], 1000, 0],
    ['steady 1 MB/s inside the window', [s(0, 0), s(1000, 1e6), s(2000, 2e6)], 2000, 1e6],
    ['measured up to now: a stalled tool decays', [s(0, 0), s(1000, 1e6)], 4000, 250_000],
    ['baseline is the newest sample at the window start', [s(0, 0), s(5000, 50e6), s(6000, 51e6), s(10_000, 55e6)], 10_000, 1e6],
    ['an estimate that shrinks is never a negative rate', [s(0, 100), s(1000, 50)], 1000, 0],
    ['a window older than every sample keeps the first as baseline', [s(8000, 0), s(9000, 3e6)], 9000, 3e6],
  ])('%s', (_what, samples, nowMs, expected) => {
    expect(rateOverWindow(samples, nowMs, 5000)).toBeCloseTo(expected, 3);
  });

  it('keeps the baseline and everything inside the window when pruning', () => {
    const samples = [s(0, 0), s(1000, 1), s(2000, 2), s(7000, 7), s(8000, 8)];
    expect(pruneSamples(samples, 8000, 5000).map((x) => x.atMs)).toEqual([2000, 7000, 8000]);
    expect(pruneSamples([s(0, 0)], 60_000, 5000)).toEqual([s(0, 0)]);
    expect(pruneSamples([], 0, 5000)).toEqual([]);
  });
});

describe('transfer progress - ETA only when the total is known', () => {
  it.each<[string, number, number | undefined, number, number | undefined]>([
    ['total unknown (restic at first)', 10, undefined, 100, undefined],
    ['done', 100, 100, 0, 0],
    ['more than the estimate', 120, 100, 5, 0],
    ['nothing moves', 10, 100, 0, undefined],
    ['rounded up', 0, 1001, 100, 11],
    ['exact', 50, 150, 50, 2],
  ])('%s', (_what, done, total, rate, expected) => {
    expect(estimateEtaSeconds(done, total, rate)).toBe(expected);
  });

  it('estimates bytes, rate and ETA together, leaving out what is unknown', () => {
    expect(estimateProgress([], 0)).toEqual({ bytesDone: 0, bytesPerSecond: 0 });
    expect(estimateProgress([s(0, 0), s(1000, 1000)], 1000)).toEqual({ bytesDone: 1000, bytesPerSecond: 1000 });
    expect(estimateProgress([s(0, 0), s(1000, 1000, 5000)], 1000)).toEqual({
      bytesDone: 1000,
      totalBytes: 5000,
      bytesPerSecond: 1000,
      etaSeconds: 4,
    });
  });
});

describe('transfer progress - throttle', () => {
  it.each<[number | undefined, number, boolean]>([
    [undefined, 0, true],
    [0, 999, false],
    [0, 1000, true],
    [5000, 4000, false],
  ])('last %p, now %p → due %p', (last, now, due) => {
    expect(isEmissionDue(last, now, 1000)).toBe(due);
  });

  it('tracker - speaks at most once per interval, only after a sample, with a decaying rate', () => {
    const tracker = createProgressTracker({ windowMs: 5000, emitIntervalMs: 1000 });
    expect(tracker.takeDue(0)).toBeUndefined();
    expect(tracker.started).toBe(false);
    tracker.record(s(0, 0));
    tracker.record(s(500, 2e6, 10e6));
    expect(tracker.takeDue(500)).toEqual({ bytesDone: 2e6, totalBytes: 10e6, bytesPerSecond: 4e6, etaSeconds: 2 });
    tracker.record(s(900, 3e6, 10e6));
    expect(tracker.takeDue(900)).toBeUndefined();
    expect(tracker.takeDue(1500)).toMatchObject({ bytesDone: 3e6, bytesPerSecond: 2e6 });
    tracker.record(s(100, 9e6));
    expect(tracker.estimate(1500).bytesDone).toBe(3e6);
    expect(tracker.takeDue(20_000)).toMatchObject({ bytesDone: 3e6, bytesPerSecond: 0 });
  });
});
