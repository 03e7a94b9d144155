import { createCustomResourceClient, isConflict, KubeError, KubeErrorCode, type CustomResourceClient, type KubeClient } from '../src/index';
import { createTestNamespace, environmentClient, gadgets, installTestCrds, widgets, type Counted } from './kube-test-support';

type Status = NonNullable<Counted['status']>;

describe('custom-resource client - CRUD and status modes', () => {
  let client: KubeClient;
  let namespace: string;
  let widgetClient: CustomResourceClient<Counted, Status>;
  let gadgetClient: CustomResourceClient<Counted, Status>;
  const object = (kind: string, name: string, size = 1): Counted => ({
    apiVersion: `${widgets.group}/v1`,
    kind,
    metadata: { name, namespace },
    spec: { size },
  });

  beforeAll(async () => {
    client = environmentClient();
    await installTestCrds(client);
    namespace = await createTestNamespace(client, 'crclient');
    widgetClient = createCustomResourceClient(client, widgets);
    gadgetClient = createCustomResourceClient(client, gadgets);
  });
  afterAll(() => client.core.deleteNamespace({ name: namespace }));

  it('creates, reads, lists, patches and deletes', async () => {
    await widgetClient.create(object('Widget', 'crud', 2));
    expect((await widgetClient.get(namespace, 'crud')).spec?.size).toBe(2);
    expect((await widgetClient.list(namespace)).map((w) => w.metadata?.name)).toContain('crud');
    expect((await widgetClient.patch(namespace, 'crud', { spec: { label: 'x' } })).spec).toEqual({ size: 2, label: 'x' });
    await expect(widgetClient.create(object('Widget', 'crud'))).rejects.toMatchObject({ code: KubeErrorCode.AlreadyExists });
    await widgetClient.delete(namespace, 'crud');
    expect(await widgetClient.find(namespace, 'crud')).toBeUndefined();
    await expect(widgetClient.get(namespace, 'crud')).rejects.toMatchObject({ code: KubeErrorCode.NotFound, retryable: false });
    await widgetClient.delete(namespace, 'crud', { ignoreNotFound: true });
  });

  it('writes status through /status for a resource with the subresource, and with the object without it', async () => {
    await widgetClient.create(object('Widget', 'modes'));
    await gadgetClient.create(object('Gadget', 'modes'));
    // A main-resource write never changes status when /status exists, and always does when it does not.
    await widgetClient.patch(namespace, 'modes', { status: { count: 99 } });
    await gadgetClient.patch(namespace, 'modes', { status: { count: 99 } });
    expect((await widgetClient.get(namespace, 'modes')).status?.count).toBeUndefined();
    expect((await gadgetClient.get(namespace, 'modes')).status?.count).toBe(99);
    await widgetClient.updateStatus(namespace, 'modes', () => ({ count: 1 }));
    await gadgetClient.updateStatus(namespace, 'modes', () => ({ count: 1 }));
    expect((await widgetClient.get(namespace, 'modes')).status?.count).toBe(1);
    expect((await gadgetClient.get(namespace, 'modes')).status?.count).toBe(1);
  });

  it.each([
    ['widgets (/status)', 'updateStatus', () => widgetClient, 'Widget'],
    ['widgets (/status)', 'patchStatus', () => widgetClient, 'Widget'],
    ['gadgets (whole object)', 'updateStatus', () => gadgetClient, 'Gadget'],
    ['gadgets (whole object)', 'patchStatus', () => gadgetClient, 'Gadget'],
  ] as const)('%s %s: two concurrent writers lose no increment', async (_label, method, getClient, kind) => {
    const resource = getClient();
    const name = `race-${kind.toLowerCase()}-${method.toLowerCase()}`;
    await resource.create(object(kind, name));
    let mutations = 0;
    const increment = (writer: string) => (current: Counted) => {
      mutations++;
      return { count: (current.status?.count ?? 0) + 1, writers: [...(current.status?.writers ?? []), writer] };
    };
    const writer = async (id: string) => {
      for (let i = 0; i < 10; i++) await resource[method](namespace, name, increment(id), { maxAttempts: 50 });
    };
    await Promise.all([writer('a'), writer('b')]);
    const final = await resource.get(namespace, name);
    expect(final.status?.count).toBe(20);
    expect(final.status?.writers?.filter((w) => w === 'a')).toHaveLength(10);
    expect(final.status?.writers?.filter((w) => w === 'b')).toHaveLength(10);
    // More mutations than writes: some writes conflicted and were re-applied to a fresh read.
    expect(mutations).toBeGreaterThan(20);
  });

  it('reports Conflict for a replace with a stale resourceVersion', async () => {
    const created = await widgetClient.create(object('Widget', 'stale'));
    await widgetClient.patch(namespace, 'stale', { spec: { size: 5 } });
    const failure = await widgetClient.replace({ ...created, spec: { size: 6 } }).catch((error: unknown) => error);
    expect(isConflict(failure)).toBe(true);
    expect((failure as KubeError).retryable).toBe(true);
  });
});

describe('custom-resource client - validation errors', () => {
  let client: KubeClient;
  let namespace: string;
  beforeAll(async () => {
    client = environmentClient();
    await installTestCrds(client);
    namespace = await createTestNamespace(client, 'invalid');
  });
  afterAll(() => client.core.deleteNamespace({ name: namespace }));

  it('surfaces the field causes of an object the schema rejects', async () => {
    const widgetClient = createCustomResourceClient<Counted>(client, widgets);
    const failure = await widgetClient
      .create({
        apiVersion: `${widgets.group}/v1`,
        kind: 'Widget',
        metadata: { name: 'bad', namespace },
        spec: { size: 42, label: 'far-too-long' },
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KubeError);
    const error = failure as KubeError;
    expect(error.code).toBe(KubeErrorCode.Invalid);
    expect(error.retryable).toBe(false);
    expect(error.causes.map((cause) => cause.field).sort()).toEqual(['spec.label', 'spec.size']);
    expect(error.message).toContain(`create widgets.${widgets.group} ${namespace}/bad`);
    expect(error.message).toContain('spec.size');
  });

  it('rejects a namespaced call without a namespace before calling the server', async () => {
    const widgetClient = createCustomResourceClient<Counted>(client, widgets);
    await expect(widgetClient.get(undefined, 'x')).rejects.toMatchObject({ code: KubeErrorCode.BadRequest });
  });
});
