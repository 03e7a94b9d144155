import { silentLogger } from '@ferry/kube';
import { ReconcileQueue } from './reconcile-queue';

const settle = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reconcile queue - scheduling', () => {
  it('deduplicates waiting keys and reruns a key added while it runs', async () => {
    const runs: string[] = [];
    let release: () => void = () => undefined;
    const queue = new ReconcileQueue(
      'test',
      async (key) => {
        runs.push(key);
        if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      silentLogger,
      { concurrency: 1 },
    );
    queue.add('a');
    queue.add('a'); // while running: marks it dirty
    queue.add('b');
    queue.add('b'); // waiting: deduplicated
    release();
    await settle();
    expect(runs).toEqual(['a', 'b', 'a']);
    await queue.stop();
  });

  it('retries a failing key with backoff until it succeeds', async () => {
    let attempts = 0;
    const queue = new ReconcileQueue(
      'test',
      async () => {
        if (++attempts < 3) throw new Error('not yet');
      },
      silentLogger,
      { backoff: { initialMs: 5, maxMs: 5, factor: 1, jitter: 0 } },
    );
    queue.add('k');
    await settle(100);
    expect(attempts).toBe(3);
    await queue.stop();
  });

  it('stop waits for reconciles in flight and drops the rest', async () => {
    const runs: string[] = [];
    const queue = new ReconcileQueue(
      'test',
      async (key) => {
        await settle(20);
        runs.push(key);
      },
      silentLogger,
      { concurrency: 1 },
    );
    queue.add('a');
    queue.add('b');
    await settle(5);
    await queue.stop();
    expect(runs).toEqual(['a']);
  });
});
