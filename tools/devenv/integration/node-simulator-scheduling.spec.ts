import { access } from 'node:fs/promises';
import type { V1Pod } from '@kubernetes/client-node';
import {
  boundClaim,
  claim,
  createTestNamespace,
  eventsFor,
  kubeletVolumePath,
  pod,
  runningPod,
  simulatorTestContext,
} from './simulator-test-support';
import { eventually } from '../src/testing';

const { info, client } = simulatorTestContext();
const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
const simulatedNode = (name: string) => {
  const node = info.nodes.find((candidate) => candidate.name === name);
  if (!node) throw new Error(`${name} is not a simulated node`);
  return node;
};

async function scheduledCondition(namespace: string, name: string) {
  return eventually(async () => {
    const current = await client.core.readNamespacedPod({ name, namespace });
    return current.status?.conditions?.find((condition) => condition.type === 'PodScheduled' && condition.status === 'False');
  });
}

describe('node simulator - cluster setup', () => {
  it('registers two Ready nodes with hostname, os and distinct zone labels, and their roots', async () => {
    expect(info.nodes.map((node) => node.name)).toEqual(['ferry-node-1', 'ferry-node-2']);
    const zones = new Set<string>();
    for (const simulated of info.nodes) {
      const node = await client.core.readNode({ name: simulated.name });
      expect(node.metadata?.labels).toMatchObject({ 'kubernetes.io/hostname': simulated.name, 'kubernetes.io/os': 'linux' });
      zones.add(node.metadata?.labels?.['topology.kubernetes.io/zone'] ?? '');
      expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      expect(node.status?.capacity).toMatchObject({ cpu: '8', memory: '16Gi', pods: '110' });
      expect(await exists(simulated.root)).toBe(true);
    }
    expect(zones.size).toBe(2);
  });

  it('serves the standard (Immediate, default) and fast (WaitForFirstConsumer) classes and a snapshot class', async () => {
    const standard = await client.storage.readStorageClass({ name: 'standard' });
    const fast = await client.storage.readStorageClass({ name: 'fast' });
    expect(standard).toMatchObject({ provisioner: 'hostpath.csi.ferry.dev', volumeBindingMode: 'Immediate', reclaimPolicy: 'Delete' });
    expect(standard.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class']).toBe('true');
    expect(fast).toMatchObject({ provisioner: 'hostpath.csi.ferry.dev', volumeBindingMode: 'WaitForFirstConsumer' });
    const snapshotClass = await eventually(
      () =>
        client.customObjects.getClusterCustomObject({
          group: 'snapshot.storage.k8s.io',
          version: 'v1',
          plural: 'volumesnapshotclasses',
          name: 'ferry-snapclass',
        }) as Promise<{ driver: string; deletionPolicy: string }>,
    );
    expect(snapshotClass).toMatchObject({ driver: 'hostpath.csi.ferry.dev', deletionPolicy: 'Delete' });
  });
});

describe('node simulator - scheduling', () => {
  let namespace: string;
  beforeAll(async () => {
    namespace = await createTestNamespace(client, 'sim-scheduling');
  });
  afterAll(() => client.core.deleteNamespace({ name: namespace }));

  it('reports a running pod like a kubelet', async () => {
    await client.core.createNamespacedPod({ namespace, body: pod('plain') });
    const running = await runningPod(client, namespace, 'plain');
    const node = await client.core.readNode({ name: running.spec?.nodeName ?? '' });
    const internalIp = node.status?.addresses?.find((address) => address.type === 'InternalIP')?.address;
    expect(running.status).toMatchObject({ hostIP: internalIp, qosClass: 'BestEffort' });
    expect(running.status?.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(running.status?.startTime).toBeDefined();
    expect(running.status?.conditions?.filter((c) => c.status === 'True').map((c) => c.type)).toEqual(
      expect.arrayContaining(['PodScheduled', 'Initialized', 'ContainersReady', 'Ready']),
    );
    expect(running.status?.containerStatuses?.[0]).toMatchObject({
      name: 'main',
      ready: true,
      state: { running: { startedAt: expect.any(Date) } },
    });
  });

  it.each([
    ['a nodeSelector on the zone of node 1', () => ({ nodeSelector: { 'topology.kubernetes.io/zone': 'ferry-zone-a' } }), 'ferry-node-1'],
    [
      'matchFields metadata.name In [node 2]',
      () => ({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['ferry-node-2'] }] }],
            },
          },
        },
      }),
      'ferry-node-2',
    ],
    [
      'hostname NotIn [node 2]',
      () => ({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'NotIn', values: ['ferry-node-2'] }] }],
            },
          },
        },
      }),
      'ferry-node-1',
    ],
    ['a preset nodeName', () => ({ nodeName: 'ferry-node-2' }), 'ferry-node-2'],
  ])('places a pod with %s', async (label, options, expected) => {
    const name = `placed-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`.slice(0, 60).replace(/-$/, '');
    await client.core.createNamespacedPod({ namespace, body: pod(name, options()) });
    expect((await runningPod(client, namespace, name)).spec?.nodeName).toBe(expected);
  });

  it('leaves a pod with an unsatisfiable selector Pending with the scheduler reason', async () => {
    await client.core.createNamespacedPod({
      namespace,
      body: pod('nowhere', { nodeSelector: { 'kubernetes.io/hostname': 'no-such-node' } }),
    });
    const condition = await scheduledCondition(namespace, 'nowhere');
    expect(condition).toMatchObject({
      reason: 'Unschedulable',
      message: "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector.",
    });
    const current = await client.core.readNamespacedPod({ name: 'nowhere', namespace });
    expect(current.status?.phase).toBe('Pending');
    expect(current.spec?.nodeName).toBeUndefined();
    // The event is recorded after the condition is written: wait for it rather than read it once.
    await eventually(async () =>
      (await eventsFor(client, namespace, 'nowhere')).some((e) => e.reason === 'FailedScheduling' && e.type === 'Warning'),
    );
  });

  it('leaves a claim of an unknown class Pending with a ProvisioningFailed warning, and its pod unschedulable', async () => {
    await client.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('lost', { storageClassName: 'does-not-exist' }) });
    await client.core.createNamespacedPod({ namespace, body: pod('lost-pod', { claims: [{ claimName: 'lost' }] }) });
    const warning = await eventually(async () =>
      (await eventsFor(client, namespace, 'lost')).find((e) => e.reason === 'ProvisioningFailed'),
    );
    expect(warning).toMatchObject({ type: 'Warning', message: 'storageclass.storage.k8s.io "does-not-exist" not found' });
    expect((await scheduledCondition(namespace, 'lost-pod')).message).toContain('pod has unbound immediate PersistentVolumeClaims');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const pending = await client.core.readNamespacedPersistentVolumeClaim({ name: 'lost', namespace });
    expect(pending.status?.phase).toBe('Pending');
    expect(pending.spec?.volumeName).toBeUndefined();
  });

  it('binds a WaitForFirstConsumer claim only once its pod is placed, on the selected node', async () => {
    await client.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim('late', { storageClassName: 'fast' }) });
    await eventually(async () => (await eventsFor(client, namespace, 'late')).some((e) => e.reason === 'WaitForFirstConsumer'));
    expect((await client.core.readNamespacedPersistentVolumeClaim({ name: 'late', namespace })).status?.phase).toBe('Pending');

    await client.core.createNamespacedPod({
      namespace,
      body: pod('late-pod', { claims: [{ claimName: 'late' }], nodeSelector: { 'kubernetes.io/hostname': 'ferry-node-2' } }),
    });
    const bound = await boundClaim(client, namespace, 'late');
    expect(bound.metadata?.annotations?.['volume.kubernetes.io/selected-node']).toBe('ferry-node-2');
    const pv = await client.core.readPersistentVolume({ name: bound.spec?.volumeName ?? '' });
    expect(pv.spec?.nodeAffinity?.required?.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['ferry-node-2'] }] },
    ]);
    const running: V1Pod = await runningPod(client, namespace, 'late-pod');
    expect(running.spec?.nodeName).toBe('ferry-node-2');
    expect(await exists(kubeletVolumePath(simulatedNode('ferry-node-2'), running.metadata?.uid ?? '', pv.metadata?.name ?? ''))).toBe(true);
    expect(await exists(kubeletVolumePath(simulatedNode('ferry-node-1'), running.metadata?.uid ?? '', pv.metadata?.name ?? ''))).toBe(
      false,
    );

    // A second pod of that claim must follow the volume's node affinity even if it would prefer node 1.
    await client.core.createNamespacedPod({ namespace, body: pod('late-follower', { claims: [{ claimName: 'late' }] }) });
    expect((await runningPod(client, namespace, 'late-follower')).spec?.nodeName).toBe('ferry-node-2');
  });
});
