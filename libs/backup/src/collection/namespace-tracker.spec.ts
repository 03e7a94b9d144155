import type { BackupSpec } from '@ferry/api';
import { discoveredGroups } from '../testing/catalog-builder';
import { collectionRulesOf } from './collection-rules';
import { NamespaceTracker, type NamespaceFacts } from './namespace-tracker';
import { buildResourceCatalog } from './resource-catalog';

const catalog = buildResourceCatalog(discoveredGroups());
const active = (name: string, labels?: Record<string, string>): NamespaceFacts => ({ name, labels, phase: 'Active' });
const trackerOf = (spec: BackupSpec, namespaces: NamespaceFacts[]) =>
  new NamespaceTracker(
    collectionRulesOf(
      spec,
      catalog,
      namespaces.map((namespace) => namespace.name),
    ),
    namespaces,
  );
const tracked = (tracker: NamespaceTracker, names: string[]) => names.filter((name) => tracker.isTracked(name));

// Velero's TestItemCollectorBackupNamespaces. Velero only checks that the expected namespaces are
// tracked; here the whole tracked set is compared, as Velero's nsTracker.init computes it.
describe('namespace tracker - namespaces taken at start (TestItemCollectorBackupNamespaces)', () => {
  const ns1 = active('ns1', { name: 'ns1' });
  const byName = { matchLabels: { name: 'ns1' } };
  it.each<[string, BackupSpec, NamespaceFacts[], string[]]>([
    ['ns filter by namespace IE filter', { includedNamespaces: ['ns1'] }, [active('ns1'), active('ns2')], ['ns1']],
    ['ns filter by backup labelSelector', { includedNamespaces: ['*'], labelSelector: byName }, [ns1, active('ns2')], ['ns1']],
    ['ns filter by backup orLabelSelector', { includedNamespaces: ['*'], orLabelSelectors: [byName] }, [ns1, active('ns2')], ['ns1']],
    [
      'ns not included by IE filter, but included by labelSelector',
      { excludedNamespaces: ['ns1'], labelSelector: byName },
      [ns1, active('ns2')],
      ['ns1', 'ns2'],
    ],
    [
      'ns not included by IE filter, but included by orLabelSelector',
      { excludedNamespaces: ['ns1', 'ns2'], orLabelSelectors: [byName] },
      [ns1, active('ns2'), active('ns3')],
      ['ns1', 'ns3'],
    ],
    ['No ns filters', { includedNamespaces: ['*'] }, [ns1, active('ns2')], ['ns1', 'ns2']],
    [
      'ns specified by the IncludeNamespaces cannot be found',
      { includedNamespaces: ['ns1', 'invalid', '*'] },
      [ns1, active('ns2'), active('ns3')],
      ['ns1', 'ns2', 'ns3'],
    ],
    [
      'terminating ns should not tracked',
      { includedNamespaces: ['ns1', 'ns2'] },
      [{ name: 'ns1', phase: 'Terminating' }, active('ns2')],
      ['ns2'],
    ],
  ])('%s', (_name, spec, namespaces, expected) => {
    const tracker = trackerOf(spec, namespaces);
    expect(tracked(tracker, [...namespaces.map((namespace) => namespace.name), 'invalid'])).toEqual(expected);
  });
});

// Velero's TestFilterNamespaces: a Namespace object is kept only when its namespace is tracked. The
// last case is Velero 1.18's gate on tracking items' namespaces (velero#9870).
describe('namespace tracker - namespaces of collected items (TestFilterNamespaces)', () => {
  it.each<[string, BackupSpec, string, string[]]>([
    ['Namespace include by the filter but not in namespacesContainResource', {}, 'ns1', ['ns1']],
    ['an item of an excluded namespace does not track it', { excludedNamespaces: ['ns2'] }, 'ns2', []],
  ])('%s', (_name, spec, itemNamespace, expected) => {
    const tracker = trackerOf(spec, []);
    tracker.track(itemNamespace);
    expect(tracked(tracker, ['ns1', 'ns2'])).toEqual(expected);
  });
});
