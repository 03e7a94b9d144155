import { createController, objectKey, splitObjectKey, type ReconcileOutcome } from './controller';
import type { KubeObject } from './kube-object';
import { startInformer } from './resource-informer';
import type { ListWatchSource } from './list-watch-loop';
import { FakeClock, flushPromises } from './testing/fake-clock';

const noJitter = { initialMs: 100, maxMs: 400, factor: 2, jitter: 0 };

/** A reconcile function that records calls and answers from a script. */
function scripted(answer: (key: string, call: number) => ReconcileOutcome | void | Error) {
  const calls: string[] = [];
  const reconcile = async (key: string): Promise<ReconcileOutcome | void> => {
    calls.push(key);
    const result = answer(key, calls.filter((k) => k === key).length);
    if (result instanceof Error) throw result;
    return result;
  };
  return { calls, reconcile };
}

describe('controller - keys', () => {
  it('keys namespaced objects as namespace/name and cluster-scoped ones as name', () => {
    expect(objectKey({ metadata: { namespace: 'velero', name: 'b1' } })).toBe('velero/b1');
    expect(objectKey({ metadata: { name: 'node-1' } })).toBe('node-1');
    expect(splitObjectKey('velero/b1')).toEqual({ namespace: 'velero', name: 'b1' });
    expect(splitObjectKey('node-1')).toEqual({ namespace: undefined, name: 'node-1' });
  });
});

describe('controller - loop', () => {
  it('retries a failing key with growing backoff and forgets it after a success', async () => {
    const clock = new FakeClock();
    const { calls, reconcile } = scripted((_key, call) => (call <= 3 ? new Error(`boom ${call}`) : undefined));
    const controller = createController({ name: 't', reconcile, clock, backoff: noJitter });
    controller.start();
    controller.enqueue('ns/a');
    await clock.advance(0);
    expect(calls).toHaveLength(1);
    await clock.advance(99);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    expect(calls).toHaveLength(2);
    await clock.advance(200);
    expect(calls).toHaveLength(3);
    await clock.advance(400);
    expect(calls).toHaveLength(4);
    expect(controller.stats()).toMatchObject({ reconciles: 4, failures: 3, retries: 3, depth: 0, delayed: 0 });
    await clock.advance(10_000);
    expect(calls).toHaveLength(4);
    await controller.stop();
  });

  it('requeues after the delay a reconcile asks for, without counting a failure', async () => {
    const clock = new FakeClock();
    const { calls, reconcile } = scripted((_key, call) => (call === 1 ? { requeueAfterMs: 5_000 } : undefined));
    const controller = createController({ name: 't', reconcile, clock });
    controller.start();
    controller.enqueue('ns/a');
    await clock.advance(4_999);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    expect(calls).toHaveLength(2);
    expect(controller.stats().failures).toBe(0);
    await controller.stop();
  });

  it('never reconciles one key twice at once, and runs different keys in parallel up to the concurrency', async () => {
    const clock = new FakeClock();
    let running = 0;
    let busiest = 0;
    const perKey = new Map<string, number>();
    const releases: (() => void)[] = [];
    const reconcile = async (key: string) => {
      running++;
      perKey.set(key, (perKey.get(key) ?? 0) + 1);
      busiest = Math.max(busiest, running);
      expect(perKey.get(key)).toBe(1);
      await new Promise<void>((resolve) => releases.push(resolve));
      perKey.set(key, (perKey.get(key) ?? 0) - 1);
      running--;
    };
    const controller = createController({ name: 't', reconcile, clock, concurrency: 2 });
    controller.start();
    for (const key of ['a', 'a', 'b', 'c', 'a']) controller.enqueue(key);
    await flushPromises();
    expect(running).toBe(2);
    controller.enqueue('a');
    while (releases.length > 0 || running > 0) {
      releases.shift()?.();
      await flushPromises();
    }
    expect(busiest).toBe(2);
    expect(controller.stats().reconciles).toBe(4);
    await controller.stop();
  });

  it('enqueues informer events and resyncs every cached object periodically', async () => {
    const clock = new FakeClock();
    const objects: KubeObject[] = [{ metadata: { namespace: 'ns', name: 'one', resourceVersion: '1' } }];
    const source: ListWatchSource<KubeObject> = {
      list: async () => ({ items: objects, resourceVersion: '1' }),
      watch: (_rv, _onEvent, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
    };
    const informer = startInformer(source, 'test objects');
    await informer.synced;
    const { calls, reconcile } = scripted(() => undefined);
    const controller = createController({ name: 't', reconcile, clock, resyncIntervalMs: 30_000 });
    controller.watch(informer);
    controller.start();
    await clock.advance(0);
    expect(calls).toEqual(['ns/one']);
    await clock.advance(30_000);
    expect(calls).toEqual(['ns/one', 'ns/one']);
    await controller.stop();
    await informer.stop();
  });

  it('maps watched secondary objects to their owner keys', async () => {
    const clock = new FakeClock();
    const source: ListWatchSource<KubeObject> = {
      list: async () => ({
        items: [{ metadata: { namespace: 'ns', name: 'child', labels: { owner: 'parent' }, resourceVersion: '1' } }],
        resourceVersion: '1',
      }),
      watch: (_rv, _onEvent, signal) => new Promise((resolve) => signal.addEventListener('abort', () => resolve())),
    };
    const informer = startInformer(source, 'children');
    const ownerOf = (child: KubeObject) => (child.metadata as { labels?: Record<string, string> } | undefined)?.labels?.['owner'] ?? '';
    await informer.synced;
    const { calls, reconcile } = scripted(() => undefined);
    const controller = createController({ name: 't', reconcile, clock, resyncIntervalMs: 1_000 });
    controller.watch(informer, (child) => [`ns/${ownerOf(child)}`]);
    controller.start();
    await clock.advance(0);
    expect(calls).toEqual(['ns/parent']);
    await clock.advance(5_000);
    expect(calls).toEqual(['ns/parent']);
    await controller.stop();
    await informer.stop();
  });

  it('stop waits for a running reconcile, and abandons it (aborting its signal) after the grace period', async () => {
    const clock = new FakeClock();
    let aborted = false;
    const reconcile = (_key: string, signal: AbortSignal) =>
      new Promise<void>((resolve) =>
        signal.addEventListener('abort', () => {
          aborted = true;
          resolve();
        }),
      );
    const controller = createController({ name: 't', reconcile, clock });
    controller.start();
    controller.enqueue('a');
    await flushPromises();
    let stopped = false;
    const stopping = controller.stop(1_000).then(() => (stopped = true));
    await clock.advance(999);
    expect(stopped).toBe(false);
    await clock.advance(1);
    await stopping;
    expect(aborted).toBe(true);
    controller.enqueue('b');
    expect(controller.stats().depth).toBe(0);
  });
});
