import { ProgressThrottle } from './progress-throttle';

describe('progress throttle - at most one patch per second', () => {
  it('sends the first update, holds the next ones within the second, then sends the latest', () => {
    const throttle = new ProgressThrottle();
    expect(throttle.offer({ totalItems: 10, itemsBackedUp: 1 }, 0)).toEqual({ totalItems: 10, itemsBackedUp: 1 });
    expect(throttle.offer({ totalItems: 10, itemsBackedUp: 2 }, 300)).toBeUndefined();
    expect(throttle.offer({ totalItems: 10, itemsBackedUp: 3 }, 900)).toBeUndefined();
    expect(throttle.dueInMs(900)).toBe(100);
    expect(throttle.pending()).toEqual({ totalItems: 10, itemsBackedUp: 3 });
    expect(throttle.offer({ totalItems: 11, itemsBackedUp: 4 }, 1000)).toEqual({ totalItems: 11, itemsBackedUp: 4 });
  });

  it('sends nothing when the progress did not change', () => {
    const throttle = new ProgressThrottle();
    throttle.offer({ totalItems: 5, itemsBackedUp: 5 }, 0);
    expect(throttle.offer({ totalItems: 5, itemsBackedUp: 5 }, 5000)).toBeUndefined();
    expect(throttle.pending()).toBeUndefined();
    expect(throttle.dueInMs(5000)).toBeUndefined();
  });

  it('flushes the held update at the end, once', () => {
    const throttle = new ProgressThrottle(1000);
    throttle.offer({ totalItems: 3, itemsBackedUp: 1 }, 0);
    throttle.offer({ totalItems: 3, itemsBackedUp: 3 }, 10);
    expect(throttle.flush(20)).toEqual({ totalItems: 3, itemsBackedUp: 3 });
    expect(throttle.flush(30)).toBeUndefined();
  });

  it('honours a custom interval', () => {
    const throttle = new ProgressThrottle(50);
    throttle.offer({ totalItems: 1, itemsBackedUp: 0 }, 0);
    expect(throttle.offer({ totalItems: 1, itemsBackedUp: 1 }, 50)).toEqual({ totalItems: 1, itemsBackedUp: 1 });
  });
});
