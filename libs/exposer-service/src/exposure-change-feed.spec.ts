import type { KubeClient, KubeObject, ListWatchSource, WatchEvent } from '@ferry/kube';
import { createExposureChangeFeed } from './exposure-change-feed';

/** A source that lists nothing and forwards what the test emits. */
function fakeSource(): ListWatchSource<KubeObject> & { emit(event: WatchEvent<KubeObject>): void } {
  let listener: ((event: WatchEvent<KubeObject>) => void) | undefined;
  return {
    list: async () => ({ items: [], resourceVersion: '1' }),
    watch: (_rv, onEvent, signal) => {
      listener = onEvent;
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    },
    emit: (event) => listener?.(event),
  };
}

const pod = (name: string, rv: string): KubeObject => ({ metadata: { name, namespace: 'velero', resourceVersion: rv } });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('exposure change feed', () => {
  const setup = async () => {
    const pods = fakeSource();
    const claims = fakeSource();
    const feed = createExposureChangeFeed({} as KubeClient, 'velero', { sources: { pods, claims } });
    await feed.synced;
    await tick();
    return { feed, pods, claims };
  };

  it('exposure change feed - wakes a waiter when its pod or PVC changes, not on other names', async () => {
    const { feed, pods, claims } = await setup();
    const seen = feed.version('du-1');
    let woke = 0;
    const waiting = feed.changedSince('du-1', seen, 60_000, new AbortController().signal).then(() => (woke += 1));
    pods.emit({ type: 'ADDED', object: pod('du-2', '2') });
    await tick();
    expect(woke).toBe(0);
    claims.emit({ type: 'ADDED', object: pod('du-1', '3') });
    await waiting;
    expect(woke).toBe(1);
    await feed.stop();
  });

  it('exposure change feed - resolves at once for a change between the read and the wait', async () => {
    const { feed, pods } = await setup();
    const seen = feed.version('du-1');
    pods.emit({ type: 'ADDED', object: pod('du-1', '2') });
    await tick();
    await expect(feed.changedSince('du-1', seen, 60_000, new AbortController().signal)).resolves.toBeUndefined();
    await feed.stop();
  });

  it('exposure change feed - falls back to the timeout and releases waiters on abort and stop', async () => {
    const { feed } = await setup();
    await expect(feed.changedSince('du-1', feed.version('du-1'), 5, new AbortController().signal)).resolves.toBeUndefined();
    const abort = new AbortController();
    const aborted = feed.changedSince('du-1', feed.version('du-1'), 60_000, abort.signal);
    abort.abort();
    await expect(aborted).resolves.toBeUndefined();
    const released = feed.changedSince('du-1', feed.version('du-1'), 60_000, new AbortController().signal);
    await feed.stop();
    await expect(released).resolves.toBeUndefined();
  });
});
