import type { V1Node, V1PersistentVolume, V1Pod } from '@kubernetes/client-node';
import {
  labelRequirementMatches,
  NodeMismatch,
  nodeMatchesTerms,
  nodeMismatch,
  toleratesTaints,
  unschedulableMessage,
} from './node-selection';

const node = (name: string, labels: Record<string, string>, extra: Partial<V1Node['spec']> = {}): V1Node => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
  spec: extra,
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
});
const pod = (spec: Partial<NonNullable<V1Pod['spec']>>): V1Pod => ({
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'c' }], ...spec },
});
const zoneA = node('n1', { zone: 'a', tier: '3' });
const zoneB = node('n2', { zone: 'b' });

describe('node selection - requirements', () => {
  it.each([
    [{ key: 'zone', operator: 'In', values: ['a', 'c'] }, true],
    [{ key: 'zone', operator: 'In', values: ['b'] }, false],
    [{ key: 'zone', operator: 'NotIn', values: ['b'] }, true],
    [{ key: 'missing', operator: 'NotIn', values: ['b'] }, true],
    [{ key: 'zone', operator: 'Exists' }, true],
    [{ key: 'missing', operator: 'Exists' }, false],
    [{ key: 'missing', operator: 'DoesNotExist' }, true],
    [{ key: 'zone', operator: 'DoesNotExist' }, false],
    [{ key: 'tier', operator: 'Gt', values: ['2'] }, true],
    [{ key: 'tier', operator: 'Lt', values: ['2'] }, false],
    [{ key: 'zone', operator: 'Bogus' }, false],
  ])('%o → %s', (requirement, expected) => {
    expect(labelRequirementMatches(zoneA.metadata?.labels ?? {}, requirement)).toBe(expected);
  });

  it('ORs terms, ANDs expressions and matches metadata.name fields', () => {
    const terms = [
      {
        matchExpressions: [
          { key: 'zone', operator: 'In', values: ['a'] },
          { key: 'tier', operator: 'Exists' },
        ],
      },
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n2'] }] },
    ];
    expect(nodeMatchesTerms(zoneA, terms)).toBe(true);
    expect(nodeMatchesTerms(zoneB, terms)).toBe(true);
    expect(nodeMatchesTerms(node('n3', { zone: 'a' }), terms)).toBe(false);
    expect(nodeMatchesTerms(zoneA, [{}])).toBe(false);
  });
});

describe('node selection - pod fit', () => {
  it('honours nodeSelector and required node affinity', () => {
    expect(nodeMismatch(pod({ nodeSelector: { zone: 'a' } }), zoneA, [])).toBeUndefined();
    expect(nodeMismatch(pod({ nodeSelector: { zone: 'a' } }), zoneB, [])).toBe(NodeMismatch.NodeAffinity);
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }],
        },
      },
    };
    expect(nodeMismatch(pod({ affinity }), zoneA, [])).toBe(NodeMismatch.NodeAffinity);
    expect(nodeMismatch(pod({ affinity }), zoneB, [])).toBeUndefined();
  });

  it('honours the node affinity of mounted PVs', () => {
    const pv: V1PersistentVolume = {
      spec: {
        nodeAffinity: {
          required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n2'] }] }] },
        },
      },
    };
    expect(nodeMismatch(pod({}), zoneA, [pv])).toBe(NodeMismatch.VolumeNodeAffinity);
    expect(nodeMismatch(pod({}), zoneB, [pv])).toBeUndefined();
  });

  it('skips cordoned, not ready and tainted nodes unless tolerated', () => {
    expect(nodeMismatch(pod({}), node('n', {}, { unschedulable: true }), [])).toBe(NodeMismatch.Unschedulable);
    expect(nodeMismatch(pod({}), { ...zoneA, status: { conditions: [{ type: 'Ready', status: 'False' }] } }, [])).toBe(
      NodeMismatch.NotReady,
    );
    const taints = [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }];
    expect(nodeMismatch(pod({}), node('n', {}, { taints }), [])).toBe(NodeMismatch.Taint);
    expect(toleratesTaints(taints, [{ key: 'dedicated', operator: 'Equal', value: 'x' }])).toBe(true);
    expect(toleratesTaints(taints, [{ operator: 'Exists' }])).toBe(true);
    expect(toleratesTaints([{ key: 'k', effect: 'PreferNoSchedule' }], [])).toBe(true);
  });

  it('summarises mismatches like kube-scheduler', () => {
    expect(unschedulableMessage(3, [NodeMismatch.NodeAffinity, NodeMismatch.VolumeNodeAffinity, NodeMismatch.NodeAffinity])).toBe(
      "0/3 nodes are available: 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity/selector.",
    );
  });
});
