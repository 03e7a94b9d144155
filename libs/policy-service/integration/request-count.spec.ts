import { request } from '@ferry/nats';
import { aBackup, aPod, aPvc } from '../src/testing';
import { startPolicyHarness, type PolicyTestHarness } from './policy-test-harness';

/** The inventory's cost does not grow with the volumes: the same requests for 3 and for 30. */
describe('policy service - API requests per plan', () => {
  let harness: PolicyTestHarness;
  const namespaces: Record<number, string> = {};

  beforeAll(async () => {
    harness = await startPolicyHarness();
    for (const count of [3, 30]) {
      const namespace = await harness.createNamespace(`pol-n${count}`);
      namespaces[count] = namespace;
      const objects = Array.from({ length: count }, (_, i) => [
        aPvc(namespace, `c${i}`),
        aPod(namespace, `p${i}`, [{ name: 'data', claimName: `c${i}` }]),
      ]).flat();
      await harness.create(...objects);
      await harness.create(
        aBackup(harness.ferryNamespace, `named-${count}`, { includedNamespaces: [namespace] }),
        aBackup(harness.ferryNamespace, `pattern-${count}`, { includedNamespaces: [`${namespace}*`] }),
      );
      await harness.waitForBound(namespace);
    }
  });
  afterAll(() => harness.dispose());

  const plan = (name: string) =>
    request(
      harness.nats,
      harness.contracts.messages.policyEvaluate,
      {},
      { backup: { namespace: harness.ferryNamespace, name } },
      { timeoutMs: 30_000 },
    );

  it('lists per namespace for a named namespace: 1 backup GET + namespaces, PVs, PVCs, pods', async () => {
    const small = await plan('named-3');
    const large = await plan('named-30');
    expect(small.entries.filter((e) => e.target.kind === 'pvc')).toHaveLength(3);
    expect(large.entries.filter((e) => e.target.kind === 'pvc')).toHaveLength(30);
    expect(large.entries.filter((e) => e.outcome === 'perform' && e.approach === 'snapshot')).toHaveLength(60);
    expect(small.stats.listScope).toBe('namespace');
    expect(small.stats.apiRequests).toBe(5);
    expect(large.stats.apiRequests).toBe(small.stats.apiRequests);
    expect(large.stats.requestsByResource).toEqual(small.stats.requestsByResource);
  });

  it('lists cluster-wide for a namespace pattern, still independent of the volumes', async () => {
    const small = await plan('pattern-3');
    const large = await plan('pattern-30');
    expect(small.stats.listScope).toBe('cluster');
    expect(large.entries.filter((e) => e.target.kind === 'pod-volume')).toHaveLength(30);
    expect(large.stats.apiRequests).toBe(small.stats.apiRequests);
    expect(large.stats.apiRequests).toBeLessThan(10);
  });
});
