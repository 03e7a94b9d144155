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
    ['wildcards expanded against the backup', { includedNamespaces: ['app*'] }, 'app-2', true],
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
});
