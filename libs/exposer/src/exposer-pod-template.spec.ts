import { exposerNodeAffinityTerms } from './exposer-pod-template';
import type { NodeSelectorTerm } from './kube-types';

const notWindows = { key: 'kubernetes.io/os', operator: 'NotIn', values: ['windows'] };
const term = (key: string, value: string): NodeSelectorTerm => ({ matchExpressions: [{ key, operator: 'In', values: [value] }] });
const expr = (key: string, value: string) => ({ key, operator: 'In', values: [value] });

describe('exposer pod template - node affinity', () => {
  it.each<[string, NodeSelectorTerm[], NodeSelectorTerm[], NodeSelectorTerm[]]>([
    ['no affinity: Linux only', [], [], [{ matchExpressions: [notWindows] }]],
    [
      'load affinity terms stay ORed',
      [term('pool', 'a'), term('pool', 'b')],
      [],
      [{ matchExpressions: [expr('pool', 'a'), notWindows] }, { matchExpressions: [expr('pool', 'b'), notWindows] }],
    ],
    ['volume topology only', [], [term('zone', 'z1')], [{ matchExpressions: [expr('zone', 'z1'), notWindows] }]],
    [
      'load affinity ANDed with volume topology',
      [term('pool', 'a')],
      [term('zone', 'z1')],
      [{ matchExpressions: [expr('pool', 'a'), expr('zone', 'z1'), notWindows] }],
    ],
    [
      'matchFields kept',
      [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }],
      [],
      [{ matchExpressions: [notWindows], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }],
    ],
  ])('%s', (_name, load, topology, expected) => {
    expect(exposerNodeAffinityTerms(load, topology)).toEqual(expected);
  });
});
