import { silentLogger } from '@ferry/kube';
import { createReconcileQueue } from './reconcile-queue';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reconcile queue - one pass per key, rerun when dirty, retry, requeue', () => {
  it('deduplicates queued keys and reruns a key added during its pass', async () => {
    const runs: string[] = [];
    let release: () => void = () => undefined;
    const queue = createReconcileQueue(
      async (key) => {
        runs.push(key);
        if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return {};
      },
      { logger: silentLogger, concurrency: 1 },
    );
    queue.add('a');
    queue.add('b');
    queue.add('b');
    await tick();
    queue.add('a');
    release();
    await tick(20);
    expect(runs).toEqual(['a', 'b', 'a']);
    await queue.stop();
  });

  it('retries a failing pass with backoff and honours requeueAfterMs', async () => {
    let calls = 0;
    const queue = createReconcileQueue(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return calls === 2 ? { requeueAfterMs: 5 } : {};
      },
      { logger: silentLogger, retryMs: 5 },
    );
    queue.add('k');
    await tick(60);
    expect(calls).toBe(3);
    await queue.stop();
  });

  it('stop clears pending delays', async () => {
    let calls = 0;
    const queue = createReconcileQueue(async () => ((calls += 1), {}), { logger: silentLogger });
    queue.add('k', 20);
    await queue.stop();
    await tick(40);
    expect(calls).toBe(0);
  });
});
