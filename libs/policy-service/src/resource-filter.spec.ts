import type { BackupSpec } from '@ferry/api';
import { namesPersistentVolumeClaims, pvcResourceFilter } from './resource-filter';

describe('resource filter - names of persistentvolumeclaims', () => {
  it.each([
    ['persistentvolumeclaims', true],
    ['persistentvolumeclaim', true],
    ['pvc', true],
    ['PersistentVolumeClaims', true],
    ['PVC', true],
    ['persistentvolumeclaims.', true],
    ['pvc.', true],
    ['*', false],
    ['persistentvolumes', false],
    ['pods', false],
    ['persistentvolumeclaims.apps', false],
    [' pvc', false],
  ])('%j names PVCs: %s', (entry, expected) => {
    expect(namesPersistentVolumeClaims(entry)).toBe(expected);
  });
});

describe('resource filter - does the backup exclude PVCs', () => {
  it.each<[string, BackupSpec, boolean, string]>([
    ['no filters', {}, false, 'namespace-scoped-resources'],
    ['old include list without PVCs', { includedResources: ['pods'] }, true, 'resources'],
    ['old include list with pvc short name', { includedResources: ['pods', 'pvc'] }, false, 'resources'],
    ['old include *', { includedResources: ['*'] }, false, 'resources'],
    ['old exclude persistentvolumeclaims', { excludedResources: ['persistentvolumeclaims'] }, true, 'resources'],
    ['old exclude wins over include', { includedResources: ['*'], excludedResources: ['pvc'] }, true, 'resources'],
    ['old exclude *', { excludedResources: ['*'] }, true, 'resources'],
    ['old exclude of other kinds', { excludedResources: ['secrets'] }, false, 'resources'],
    ['includeClusterResources alone selects the old filters (includes all)', { includeClusterResources: false }, false, 'resources'],
    ['old filters ignore the scoped lists', { includedResources: ['pvc'], excludedNamespaceScopedResources: ['pvc'] }, false, 'resources'],
    ['scoped exclude', { excludedNamespaceScopedResources: ['persistentvolumeclaims.'] }, true, 'namespace-scoped-resources'],
    ['scoped include without PVCs', { includedNamespaceScopedResources: ['pods', 'configmaps'] }, true, 'namespace-scoped-resources'],
    ['scoped include *', { includedNamespaceScopedResources: ['*'] }, false, 'namespace-scoped-resources'],
    ['scoped exclude *', { excludedNamespaceScopedResources: ['*'] }, true, 'namespace-scoped-resources'],
    ['cluster-scoped lists never matter', { includedClusterScopedResources: ['persistentvolumes'] }, false, 'namespace-scoped-resources'],
    [
      'null lists are empty',
      { includedResources: null, excludedResources: null, includeClusterResources: null },
      false,
      'namespace-scoped-resources',
    ],
  ])('%s', (_name, spec, excluded, filter) => {
    expect(pvcResourceFilter(spec)).toEqual({ excluded, filter });
  });
});
