import type { RestoreSpec } from '@ferry/api';
import { buildResourceCatalog, type DiscoveredGroup } from '@ferry/backup';
import { parseResourcePoliciesOrThrow } from '@ferry/volume-policy';
import { restoreSelectionOf } from './restore-selection';

const verbs = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const groups: DiscoveredGroup[] = [
  {
    name: '',
    preferredVersion: 'v1',
    versions: [
      {
        version: 'v1',
        resources: [
          { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', shortNames: ['po'], verbs },
          { name: 'configmaps', singularName: 'configmap', namespaced: true, kind: 'ConfigMap', shortNames: ['cm'], verbs },
          {
            name: 'persistentvolumes',
            singularName: 'persistentvolume',
            namespaced: false,
            kind: 'PersistentVolume',
            shortNames: ['pv'],
            verbs,
          },
          { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs },
        ],
      },
    ],
  },
  {
    name: 'apps',
    preferredVersion: 'v1',
    versions: [
      {
        version: 'v1',
        resources: [
          { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', shortNames: ['deploy'], verbs },
        ],
      },
    ],
  },
];
const catalog = buildResourceCatalog(groups);
const of = (spec: RestoreSpec, backupNamespaces = ['app', 'other', 'app-2']) => restoreSelectionOf(spec, catalog, backupNamespaces);

describe('restoreSelectionOf (getOrderedResourceCollection / getSelectedRestoreableItems filters)', () => {
  it.each<[string, RestoreSpec, string, boolean]>([
    ['everything by default', {}, 'pods', true],
    ['non-restorable resources never', {}, 'nodes', false],
    [
      'DataUploads are must-have even when excluded (resourceMustHave)',
      { excludedResources: ['datauploads.velero.io'] },
      'datauploads.velero.io',
      true,
    ],
    ['short names resolved in includes', { includedResources: ['po'] }, 'pods', true],
    ['not included', { includedResources: ['po'] }, 'configmaps', false],
    ['excluded', { excludedResources: ['cm'] }, 'configmaps', false],
  ])('resources: %s', (_name, spec, resource, expected) => {
    expect(of(spec).includesResource(resource)).toBe(expected);
  });

  it.each<[string, RestoreSpec, string, boolean]>([
    ['all namespaces and cluster scope by default', {}, '', true],
    ['a namespace of the backup', {}, 'app', true],
    ['only the included namespace', { includedNamespaces: ['app'] }, 'other', false],
    ['cluster scope left out when namespaces are narrowed', { includedNamespaces: ['app'] }, '', false],
    ['…unless includeClusterResources', { includedNamespaces: ['app'], includeClusterResources: true }, '', true],
    ['includeClusterResources false', { includeClusterResources: false }, '', false],
    ['namespace globs', { includedNamespaces: ['app*'] }, 'app-2', true],
    ['wildcard excludes', { excludedNamespaces: ['app*'] }, 'app', false],
  ])('scope: %s', (_name, spec, namespace, expected) => {
    expect(of(spec).includesScope(namespace, 'configmaps')).toBe(expected);
  });

  it.each<[string, RestoreSpec, Record<string, string> | undefined, boolean]>([
    ['no selector', {}, undefined, true],
    ['labelSelector matches', { labelSelector: { matchLabels: { a: 'b' } } }, { a: 'b' }, true],
    ['labelSelector misses', { labelSelector: { matchLabels: { a: 'b' } } }, { a: 'c' }, false],
    ['one orLabelSelector matches', { orLabelSelectors: [{ matchLabels: { a: 'x' } }, { matchLabels: { a: 'b' } }] }, { a: 'b' }, true],
    ['no orLabelSelector matches', { orLabelSelectors: [{ matchLabels: { a: 'x' } }] }, { a: 'b' }, false],
  ])('selectors: %s', (_name, spec, labels, expected) => {
    expect(of(spec).selectsItem('configmaps', 'app', 'c', labels)).toBe(expected);
  });

  // Velero TestRestoreResourceFiltering (pkg/restore/restore_test.go): resource filters.
  it.each<[string, RestoreSpec, Record<string, boolean>]>([
    ['no filters restores everything', {}, { pods: true, 'deployments.apps': true, persistentvolumes: true }],
    ['included resources filter', { includedResources: ['pods'] }, { pods: true, 'deployments.apps': false, persistentvolumes: false }],
    ['excluded resources filter (an unresolvable name is kept as written)', { excludedResources: ['pvs'] }, { pods: true }],
    [
      'a wildcard and a specific include: the wildcard wins',
      { includedResources: ['*', 'pods'] },
      { 'deployments.apps': true, persistentvolumes: true },
    ],
    ['wildcard excludes are ignored', { excludedResources: ['*'] }, { pods: true, 'deployments.apps': true, persistentvolumes: true }],
    [
      'unresolvable included resources are ignored',
      { includedResources: ['pods', 'unresolvable'] },
      { pods: true, 'deployments.apps': false },
    ],
    [
      'unresolvable excluded resources are ignored',
      { excludedResources: ['deployments', 'unresolvable'] },
      { pods: true, 'deployments.apps': false, persistentvolumes: true },
    ],
  ])('resource filtering - %s', (_name, spec, expected) => {
    const selection = of(spec);
    for (const [resource, included] of Object.entries(expected))
      expect([resource, selection.includesResource(resource)]).toEqual([resource, included]);
  });

  // Velero TestRestoreResourceFiltering: namespaces and includeClusterResources. Velero 1.18's
  // restore matches namespace globs directly (release-1.18 ShouldExpandWildcards(…, false)).
  it.each<[string, RestoreSpec, Record<string, boolean>]>([
    ['included namespaces', { includedNamespaces: ['ns-1'] }, { 'ns-1': true, 'ns-2': false, '': false }],
    ['excluded namespaces', { excludedNamespaces: ['ns-2'] }, { 'ns-1': true, 'ns-2': false, '': false }],
    ['includeClusterResources false: namespaced only', { includeClusterResources: false }, { 'ns-1': true, 'ns-2': true, '': false }],
    [
      'subset of namespaces, includeClusterResources true',
      { includedNamespaces: ['ns-1'], includeClusterResources: true },
      { 'ns-2': false, '': true },
    ],
    [
      'subset of namespaces, includeClusterResources false',
      { includedNamespaces: ['ns-1'], includeClusterResources: false },
      { 'ns-1': true, '': false },
    ],
    ['subset of namespaces, includeClusterResources unset', { includedNamespaces: ['ns-1'] }, { 'ns-1': true, '': false }],
    ['all namespaces, includeClusterResources true', { includeClusterResources: true }, { 'ns-1': true, '': true }],
    ['a namespace glob', { includedNamespaces: ['ns-*'] }, { 'ns-1': true, 'ns-2': true, other: false, '': false }],
    [
      'a namespace glob matching nothing takes no namespace and no cluster scope',
      { includedNamespaces: ['nomatch-*'] },
      { 'ns-1': false, '': false },
    ],
    ['an excluded namespace glob', { excludedNamespaces: ['ns-?'] }, { 'ns-1': false, other: true, '': false }],
  ])('namespace filtering - %s', (_name, spec, expected) => {
    const selection = of(spec, ['ns-1', 'ns-2', 'other']);
    for (const [namespace, included] of Object.entries(expected)) {
      const resource = namespace === '' ? 'persistentvolumes' : 'pods';
      expect([namespace, selection.includesScope(namespace, resource)]).toEqual([namespace, included]);
    }
  });

  // Velero TestRestoreResourceFiltering: label selectors.
  const labelSelector: RestoreSpec = { labelSelector: { matchLabels: { a: 'b' } } };
  const orLabelSelectors: RestoreSpec = {
    orLabelSelectors: [
      { matchLabels: { a1: 'b1' } },
      { matchLabels: { a2: 'b2' } },
      { matchLabels: { a3: 'b3' } },
      { matchLabels: { a4: 'b4' } },
    ],
  };
  it.each<[string, RestoreSpec, Record<string, string> | undefined, boolean]>([
    ['labelSelector, matching item', labelSelector, { a: 'b' }, true],
    ['labelSelector, unlabelled item', labelSelector, undefined, false],
    ['labelSelector, other value', labelSelector, { a: 'c' }, false],
    ['orLabelSelectors, item matching the first', orLabelSelectors, { a1: 'b1' }, true],
    ['orLabelSelectors, item matching the third', orLabelSelectors, { a3: 'b3' }, true],
    ['orLabelSelectors, item matching the last', orLabelSelectors, { a4: 'b4' }, true],
    ['orLabelSelectors, item matching none', orLabelSelectors, { a5: 'b5' }, false],
    ['orLabelSelectors, unlabelled item', orLabelSelectors, undefined, false],
  ])('label filtering - %s', (_name, spec, labels, expected) => {
    expect(of(spec).selectsItem('pods', 'ns-1', 'pod-1', labels)).toBe(expected);
  });

  it('applies the filter policies: their selectors and names replace the restore’s', () => {
    const policies = parseResourcePoliciesOrThrow(
      'version: v1\nnamespacedFilterPolicies:\n- namespaces: [app]\n  resourceFilters:\n  - kinds: [ConfigMap]\n    names: ["keep-*"]\n',
    );
    const selection = restoreSelectionOf({ labelSelector: { matchLabels: { never: 'x' } } }, catalog, ['app', 'other'], policies);
    expect(selection.selectsItem('configmaps', 'app', 'keep-1', undefined)).toBe(true);
    expect(selection.selectsItem('configmaps', 'app', 'drop-1', undefined)).toBe(false);
    expect(selection.selectsItem('pods', 'app', 'p', undefined)).toBe(false);
    expect(selection.selectsItem('configmaps', 'other', 'keep-1', undefined)).toBe(false);
  });

  it.each<[string, RestoreSpec, string, boolean]>([
    ['no selector', {}, 'configmaps', false],
    ['a labelSelector', { labelSelector: { matchLabels: { a: 'b' } } }, 'configmaps', true],
    ['orLabelSelectors', { orLabelSelectors: [{ matchLabels: { a: 'b' } }] }, 'configmaps', true],
    ['a must-have resource, whatever the selector', { labelSelector: { matchLabels: { a: 'b' } } }, 'datauploads.velero.io', false],
  ])('selectsByLabels: %s', (_name, spec, resource, expected) => {
    expect(of(spec).selectsByLabels(resource, 'app')).toBe(expected);
  });

  it('selectsByLabels follows the filter policy that governs the scope, and selectsItem then ignores labels', () => {
    const policies = parseResourcePoliciesOrThrow(
      'version: v1\nnamespacedFilterPolicies:\n- namespaces: [app]\n  resourceFilters:\n  - kinds: [ConfigMap]\n    names: ["keep-*"]\n  - kinds: [Pod]\n    labelSelector:\n      matchLabels: {tier: web}\n',
    );
    const selection = restoreSelectionOf({ labelSelector: { matchLabels: { never: 'x' } } }, catalog, ['app', 'other'], policies);
    // Names only: the policy's filter replaces the Restore's selector.
    expect(selection.selectsByLabels('configmaps', 'app')).toBe(false);
    for (const labels of [undefined, { never: 'x' }, { tier: 'web' }] as (Record<string, string> | undefined)[])
      expect(selection.selectsItem('configmaps', 'app', 'keep-1', labels)).toBe(true);
    // The policy's own selector.
    expect(selection.selectsByLabels('pods', 'app')).toBe(true);
    // A resource the namespace's policy leaves out: never selected, labels or not.
    expect(selection.selectsByLabels('secrets', 'app')).toBe(false);
    expect(selection.selectsItem('secrets', 'app', 's', { never: 'x' })).toBe(false);
    // Scopes no policy governs: the Restore's selector.
    expect(selection.selectsByLabels('configmaps', 'other')).toBe(true);
    expect(selection.selectsByLabels('persistentvolumes', '')).toBe(true);
  });

  it.each<[string, RestoreSpec, Record<string, string> | undefined, boolean]>([
    ['no restoreStatus', {}, undefined, false],
    ['included', { restoreStatus: { includedResources: ['pods'] } }, undefined, true],
    ['annotation false wins', { restoreStatus: { includedResources: ['*'] } }, { 'velero.io/restore-status': 'false' }, false],
    ['annotation true wins', {}, { 'velero.io/restore-status': ' TRUE ' }, true],
    ['other annotation values ignored', { restoreStatus: { includedResources: ['pods'] } }, { 'velero.io/restore-status': 'maybe' }, true],
  ])('restoreStatus: %s', (_name, spec, annotations, expected) => {
    expect(of(spec).restoresStatus('pods', annotations)).toBe(expected);
  });

  // Velero TestDetermineRestoreStatus: the spec includes (`*`), leaves out (an exclude) or is unset.
  const statusSpecs: Record<'includes' | 'excludes' | 'unset', RestoreSpec> = {
    includes: { restoreStatus: { includedResources: ['*'] } },
    excludes: { restoreStatus: { excludedResources: ['pods'] } },
    unset: {},
  };
  it.each<[string, Record<string, string> | undefined, keyof typeof statusSpecs, boolean]>([
    ['no annotation, spec includes', undefined, 'includes', true],
    ['no annotation, spec excludes', undefined, 'excludes', false],
    ['annotation true, spec excludes', { 'velero.io/restore-status': 'true' }, 'excludes', true],
    ['annotation false, spec includes', { 'velero.io/restore-status': 'false' }, 'includes', false],
    ['invalid annotation value: the spec', { 'velero.io/restore-status': 'foo' }, 'includes', true],
    ['empty annotation value: the spec', { 'velero.io/restore-status': '' }, 'excludes', false],
    ['mixed-case True', { 'velero.io/restore-status': 'True' }, 'includes', true],
    ['mixed-case FALSE', { 'velero.io/restore-status': 'FALSE' }, 'includes', false],
    ['no restoreStatus, annotation true', { 'velero.io/restore-status': 'true' }, 'unset', true],
    ['no restoreStatus, annotation false', { 'velero.io/restore-status': 'false' }, 'unset', false],
    ['no restoreStatus, no annotation', undefined, 'unset', false],
  ])('restore status - %s', (_name, annotations, spec, expected) => {
    expect(of(statusSpecs[spec]).restoresStatus('pods', annotations)).toBe(expected);
  });
});
