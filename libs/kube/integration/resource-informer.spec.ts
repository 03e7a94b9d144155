import type { V1ConfigMap } from '@kubernetes/client-node';
import {
  builtinResources,
  createCustomResourceClient,
  createInformer,
  KubeErrorCode,
  type KubeClient,
  type KubeError,
  type ResourceInformer,
} from '../src/index';
import {
  apiServerPort,
  clientThrough,
  createTestNamespace,
  environmentClient,
  installTestCrds,
  widgets,
  type Counted,
} from './kube-test-support';
import { TcpProxy } from './tcp-proxy';
import { eventuallyPasses } from '@ferry/devenv/testing';

const fastBackoff = { initialMs: 100, maxMs: 1_000, factor: 2, jitter: 0.1 };

describe('informer - cache of a real API server', () => {
  let client: KubeClient;
  let namespace: string;
  const informers: ResourceInformer<unknown>[] = [];
  beforeAll(async () => {
    client = environmentClient();
    namespace = await createTestNamespace(client, 'informer');
  });
  afterAll(async () => {
    await Promise.all(informers.map((informer) => informer.stop()));
    await client.core.deleteNamespace({ name: namespace });
  });

  it('sees add, update and delete of a core kind and serves get/list', async () => {
    await client.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'before' }, data: { v: '0' } } });
    const informer = createInformer<V1ConfigMap>(client, builtinResources.configMaps, { namespace });
    informers.push(informer);
    const events: string[] = [];
    informer.on('add', (cm) => void events.push(`add ${cm.metadata?.name}`));
    informer.on('update', (cm, old) => void events.push(`update ${cm.metadata?.name} ${old.data?.['v']}->${cm.data?.['v']}`));
    informer.on('delete', (cm) => void events.push(`delete ${cm.metadata?.name}`));
    await informer.synced;
    expect(informer.get(namespace, 'before')?.data).toEqual({ v: '0' });
    expect(informer.get(namespace, 'before')?.kind).toBe('ConfigMap');

    await client.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'after' }, data: { v: '1' } } });
    await client.core.replaceNamespacedConfigMap({ name: 'after', namespace, body: { metadata: { name: 'after' }, data: { v: '2' } } });
    await client.core.deleteNamespacedConfigMap({ name: 'before', namespace });
    await eventuallyPasses(() => expect(events).toEqual(['add before', 'add after', 'update after 1->2', 'delete before']));
    expect(informer.list(namespace).map((cm) => cm.metadata?.name)).toEqual(['after']);
    expect(informer.get(namespace, 'before')).toBeUndefined();
  });

  it('works for a custom resource', async () => {
    await installTestCrds(client);
    const informer = createInformer<Counted>(client, widgets, { namespace });
    informers.push(informer);
    await informer.synced;
    const widgetClient = createCustomResourceClient<Counted>(client, widgets);
    await widgetClient.create({
      apiVersion: `${widgets.group}/v1`,
      kind: 'Widget',
      metadata: { name: 'w1', namespace },
      spec: { size: 3 },
    });
    await eventuallyPasses(() => expect(informer.get(namespace, 'w1')?.spec?.size).toBe(3));
    await widgetClient.patch(namespace, 'w1', { spec: { size: 4 } });
    await eventuallyPasses(() => expect(informer.get(namespace, 'w1')?.spec?.size).toBe(4));
    await widgetClient.delete(namespace, 'w1');
    await eventuallyPasses(() => expect(informer.get(namespace, 'w1')).toBeUndefined());
  });

  it('reopens watches the server closes (1 s watch timeout) without losing events', async () => {
    const informer = createInformer<V1ConfigMap>(client, builtinResources.configMaps, {
      namespace,
      watchTimeoutSeconds: 1,
      backoff: fastBackoff,
    });
    informers.push(informer);
    const errors: KubeError[] = [];
    informer.on('error', (error) => void errors.push(error));
    await informer.synced;
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      await client.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: `timeout-${i}` } } });
    }
    await eventuallyPasses(() =>
      expect(informer.list(namespace).filter((cm) => cm.metadata?.name?.startsWith('timeout-'))).toHaveLength(3),
    );
    expect(errors).toEqual([]);
  });
});

describe('informer - restart after failures', () => {
  let client: KubeClient;
  let proxy: TcpProxy;
  let namespace: string;
  let informer: ResourceInformer<V1ConfigMap>;
  const errors: KubeError[] = [];
  beforeAll(async () => {
    client = environmentClient();
    namespace = await createTestNamespace(client, 'informer-restart');
    proxy = await TcpProxy.start(apiServerPort());
    informer = createInformer<V1ConfigMap>(clientThrough(proxy.port), builtinResources.configMaps, { namespace, backoff: fastBackoff });
    informer.on('error', (error) => void errors.push(error));
    await informer.synced;
  });
  afterAll(async () => {
    await informer.stop();
    await proxy.close();
    await client.core.deleteNamespace({ name: namespace });
  });

  it('restarts the watch after the connection is reset and catches up on missed events', async () => {
    await client.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'one' } } });
    await eventuallyPasses(() => expect(informer.get(namespace, 'one')).toBeDefined());
    proxy.breakConnections();
    // Written while the informer's watch is down: it must still arrive after the restart.
    await client.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'two' } } });
    await eventuallyPasses(() => expect(informer.get(namespace, 'two')).toBeDefined());
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0]?.code).toBe(KubeErrorCode.Unavailable);
  });

  it('keeps retrying with backoff while the API server is unreachable, then resyncs', async () => {
    const before = errors.length;
    proxy.refuse();
    await client.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'three' } } });
    await client.core.deleteNamespacedConfigMap({ name: 'one', namespace });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const failedAttempts = errors.length - before;
    // 2.5 s of 100 ms doubling to 1 s backoff: a handful of attempts, not a tight loop.
    expect(failedAttempts).toBeGreaterThanOrEqual(2);
    expect(failedAttempts).toBeLessThanOrEqual(8);
    expect(informer.get(namespace, 'three')).toBeUndefined();
    proxy.accept();
    await eventuallyPasses(() => {
      expect(informer.get(namespace, 'three')).toBeDefined();
      expect(informer.get(namespace, 'one')).toBeUndefined();
    });
  });
});
