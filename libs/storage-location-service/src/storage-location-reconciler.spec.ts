import { BackupStorageLocationPhase, type BackupStorageLocation } from '@ferry/api';
import { silentLogger } from '@ferry/kube';
import { createStorageLocationReconciler } from './storage-location-reconciler';

/** A namespace of BSLs in memory, a settable clock and a scripted validator. */
function world(locations: BackupStorageLocation[], problems: Record<string, string | undefined> = {}) {
  const store = new Map(locations.map((bsl) => [bsl.metadata?.name ?? '', structuredClone(bsl)]));
  let now = Date.parse('2025-01-01T00:00:00Z');
  const validated: string[] = [];
  const writes: string[] = [];
  const reconcile = createStorageLocationReconciler({
    locations: { get: (_ns, name) => store.get(name), list: () => [...store.values()] },
    write: async (_ns, name, mutate) => {
      const current = store.get(name);
      const next = current && mutate(structuredClone(current));
      if (next) {
        store.set(name, next);
        writes.push(name);
      }
    },
    validator: {
      validate: async (bsl) => {
        validated.push(bsl.metadata?.name ?? '');
        return problems[bsl.metadata?.name ?? ''];
      },
    },
    now: () => now,
    logger: silentLogger,
    defaultFrequencyMs: 60_000,
    defaultLocationName: 'default',
  });
  const signal = new AbortController().signal;
  return {
    store,
    validated,
    writes,
    problems,
    run: (name: string) => reconcile(`velero/${name}`, signal),
    advance: (ms: number) => (now += ms),
  };
}

const bsl = (
  name: string,
  spec: Partial<NonNullable<BackupStorageLocation['spec']>> = {},
  created = '2025-01-01T00:00:00Z',
): BackupStorageLocation => ({
  apiVersion: 'velero.io/v1',
  kind: 'BackupStorageLocation',
  metadata: { name, namespace: 'velero', creationTimestamp: created },
  spec: { provider: 'aws', objectStorage: { bucket: 'b' }, ...spec },
});

