import type { BackupSpec } from '@ferry/api';
import { parseResourcePoliciesOrThrow, type ResourcePolicies } from '@ferry/volume-policy';
import { discoveredGroups } from '../testing/catalog-builder';
import { collectionRulesOf, itemIncluded, listedResources, resourceListings } from './collection-rules';
import { buildResourceCatalog, type CatalogResource } from './resource-catalog';

const catalog = buildResourceCatalog(discoveredGroups());
const active = ['app', 'db', 'kube-system'];
const rules = (spec: BackupSpec, policies?: ResourcePolicies) => collectionRulesOf(spec, catalog, active, policies);
const resource = (gr: string): CatalogResource => {
  const found = catalog.resolve(gr);
  if (!found) throw new Error(`no ${gr} in the test catalog`);
  return found;
};
const policies = (yaml: string) => parseResourcePoliciesOrThrow(`version: v1\n${yaml}`);

describe('collection rules - listed resource types', () => {
  it('takes the core group first (pods, PVCs, PVs), drops the second of cohabiting pairs and keeps namespaces apart', () => {
    const listed = listedResources(rules({})).map((r) => r.groupResource);
    expect(listed.slice(0, 3)).toEqual(['pods', 'persistentvolumeclaims', 'persistentvolumes']);
    expect(listed).toContain('events');
    expect(listed).not.toContain('events.events.k8s.io');
    expect(listed).not.toContain('namespaces');
  });

  it('leaves cluster-scoped types out for a namespace-filtered backup (scoped filters, nothing named)', () => {
    const listed = listedResources(rules({ includedNamespaces: ['app'] })).map((r) => r.groupResource);
    expect(listed).not.toContain('persistentvolumes');
    expect(listed).toContain('configmaps');
  });
});

describe('collection rules - listings', () => {
  it.each<[string, BackupSpec, string, { namespace: string; labelSelector: string }[]]>([
    ['all namespaces: one list across them', {}, 'configmaps', [{ namespace: '', labelSelector: '' }]],
    [
      'excludes only: still one list across all',
      { excludedNamespaces: ['kube-system'] },
      'configmaps',
      [{ namespace: '', labelSelector: '' }],
    ],
    [
      'named namespaces: one list each, sorted',
      { includedNamespaces: ['db', 'app'] },
      'configmaps',
      [
        { namespace: 'app', labelSelector: '' },
        { namespace: 'db', labelSelector: '' },
      ],
    ],
    [
      'cluster scope: one list',
      { includedNamespaces: ['app'], includeClusterResources: true },
      'persistentvolumes',
      [{ namespace: '', labelSelector: '' }],
    ],
    [
      'label selector as a query',
      { labelSelector: { matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }] } },
      'configmaps',
      [{ namespace: '', labelSelector: 'a=1,b=2,c in (x,y)' }],
    ],
    [
      'one list per OR selector',
      { orLabelSelectors: [{ matchLabels: { a: '1' } }, { matchExpressions: [{ key: 'b', operator: 'DoesNotExist' }] }] },
      'configmaps',
      [
        { namespace: '', labelSelector: 'a=1' },
        { namespace: '', labelSelector: '!b' },
      ],
    ],
  ])('%s', (_name, spec, gr, expected) => {
    expect(resourceListings(rules(spec), resource(gr)).map(({ namespace, labelSelector }) => ({ namespace, labelSelector }))).toEqual(
      expected,
    );
  });

  it('applies a namespace filter policy: its own selector, a catch-all, or nothing for unlisted kinds', () => {
    const withPolicy = rules(
      { includedNamespaces: ['app', 'db'], labelSelector: { matchLabels: { global: 'yes' } } },
      policies(
        `namespacedFilterPolicies:\n- namespaces: [app]\n  resourceFilters:\n  - kinds: [ConfigMap]\n    labelSelector: {matchLabels: {tier: web}}\n- namespaces: ['d*']\n  resourceFilters:\n  - kinds: ['*']\n`,
      ),
    );
    expect(resourceListings(withPolicy, resource('configmaps')).map((l) => [l.namespace, l.labelSelector])).toEqual([
      ['app', 'tier=web'],
      ['db', ''],
    ]);
    expect(resourceListings(withPolicy, resource('secrets')).map((l) => [l.namespace, l.labelSelector])).toEqual([['db', '']]);
  });

  it('replaces the selector of a cluster-scoped kind named by clusterScopedFilterPolicy only', () => {
    const withPolicy = rules(
      { includeClusterResources: true, labelSelector: { matchLabels: { global: 'yes' } } },
      policies(
        `clusterScopedFilterPolicy:\n  resourceFilters:\n  - kinds: [StorageClass]\n    orLabelSelectors: [{matchLabels: {a: '1'}}, {matchLabels: {b: '2'}}]\n`,
      ),
    );
    expect(resourceListings(withPolicy, resource('storageclasses.storage.k8s.io')).map((l) => l.labelSelector)).toEqual(['a=1', 'b=2']);
    expect(resourceListings(withPolicy, resource('persistentvolumes')).map((l) => l.labelSelector)).toEqual(['global=yes']);
  });
});

