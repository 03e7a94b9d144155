// Velero's own tables (pkg/util/collections/includes_excludes_test.go: TestShouldInclude,
// TestNamespaceScopedShouldInclude, TestClusterScopedShouldInclude, TestShouldExcluded,
// TestScopeIncludesExcludes_CombineWithPolicy) plus the old filters' includeClusterResources rules.
import type { BackupSpec } from '@ferry/api';
import { discoveredGroups } from '../testing/catalog-builder';
import { GlobSet } from './glob-matcher';
import { namespaceFilterOf } from './namespace-selection';
import { buildResourceCatalog } from './resource-catalog';
import { IncludesExcludes, resourceTypeFilterOf } from './resource-type-filter';

const catalog = buildResourceCatalog(discoveredGroups());
const nsFilter = (includes: string[] = []) => namespaceFilterOf({ includedNamespaces: includes }, ['default', 'app']);
const filterOf = (spec: BackupSpec, nsIncludes: string[] = [], cat = catalog) => resourceTypeFilterOf(spec, cat, nsFilter(nsIncludes));

describe('resource type filter - IncludesExcludes (TestShouldInclude)', () => {
  it.each<[string, string[], string[], string, boolean]>([
    ['empty string should include every item', [], [], 'foo', true],
    ['include * should include every item', ['*'], [], 'foo', true],
    ['item in includes list should include item', ['foo', 'bar', 'baz'], [], 'foo', true],
    ['item not in includes list should not include item', ['foo', 'baz'], [], 'bar', false],
    ['include *, excluded item should not include item', ['*'], ['foo'], 'foo', false],
    ['include *, exclude foo, bar should be included', ['*'], ['foo'], 'bar', true],
    ['an item both included and excluded should not be included', ['foo'], ['foo'], 'foo', false],
    ['wildcard should include item', ['*.bar'], [], 'foo.bar', true],
    ['wildcard mismatch should not include item', ['*.bar'], [], 'bar.foo', false],
    ['wildcard exclude should not include item', ['*'], ['*.bar'], 'foo.bar', false],
    ['wildcard mismatch should include item', ['*'], ['*.bar'], 'bar.foo', true],
  ])('%s', (_name, includes, excludes, item, expected) => {
    expect(new IncludesExcludes(new GlobSet(includes), new GlobSet(excludes)).shouldInclude(item)).toBe(expected);
  });
});

describe('resource type filter - scoped namespace resources (TestNamespaceScopedShouldInclude)', () => {
  const pods = buildResourceCatalog(discoveredGroups('pods'));
  it.each<[string, string[], string[], boolean]>([
    ['empty string should include every item', [], [], true],
    ['include * should include every item', ['*'], [], true],
    ['item in includes list should include item', ['foo', 'bar', 'pods'], [], true],
    ['item not in includes list should not include item', ['foo', 'baz'], [], false],
    ['include *, excluded item should not include item', ['*'], ['pods'], false],
    ['include *, exclude foo, bar should be included', ['*'], ['foo'], true],
    ['an item both included and excluded should not be included', ['pods'], ['pods'], false],
    ['wildcard should include item', ['*s'], [], true],
    ['wildcard mismatch should not include item', ['*.bar'], [], false],
    ['exclude * should include nothing', [], ['*'], false],
    ['wildcard exclude should not include item', ['*'], ['*s'], false],
    ['wildcard exclude mismatch should include item', [], ['*.bar'], true],
  ])('%s', (_name, includes, excludes, expected) => {
    const filter = filterOf({ includedNamespaceScopedResources: includes, excludedNamespaceScopedResources: excludes }, [], pods);
    expect(filter.shouldInclude('pods')).toBe(expected);
  });

  it('resource cannot be found by discovery client should not be include', () => {
    expect(filterOf({}, [], buildResourceCatalog([])).shouldInclude('pods')).toBe(false);
  });
});

describe('resource type filter - scoped cluster resources (TestClusterScopedShouldInclude)', () => {
  it.each<[string, string[], string[], string[], string, boolean]>([
    ['empty string should include nothing', [], [], ['default'], 'persistentvolumes', false],
    ['include * should include every item', ['*'], [], [], 'persistentvolumes', true],
    ['item in includes list should include item', ['namespaces', 'bar', 'baz'], [], [], 'namespaces', true],
    ['item not in includes list should not include item', ['foo', 'baz'], [], ['default'], 'persistentvolumes', false],
    ['include *, excluded item should not include item', ['*'], ['namespaces'], [], 'namespaces', false],
    ['include *, exclude foo, bar should be included', ['*'], ['foo'], [], 'namespaces', true],
    ['an item both included and excluded should not be included', ['namespaces'], ['namespaces'], [], 'namespaces', false],
    ['wildcard should include item', ['*spaces'], [], [], 'namespaces', true],
    ['wildcard mismatch should not include item', ['*.bar'], [], ['default'], 'persistentvolumes', false],
    ['exclude * should include nothing', [], ['*'], [], 'namespaces', false],
    ['wildcard exclude should not include item', ['*'], ['*spaces'], [], 'namespaces', false],
    ['namespaces are included by default with a namespace filter', [], [], ['default'], 'namespaces', true],
    ['all namespaces and namespace scope resources included: cluster resource included', [], [], ['*'], 'persistentvolumes', true],
    ['all namespaces included, but the cluster resource is excluded', [], ['persistentvolumes'], ['*'], 'persistentvolumes', false],
    ['wildcard exclude mismatch should not include item', [], ['*spaces'], [], 'namespaces', false],
    ['even namespaces is not in the include list, it should also be involved', ['foo', 'baz'], [], [], 'namespaces', true],
  ])('%s', (_name, includes, excludes, nsIncludes, item, expected) => {
    const filter = filterOf({ includedClusterScopedResources: includes, excludedClusterScopedResources: excludes }, nsIncludes);
    expect(filter.shouldInclude(item)).toBe(expected);
  });

  it('resource cannot be found by discovery client should not be include', () => {
    expect(filterOf({}, [], buildResourceCatalog([])).shouldInclude('namespaces')).toBe(false);
  });
});

