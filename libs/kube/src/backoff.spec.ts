import { Backoff, backoffDelay, sleepUnlessAborted, type BackoffPolicy } from './backoff';

const policy: BackoffPolicy = { initialMs: 100, maxMs: 1_000, factor: 2, jitter: 0.2 };

describe('backoff - schedule', () => {
  it.each([
    [0, 100],
    [1, 200],
    [2, 400],
    [3, 800],
    [4, 1_000],
    [10, 1_000],
  ])('attempt %i without jitter waits %i ms', (attempt, expected) => {
    expect(backoffDelay(policy, attempt, () => 0)).toBe(expected);
  });

  it('adds at most `jitter` of the capped delay', () => {
    expect(backoffDelay(policy, 10, () => 0.999)).toBe(1_200);
    expect(backoffDelay(policy, 0, () => 0.5)).toBe(110);
  });

  it('advances on next() and starts over on reset()', () => {
    const backoff = new Backoff(policy, () => 0);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400]);
    expect(backoff.attempts).toBe(3);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});

describe('backoff - sleepUnlessAborted', () => {
  it('returns early when the signal aborts', async () => {
    const abort = new AbortController();
    const begin = Date.now();
    setTimeout(() => abort.abort(), 10);
    await sleepUnlessAborted(10_000, abort.signal);
    expect(Date.now() - begin).toBeLessThan(1_000);
  });
});
