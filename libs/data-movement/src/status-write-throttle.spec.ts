import { createStatusWriteThrottle } from './status-write-throttle';

describe('status write throttle - at most one write per interval per resource', () => {
  it('admits the first write, refuses within the interval, admits after', () => {
    const throttle = createStatusWriteThrottle(1000);
    const steps: [string, number, boolean][] = [
      ['a', 0, true],
      ['a', 500, false],
      ['b', 500, true],
      ['a', 999, false],
      ['a', 1000, true],
      ['a', 1999, false],
      ['b', 1500, true],
    ];
    for (const [key, now, expected] of steps) expect([key, now, throttle.tryAcquire(key, now)]).toEqual([key, now, expected]);
    expect(throttle.waitMs('a', 1500)).toBe(500);
    throttle.forget('a');
    expect(throttle.waitMs('a', 1500)).toBe(0);
  });

  it('100 signals over 10 s give at most 11 writes', () => {
    const throttle = createStatusWriteThrottle();
    let writes = 0;
    for (let t = 0; t <= 10_000; t += 100) if (throttle.tryAcquire('du', t)) writes++;
    expect(writes).toBeLessThanOrEqual(11);
    expect(writes).toBeGreaterThanOrEqual(10);
  });
});
