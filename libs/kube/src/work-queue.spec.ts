import { FakeClock } from './testing/fake-clock';
import { WorkQueue } from './work-queue';

const noJitter = { initialMs: 100, maxMs: 1_000, factor: 2, jitter: 0 };

describe('work queue', () => {
  it('collapses duplicate adds of a waiting key', async () => {
    const queue = new WorkQueue({ clock: new FakeClock() });
    queue.add('a');
    queue.add('a');
    queue.add('b');
    expect(queue.stats()).toMatchObject({ depth: 2, adds: 3 });
    expect(await queue.get()).toBe('a');
    expect(await queue.get()).toBe('b');
  });

  it('never hands out a key being processed; an add meanwhile re-queues it after done', async () => {
    const queue = new WorkQueue({ clock: new FakeClock() });
    queue.add('a');
    const key = await queue.get();
    queue.add('a');
    expect(queue.stats().depth).toBe(0);
    queue.done(key ?? '');
    expect(queue.stats().depth).toBe(1);
    expect(await queue.get()).toBe('a');
  });

  it('backs off per key exponentially up to the cap, and forget resets it', async () => {
    const clock = new FakeClock();
    const queue = new WorkQueue({ clock, backoff: noJitter });
    const delays = [1, 2, 3, 4, 5].map(() => queue.addRateLimited('a'));
    expect(delays).toEqual([100, 200, 400, 800, 1_000]);
    expect(queue.addRateLimited('b')).toBe(100);
    queue.forget('a');
    expect(queue.retriesOf('a')).toBe(0);
    expect(queue.addRateLimited('a')).toBe(100);
    expect(queue.stats().retries).toBe(7);
  });

  it('hands a delayed key out when it comes due; the earlier of two delays wins', async () => {
    const clock = new FakeClock();
    const queue = new WorkQueue({ clock });
    queue.addAfter('a', 500);
    queue.addAfter('a', 200);
    queue.addAfter('a', 900);
    expect(queue.stats()).toMatchObject({ depth: 0, delayed: 1 });
    await clock.advance(199);
    expect(queue.stats().depth).toBe(0);
    await clock.advance(1);
    expect(queue.stats()).toMatchObject({ depth: 1, delayed: 0 });
    await clock.advance(1_000);
    expect(queue.stats().depth).toBe(1);
  });

  it('wakes a waiting get with the next key, and with undefined on shut down', async () => {
    const queue = new WorkQueue({ clock: new FakeClock() });
    const first = queue.get();
    queue.add('x');
    expect(await first).toBe('x');
    const second = queue.get();
    queue.addAfter('y', 100);
    queue.shutDown();
    expect(await second).toBeUndefined();
    queue.add('z');
    expect(queue.stats()).toMatchObject({ depth: 0, delayed: 0 });
  });
});
