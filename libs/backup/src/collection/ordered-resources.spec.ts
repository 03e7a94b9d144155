import { resourceOrderOf, sortByOrder } from './ordered-resources';

interface Item {
  readonly namespace: string;
  readonly name: string;
}
const fullName = (item: Item): string => (item.namespace === '' ? item.name : `${item.namespace}/${item.name}`);
const names = (items: readonly Item[]): string[] => items.map(fullName);

describe('ordered resources - the order of a resource', () => {
  it.each<[string, Record<string, string> | null | undefined, string, string[]]>([
    ['no orderedResources', undefined, 'pods', []],
    ['null orderedResources', null, 'pods', []],
    ['another resource ordered', { persistentvolumes: 'pv1' }, 'pods', []],
    ['an empty order', { pods: '' }, 'pods', []],
    ['namespaced names, split on commas', { pods: 'ns1/pod1,ns1/pod2' }, 'pods', ['ns1/pod1', 'ns1/pod2']],
    ['cluster-scoped names', { persistentvolumes: 'pv4,pv8' }, 'persistentvolumes', ['pv4', 'pv8']],
    ['an Object.prototype member is not an order', {}, 'constructor', []],
  ])('%s', (_, orderedResources, resource, expected) => {
    expect(resourceOrderOf(orderedResources, resource)).toEqual(expected);
  });
});

// Velero's TestSortOrderedResource (pkg/backup/item_collector_test.go) and the rest of sortResourcesByOrder.
describe('ordered resources - sorting by the order', () => {
  const pods: Item[] = [
    { namespace: 'ns1', name: 'pod1' },
    { namespace: 'ns1', name: 'pod2' },
  ];
  const volumes: Item[] = [
    { namespace: '', name: 'pv1' },
    { namespace: '', name: 'pv2' },
  ];
  it.each<[string, Item[], string[], string[], string[]]>([
    ['namespaced items in the given order', pods, ['ns1/pod2', 'ns1/pod1'], ['ns1/pod2', 'ns1/pod1'], []],
    ['cluster-scoped items in the given order', volumes, ['pv2', 'pv1'], ['pv2', 'pv1'], []],
    [
      'the unordered rest after, as listed',
      [...pods, { namespace: 'ns2', name: 'pod0' }],
      ['ns1/pod2'],
      ['ns1/pod2', 'ns1/pod1', 'ns2/pod0'],
      [],
    ],
    ['a name no item has is missing', pods, ['ns1/pod3', 'ns1/pod2'], ['ns1/pod2', 'ns1/pod1'], ['ns1/pod3']],
    ['a name ordered twice is missing the second time', pods, ['ns1/pod2', 'ns1/pod2'], ['ns1/pod2', 'ns1/pod1'], ['ns1/pod2']],
    ['a bare name does not match a namespaced item', pods, ['pod1'], ['ns1/pod1', 'ns1/pod2'], ['pod1']],
  ])('%s', (_, items, order, expected, missing) => {
    const sorted = sortByOrder(items, order, fullName);
    expect(names(sorted.items)).toEqual(expected);
    expect(sorted.missing).toEqual(missing);
  });
});
