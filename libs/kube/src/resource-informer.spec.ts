import type { KubeObject } from './kube-object';
import { KubeError, KubeErrorCode } from './errors';
import type { ListResult, ListWatchSource, WatchEvent } from './list-watch-loop';
import { startInformer, type ResourceInformer } from './resource-informer';

type Step<T> = ListResult<T> | KubeError;
type WatchScript<T> = { events: WatchEvent<T>[]; end: 'close' | 'hang' | KubeError };

const object = (name: string, resourceVersion: string, namespace = 'ns'): KubeObject => ({
  metadata: { name, namespace, resourceVersion },
});
const fastBackoff = { initialMs: 1, maxMs: 5, factor: 2, jitter: 0 };

/** A scripted list/watch source that records which resourceVersions were watched. */
class FakeSource implements ListWatchSource<KubeObject> {
  readonly watchedFrom: string[] = [];
  lists = 0;
  constructor(
    private readonly listSteps: Step<KubeObject>[],
    private readonly watchScripts: WatchScript<KubeObject>[],
  ) {}

  async list(): Promise<ListResult<KubeObject>> {
    this.lists++;
    const step = this.listSteps.shift() ?? { items: [], resourceVersion: '999' };
    if (step instanceof KubeError) throw step;
    return step;
  }

  async watch(resourceVersion: string, onEvent: (event: WatchEvent<KubeObject>) => void, signal: AbortSignal): Promise<void> {
    this.watchedFrom.push(resourceVersion);
    const script = this.watchScripts.shift() ?? { events: [], end: 'hang' };
    await new Promise((resolve) => setTimeout(resolve, 1));
    for (const event of script.events) onEvent(event);
    if (script.end instanceof KubeError) throw script.end;
    if (script.end === 'hang' && !signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
  }
}

async function eventually(check: () => void, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

describe('resource informer - cache and handlers', () => {
  let informer: ResourceInformer<KubeObject> | undefined;
  afterEach(async () => informer?.stop());

  it('syncs from the list and delivers watch events to handlers', async () => {
    const source = new FakeSource(
      [{ items: [object('a', '1'), object('b', '2')], resourceVersion: '10' }],
      [
        {
          events: [
            { type: 'ADDED', object: object('c', '11') },
            { type: 'MODIFIED', object: object('a', '12') },
            { type: 'DELETED', object: object('b', '13') },
          ],
          end: 'hang',
        },
      ],
    );
    informer = startInformer(source, 'test', { backoff: fastBackoff });
    const seen: string[] = [];
    informer.on('add', (o) => void seen.push(`add ${o.metadata?.name}`));
    informer.on(
      'update',
      (o, old) => void seen.push(`update ${o.metadata?.name} ${old.metadata?.resourceVersion}->${o.metadata?.resourceVersion}`),
    );
    informer.on('delete', (o) => void seen.push(`delete ${o.metadata?.name}`));
    await informer.synced;
    await eventually(() => expect(seen).toEqual(['add a', 'add b', 'add c', 'update a 1->12', 'delete b']));
    expect(
      informer
        .list('ns')
        .map((o) => o.metadata?.name)
        .sort(),
    ).toEqual(['a', 'c']);
    expect(informer.get('ns', 'a')?.metadata?.resourceVersion).toBe('12');
    expect(informer.get('ns', 'b')).toBeUndefined();
    expect(source.watchedFrom).toEqual(['10']);
  });

  it('replays cached objects to an add handler registered late', async () => {
    informer = startInformer(new FakeSource([{ items: [object('a', '1')], resourceVersion: '1' }], []), 'test');
    await informer.synced;
    const seen: string[] = [];
    informer.on('add', (o) => void seen.push(o.metadata?.name ?? ''));
    await eventually(() => expect(seen).toEqual(['a']));
  });

  it('keeps running when a handler throws or rejects', async () => {
    informer = startInformer(new FakeSource([{ items: [object('a', '1'), object('b', '1')], resourceVersion: '1' }], []), 'test');
    const seen: string[] = [];
    informer.on('add', () => {
      throw new Error('sync failure');
    });
    informer.on('add', async (o) => {
      seen.push(o.metadata?.name ?? '');
      throw new Error('async failure');
    });
    await informer.synced;
    await eventually(() => expect(seen).toEqual(['a', 'b']));
  });

  it('rejects synced with KUBE_STOPPED when stopped before the first list', async () => {
    informer = startInformer(new FakeSource([new KubeError(KubeErrorCode.Unavailable, 'down')], []), 'test', {
      backoff: { ...fastBackoff, initialMs: 10_000, maxMs: 10_000 },
    });
    const synced = informer.synced;
    await informer.stop();
    await expect(synced).rejects.toMatchObject({ code: KubeErrorCode.Stopped });
  });
});

describe('resource informer - restarts', () => {
  let informer: ResourceInformer<KubeObject> | undefined;
  afterEach(async () => informer?.stop());

  it('reopens a normally closed watch from the last resourceVersion without relisting', async () => {
    const source = new FakeSource(
      [{ items: [], resourceVersion: '5' }],
      [
        { events: [{ type: 'ADDED', object: object('a', '6') }], end: 'close' },
        { events: [{ type: 'BOOKMARK', resourceVersion: '8' }], end: 'close' },
        { events: [], end: 'hang' },
      ],
    );
    informer = startInformer(source, 'test', { backoff: fastBackoff });
    await eventually(() => expect(source.watchedFrom).toEqual(['5', '6', '8']));
    expect(source.lists).toBe(1);
  });

  it('relists after 410 Gone and emits deletes for objects that vanished meanwhile', async () => {
    const source = new FakeSource(
      [
        { items: [object('a', '1'), object('b', '1')], resourceVersion: '1' },
        { items: [object('b', '1'), object('c', '20')], resourceVersion: '20' },
      ],
      [{ events: [], end: new KubeError(KubeErrorCode.Gone, 'too old resource version') }],
    );
    informer = startInformer(source, 'test', { backoff: fastBackoff });
    const seen: string[] = [];
    const errors: string[] = [];
    informer.on('add', (o) => void seen.push(`add ${o.metadata?.name}`));
    informer.on('delete', (o) => void seen.push(`delete ${o.metadata?.name}`));
    informer.on('error', (e) => void errors.push(e.code));
    await eventually(() => expect(source.watchedFrom).toEqual(['1', '20']));
    expect(seen).toEqual(['add a', 'add b', 'delete a', 'add c']);
    expect(errors).toEqual([]);
    expect(source.lists).toBe(2);
  });

  it('retries failed lists and watches with backoff and reports each failure', async () => {
    const down = () => new KubeError(KubeErrorCode.Unavailable, 'connection refused');
    const source = new FakeSource(
      [down(), down(), { items: [object('a', '3')], resourceVersion: '3' }],
      [
        { events: [], end: down() },
        { events: [{ type: 'ADDED', object: object('b', '4') }], end: 'hang' },
      ],
    );
    informer = startInformer(source, 'test', { backoff: fastBackoff });
    const errors: string[] = [];
    informer.on('error', (e) => void errors.push(e.code));
    await informer.synced;
    await eventually(() => expect(informer?.get('ns', 'b')).toBeDefined());
    expect(errors).toEqual([KubeErrorCode.Unavailable, KubeErrorCode.Unavailable, KubeErrorCode.Unavailable]);
    expect(source.lists).toBe(3);
    expect(source.watchedFrom).toEqual(['3', '3']);
  });
});