describe('storage location reconciler - validation and requeue', () => {
  it('validates a new BSL, marks it Available and requeues after the frequency', async () => {
    const w = world([bsl('primary', { validationFrequency: '2s' })]);
    await expect(w.run('primary')).resolves.toEqual({ requeueAfterMs: 2000 });
    expect(w.store.get('primary')?.status).toEqual({
      phase: BackupStorageLocationPhase.Available,
      lastValidationTime: '2025-01-01T00:00:00Z',
    });
  });

  it('does not validate again before the frequency elapsed, and requeues for the rest', async () => {
    const w = world([bsl('primary', { validationFrequency: '2s' })]);
    await w.run('primary');
    w.advance(500);
    await expect(w.run('primary')).resolves.toEqual({ requeueAfterMs: 1500 });
    expect(w.validated).toEqual(['primary']);
    w.advance(1500);
    await w.run('primary');
    expect(w.validated).toEqual(['primary', 'primary']);
  });

  it('with validationFrequency 0s validates once and never requeues', async () => {
    const w = world([bsl('primary', { validationFrequency: '0s' })]);
    await expect(w.run('primary')).resolves.toBeUndefined();
    w.advance(3_600_000);
    await expect(w.run('primary')).resolves.toBeUndefined();
    expect(w.validated).toEqual(['primary']);
  });

  it('uses the default frequency without one', async () => {
    const w = world([bsl('primary')]);
    await expect(w.run('primary')).resolves.toEqual({ requeueAfterMs: 60_000 });
  });

  it('writes Unavailable with Velero’s message, then Available again without a message', async () => {
    const w = world([bsl('primary', { validationFrequency: '1s', accessMode: 'ReadOnly' })], {
      primary: 'bucket "b" does not exist at http://s3',
    });
    await w.run('primary');
    expect(w.store.get('primary')?.status).toMatchObject({
      phase: BackupStorageLocationPhase.Unavailable,
      message: 'BackupStorageLocation "primary" is unavailable: bucket "b" does not exist at http://s3',
    });
    w.problems['primary'] = undefined;
    w.advance(1000);
    await w.run('primary');
    expect(w.store.get('primary')?.status).toEqual({
      phase: BackupStorageLocationPhase.Available,
      lastValidationTime: '2025-01-01T00:00:01Z',
    });
  });

  // velero backup_storage_location_controller.go: SpecChangePredicate queues a BSL whose spec changed, and Reconcile validates it whatever its frequency
  it.each<[string, Partial<NonNullable<BackupStorageLocation['spec']>>, string[]]>([
    ['a changed bucket: validated again at once', { objectStorage: { bucket: 'fixed' } }, ['primary', 'primary']],
    ['a changed frequency: validated again at once', { validationFrequency: '1h' }, ['primary', 'primary']],
    ['only spec.default changed: not before it is due', { default: true }, ['primary']],
    ['nothing changed: not before it is due', {}, ['primary']],
  ])('with validationFrequency 0s, %s', async (_what, change, validated) => {
    const w = world([bsl('primary', { validationFrequency: '0s' })], { primary: 'bucket "b" does not exist at http://s3' });
    await w.run('primary');
    const current = w.store.get('primary')!;
    w.store.set('primary', { ...current, spec: { ...current.spec!, ...change } });
    w.problems['primary'] = undefined;
    w.advance(1000);
    await w.run('primary');
    expect(w.validated).toEqual(validated);
    expect(w.store.get('primary')?.status?.phase).toBe(validated.length === 2 ? 'Available' : 'Unavailable');
  });

  it('does nothing for a BSL gone from the cache', async () => {
    const w = world([]);
    await expect(w.run('gone')).resolves.toBeUndefined();
    expect(w.writes).toEqual([]);
  });

  it('propagates a validator failure (the runtime retries with backoff)', async () => {
    const w = world([bsl('primary')]);
    const reconcile = createStorageLocationReconciler({
      locations: { get: () => w.store.get('primary'), list: () => [...w.store.values()] },
      write: async () => undefined,
      validator: { validate: () => Promise.reject(new Error('API server down')) },
      now: () => 0,
      logger: silentLogger,
      defaultFrequencyMs: 60_000,
      defaultLocationName: 'default',
    });
    await expect(reconcile('velero/primary', new AbortController().signal)).rejects.toThrow('API server down');
  });
});

describe('storage location reconciler - default location', () => {
  it('marks the BSL named default as default once it validates, when none is', async () => {
    const w = world([bsl('default'), bsl('other')], { default: 'bucket missing' });
    await w.run('default');
    expect(w.store.get('default')?.spec?.default).toBeUndefined();
    w.problems['default'] = undefined;
    w.advance(60_000);
    await w.run('default');
    expect(w.store.get('default')?.spec?.default).toBe(true);
    await w.run('other');
    expect(w.store.get('other')?.spec?.default).toBeUndefined();
  });

  it('leaves the named one alone when another BSL is the default', async () => {
    const w = world([bsl('default'), bsl('other', { default: true })]);
    await w.run('default');
    expect(w.store.get('default')?.spec?.default).toBeUndefined();
  });

  it('unsets the older of two defaults, even when its validation is not due', async () => {
    const w = world([bsl('old', { default: true }, '2025-01-01T00:00:00Z'), bsl('new', { default: true }, '2025-01-02T00:00:00Z')]);
    await w.run('old');
    await w.run('new');
    expect(w.store.get('old')?.spec?.default).toBe(false);
    expect(w.store.get('new')?.spec?.default).toBe(true);
    w.store.set('old', { ...w.store.get('old')!, spec: { ...w.store.get('old')!.spec!, default: true } });
    w.advance(1000);
    await w.run('old');
    expect(w.validated).toEqual(['old', 'new']);
    expect(w.store.get('old')?.spec?.default).toBe(false);
  });
});