// Velero's TestGetScopedResourceIncludesExcludes: an entry of the other scope is dropped from a list.
describe('resource type filter - scoped lists keep their own scope only (TestGetScopedResourceIncludesExcludes)', () => {
  const namespacedLists: BackupSpec = {
    includedNamespaceScopedResources: ['deployments.apps', 'persistentvolumes'],
    excludedNamespaceScopedResources: ['pods', 'persistentvolumes'],
  };
  const clusterLists: BackupSpec = {
    includedClusterScopedResources: ['deployments.apps', 'persistentvolumes'],
    excludedClusterScopedResources: ['pods', 'persistentvolumes'],
  };
  it.each<[string, BackupSpec, string, boolean, boolean]>([
    ['namespace-scoped lists: included type', namespacedLists, 'deployments.apps', true, false],
    ['namespace-scoped lists: excluded type', namespacedLists, 'pods', false, true],
    ['namespace-scoped lists: a cluster type is dropped from both', namespacedLists, 'persistentvolumes', false, false],
    ['cluster-scoped lists: a cluster type stays in both', clusterLists, 'persistentvolumes', false, true],
    ['cluster-scoped lists: a namespaced type is dropped from the excludes', clusterLists, 'pods', true, false],
    ['cluster-scoped lists: a namespaced type is dropped from the includes', clusterLists, 'deployments.apps', true, false],
  ])('%s', (_name, spec, item, included, excluded) => {
    const filter = filterOf(spec);
    expect([filter.shouldInclude(item), filter.shouldExclude(item)]).toEqual([included, excluded]);
  });
});

// Velero's TestUseOldResourceFilters, seen through the filter each choice builds.
describe('resource type filter - old or scoped filters (TestUseOldResourceFilters)', () => {
  it.each<[string, BackupSpec, string, boolean]>([
    [
      'backup with only new filters should use new filters',
      { includedClusterScopedResources: ['StorageClass'] },
      'storageclasses.storage.k8s.io',
      true,
    ],
    [
      'backup with only new filters: other cluster types stay out',
      { includedClusterScopedResources: ['StorageClass'] },
      'persistentvolumes',
      false,
    ],
    [
      'backup with both old and new filters should use old filters',
      { includeClusterResources: true, includedClusterScopedResources: ['StorageClass'] },
      'persistentvolumes',
      true,
    ],
  ])('%s', (_name, spec, item, expected) => {
    expect(filterOf(spec).shouldInclude(item)).toBe(expected);
  });
});

describe('resource type filter - old filters and includeClusterResources', () => {
  it.each<[string, BackupSpec, string[], string, boolean]>([
    ['nil: cluster resources with all namespaces', { includedResources: ['*'] }, [], 'persistentvolumes', true],
    ['nil: no cluster resources with a namespace filter', { includedResources: ['*'] }, ['app'], 'persistentvolumes', false],
    ['nil: namespaces still pass with a namespace filter', { includedResources: ['*'] }, ['app'], 'namespaces', true],
    ['true: cluster resources with a namespace filter', { includeClusterResources: true }, ['app'], 'persistentvolumes', true],
    ['false: no cluster resource at all', { includeClusterResources: false }, [], 'persistentvolumes', false],
    ['false: not even namespaces', { includeClusterResources: false }, [], 'namespaces', false],
    ['false: namespaced resources stay', { includeClusterResources: false }, [], 'configmaps', true],
    ['short names resolve (deploy → deployments.apps)', { includedResources: ['deploy'] }, [], 'deployments.apps', true],
    ['kinds resolve too (Deployment)', { includedResources: ['Deployment'] }, [], 'deployments.apps', true],
    ['an include list leaves the rest out', { includedResources: ['deploy'] }, [], 'configmaps', false],
    ['excludes resolve (cm)', { excludedResources: ['cm'] }, [], 'configmaps', false],
  ])('%s', (_name, spec, nsIncludes, item, expected) => {
    expect(filterOf(spec, nsIncludes).shouldInclude(item)).toBe(expected);
  });
});

