import { estimateRestoreRate, RestoreRateWindow, type RestoreProgressSample } from './restore-rate';

const at = (atMs: number, itemsRestored: number, totalItems = 1000): RestoreProgressSample => ({ atMs, itemsRestored, totalItems });

describe('estimateRestoreRate', () => {
  it.each<[string, RestoreProgressSample[], number, { itemsPerSecond?: number; etaSeconds?: number }]>([
    ['no samples: nothing', [], 0, {}],
    ['one sample: nothing', [at(0, 10)], 1000, {}],
    ['two samples: rate and ETA', [at(0, 0), at(1000, 100)], 1000, { itemsPerSecond: 100, etaSeconds: 9 }],
    ['ETA rounded up', [at(0, 0), at(1000, 300)], 1000, { itemsPerSecond: 300, etaSeconds: 3 }],
    ['every item restored: ETA 0', [at(0, 900), at(1000, 1000)], 1000, { itemsPerSecond: 100, etaSeconds: 0 }],
    ['nothing moved: rate 0, no ETA', [at(0, 50), at(1000, 50)], 1000, { itemsPerSecond: 0 }],
    ['a stalled restore decays with time', [at(0, 0), at(1000, 100)], 4000, { itemsPerSecond: 25, etaSeconds: 36 }],
    [
      'the window starts at the newest sample before it',
      [at(0, 0), at(5000, 500), at(12_000, 1200), at(15_000, 1500)],
      15_000,
      { itemsPerSecond: 100, etaSeconds: 0 },
    ],
    ['one decimal', [at(0, 0), at(3000, 10)], 3000, { itemsPerSecond: 3.3, etaSeconds: 297 }],
    [
      'the total grows (additional items): ETA over the new total',
      [at(0, 0, 100), at(1000, 50, 150)],
      1000,
      { itemsPerSecond: 50, etaSeconds: 2 },
    ],
  ])('%s', (_name, samples, nowMs, expected) => {
    expect(estimateRestoreRate(samples, nowMs)).toEqual(expected);
  });
});

describe('RestoreRateWindow', () => {
  it('says nothing until two samples', () => {
    const window = new RestoreRateWindow();
    expect(window.estimate(0)).toEqual({});
    window.add(at(0, 1));
    expect(window.estimate(500)).toEqual({});
    expect(window.latest()).toEqual(at(0, 1));
  });

  it('keeps a bounded number of samples for any number of items, and the newest counts', () => {
    const window = new RestoreRateWindow(10_000, 250);
    for (let item = 1; item <= 50_000; item++) window.add(at(item, item, 50_000));
    // One sample a millisecond for 50 s: about 10 s / 250 ms samples are left, the newest last.
    const kept = (window as unknown as { samples: RestoreProgressSample[] }).samples;
    expect(kept.length).toBeLessThanOrEqual(10_000 / 250 + 2);
    expect(window.latest()).toEqual(at(50_000, 50_000, 50_000));
    expect(window.estimate(50_000)).toEqual({ itemsPerSecond: 1000, etaSeconds: 0 });
  });

  it('starts over when the count drops (a resumed run counts again from its first item)', () => {
    const window = new RestoreRateWindow();
    window.add(at(0, 0));
    window.add(at(1000, 400));
    window.add(at(2000, 3));
    expect(window.estimate(2000)).toEqual({});
    window.add(at(3000, 103));
    expect(window.estimate(3000)).toEqual({ itemsPerSecond: 100, etaSeconds: 9 });
  });

  it('follows a change of pace within the window', () => {
    const window = new RestoreRateWindow(2000, 250);
    for (let second = 0; second <= 10; second++) window.add(at(second * 1000, second * 10));
    for (let second = 11; second <= 14; second++) window.add(at(second * 1000, 100 + (second - 10) * 200));
    expect(window.estimate(14_000)).toEqual({ itemsPerSecond: 200, etaSeconds: 1 });
  });
});