describe('collection rules - item inclusion checks', () => {
  const item = (namespace: string, name: string, labels?: Record<string, string>, deletionTimestamp?: string) => ({
    namespace,
    name,
    labels,
    deletionTimestamp,
  });
  const cases: [string, BackupSpec, ReturnType<typeof item>, string, boolean, ResourcePolicies?][] = [
    ['a plain item', {}, item('app', 'a'), 'configmaps', true],
    ['the exclude-from-backup label', {}, item('app', 'a', { 'velero.io/exclude-from-backup': 'true' }), 'configmaps', false],
    ['the label with another value', {}, item('app', 'a', { 'velero.io/exclude-from-backup': 'yes' }), 'configmaps', true],
    ['an excluded namespace', { excludedNamespaces: ['app'] }, item('app', 'a'), 'configmaps', false],
    ['a namespaced type not included', { includedNamespaceScopedResources: ['secrets'] }, item('app', 'a'), 'configmaps', false],
    [
      'a cluster-scoped additional item of a namespace-filtered backup',
      { includedNamespaces: ['app'] },
      item('', 'pv-1'),
      'persistentvolumes',
      true,
    ],
    ['a cluster-scoped type explicitly excluded', { excludedClusterScopedResources: ['pv'] }, item('', 'pv-1'), 'persistentvolumes', false],
    [
      'includeClusterResources false excludes cluster items',
      { includeClusterResources: false },
      item('', 'pv-1'),
      'persistentvolumes',
      false,
    ],
    ['namespaces pass even when cluster resources are excluded', { includeClusterResources: false }, item('', 'app'), 'namespaces', true],
    ['an object being deleted', {}, item('app', 'a', {}, '2026-01-01T00:00:00Z'), 'configmaps', false],
    [
      'a name outside a namespace policy’s names',
      {},
      item('app', 'other'),
      'configmaps',
      false,
      policies(`namespacedFilterPolicies:\n- namespaces: [app]\n  resourceFilters:\n  - kinds: [configmaps]\n    names: ['web-*']\n`),
    ],
    [
      'a name the policy excludes',
      {},
      item('app', 'web-tmp'),
      'configmaps',
      false,
      policies(
        `namespacedFilterPolicies:\n- namespaces: [app]\n  resourceFilters:\n  - kinds: [configmaps]\n    names: ['web-*']\n    excludedNames: ['*-tmp']\n`,
      ),
    ],
    [
      'an unlisted kind passes (additional items)',
      {},
      item('app', 'x'),
      'secrets',
      true,
      policies(`namespacedFilterPolicies:\n- namespaces: [app]\n  resourceFilters:\n  - kinds: [configmaps]\n    names: ['web-*']\n`),
    ],
    [
      'a cluster policy’s names',
      {},
      item('', 'pv-1'),
      'persistentvolumes',
      false,
      policies(`clusterScopedFilterPolicy:\n  resourceFilters:\n  - kinds: [PersistentVolume]\n    excludedNames: ['pv-*']\n`),
    ],
  ];
  it.each(cases.map(([name, spec, facts, gr, expected, policy]) => ({ name, spec, facts, gr, expected, policy })))(
    '$name',
    ({ spec, facts, gr, expected, policy }) => {
      expect(itemIncluded(rules(spec, policy), facts, gr)).toBe(expected);
    },
  );
});

// Velero's TestBackupActionAdditionalItems (pkg/backup/backup_test.go): the inclusion checks an
// additional item goes through.
describe('collection rules - additional items (TestBackupActionAdditionalItems)', () => {
  const item = (namespace: string, name: string, labels?: Record<string, string>) => ({ namespace, name, labels });
  it.each<[string, BackupSpec, ReturnType<typeof item>, string, boolean]>([
    ['an item of a non-included namespace is not backed up', { includedNamespaces: ['app'] }, item('db', 'pod-2'), 'pods', false],
    [
      'a cluster-scoped item of a namespace-filtered backup is backed up',
      { includedNamespaces: ['app'] },
      item('', 'pv-1'),
      'persistentvolumes',
      true,
    ],
    ['an item of a non-included resource is not backed up', { includedResources: ['pods'] }, item('', 'pv-1'), 'persistentvolumes', false],
    [
      'a cluster-scoped item with IncludeClusterResources=false is not backed up',
      { includeClusterResources: false },
      item('', 'pv-1'),
      'persistentvolumes',
      false,
    ],
    [
      'an item with the velero.io/exclude-from-backup label is not backed up',
      { includedNamespaces: ['app'] },
      item('', 'pv-1', { 'velero.io/exclude-from-backup': 'true' }),
      'persistentvolumes',
      false,
    ],
  ])('%s', (_name, spec, facts, gr, expected) => {
    expect(itemIncluded(rules(spec), facts, gr)).toBe(expected);
  });
});