describe('resource type filter - shouldExclude (TestShouldExcluded)', () => {
  it.each<[string, BackupSpec, string, boolean]>([
    ['global: filters are all default', { includedResources: [], includeClusterResources: null }, 'persistentvolumes', false],
    ['global: IncludeClusterResources is set to true', { includeClusterResources: true }, 'persistentvolumes', false],
    [
      'global: IncludeClusterResources is set to false',
      { includedResources: ['persistentvolumes'], includeClusterResources: false },
      'persistentvolumes',
      true,
    ],
    ['global: resource is in the include list', { includedResources: ['persistentvolumes'] }, 'persistentvolumes', false],
    ['global: resource is not in the include list', { includedResources: ['configmaps'] }, 'persistentvolumes', true],
    ['global: resource is in the exclude list', { excludedResources: ['persistentvolumes'] }, 'persistentvolumes', true],
    ['scope: resource is in the include list', { includedClusterScopedResources: ['persistentvolumes'] }, 'persistentvolumes', false],
    ['scope: resource is not in the include list', { includedClusterScopedResources: ['storageclasses'] }, 'persistentvolumes', false],
    ['scope: resource is in the exclude list', { excludedClusterScopedResources: ['persistentvolumes'] }, 'persistentvolumes', true],
    ['scope: filters are all default', {}, 'persistentvolumes', false],
    ['scope: resource is not in the exclude list', { excludedClusterScopedResources: ['namespaces'] }, 'persistentvolumes', false],
  ])('%s', (_name, spec, item, expected) => {
    expect(filterOf(spec).shouldExclude(item)).toBe(expected);
  });
});

describe('resource type filter - includeExcludePolicy (TestScopeIncludesExcludes_CombineWithPolicy)', () => {
  const combined = (spec: BackupSpec, policy: Parameters<typeof resourceTypeFilterOf>[3]) =>
    resourceTypeFilterOf(spec, catalog, nsFilter(), policy);

  it('merges policy entries when there is no conflict', () => {
    const filter = combined(
      {
        includedNamespaceScopedResources: ['pods'],
        excludedNamespaceScopedResources: ['configmaps'],
        excludedClusterScopedResources: ['crds'],
      },
      {
        includedNamespaceScopedResources: ['deployments'],
        excludedNamespaceScopedResources: ['secrets'],
        includedClusterScopedResources: ['persistentvolumes'],
      },
    );
    expect(filter.shouldInclude('persistentvolumes')).toBe(true);
    expect(filter.shouldInclude('customresourcedefinitions.apiextensions.k8s.io')).toBe(false);
    expect(filter.shouldInclude('deployments.apps')).toBe(true);
    expect(filter.shouldInclude('configmaps')).toBe(false);
    expect(filter.shouldInclude('secrets')).toBe(false);
  });

  it('keeps the Backup’s own entries when they conflict', () => {
    const filter = combined(
      {
        includedNamespaceScopedResources: ['pods', 'deployments'],
        excludedNamespaceScopedResources: ['configmaps'],
        includedClusterScopedResources: ['crds'],
        excludedClusterScopedResources: ['persistentvolumes'],
      },
      {
        includedNamespaceScopedResources: ['configmaps'],
        excludedNamespaceScopedResources: ['pods', 'secrets'],
        includedClusterScopedResources: ['persistentvolumes'],
        excludedClusterScopedResources: ['crds'],
      },
    );
    expect(filter.shouldInclude('customresourcedefinitions.apiextensions.k8s.io')).toBe(true);
    expect(filter.shouldInclude('persistentvolumes')).toBe(false);
    expect(filter.shouldInclude('pods')).toBe(true);
    expect(filter.shouldInclude('configmaps')).toBe(false);
    expect(filter.shouldInclude('secrets')).toBe(false);
  });

  it('changes nothing without a policy', () => {
    const filter = combined(
      {
        includedNamespaceScopedResources: ['deployments', 'pods'],
        excludedNamespaceScopedResources: ['configmaps'],
        includedClusterScopedResources: ['persistentvolumes'],
        excludedClusterScopedResources: ['crds'],
      },
      undefined,
    );
    expect(filter.shouldInclude('persistentvolumes')).toBe(true);
    expect(filter.shouldInclude('customresourcedefinitions.apiextensions.k8s.io')).toBe(false);
    expect(filter.shouldInclude('deployments.apps')).toBe(true);
    expect(filter.shouldInclude('configmaps')).toBe(false);
  });

  it('adds nothing the Backup’s `*` already includes', () => {
    const filter = combined(
      { includedNamespaceScopedResources: ['*'] },
      { includedNamespaceScopedResources: ['deployments', 'pods'], excludedNamespaceScopedResources: ['configmaps', 'secrets'] },
    );
    expect(filter.shouldInclude('configmaps')).toBe(true);
    expect(filter.shouldInclude('secrets')).toBe(true);
  });
});
