import { createKeyedQueue } from './keyed-queue';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('keyed queue - one task at a time per key', () => {
  it('runs tasks of one key in order, never overlapping; other keys in parallel', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const task = (key: string, id: number) => async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`${key}${id}+`);
      await tick();
      log.push(`${key}${id}-`);
      running--;
    };
    await Promise.all([queue.run('a', task('a', 1)), queue.run('a', task('a', 2)), queue.run('b', task('b', 1))]);
    expect(log.filter((l) => l.startsWith('a'))).toEqual(['a1+', 'a1-', 'a2+', 'a2-']);
    expect(maxRunning).toBe(2);
    await queue.idle();
    expect(queue.size).toBe(0);
  });

  it('a failing task rejects its caller and does not block the next', async () => {
    const queue = createKeyedQueue();
    await expect(queue.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('a', () => Promise.resolve(7))).resolves.toBe(7);
  });
});
