import { checkIncludeExcludeCompatibility, isConfigMapPolicyReference, policyDocumentFromConfigMap } from './policy-config-map';
import { policies } from './testing';

describe('policy config map - reference and document', () => {
  it.each<[unknown, boolean]>([
    [{ kind: 'configmap', name: 'p' }, true],
    [{ kind: 'ConfigMap', name: 'p' }, true],
    [{ kind: 'CONFIGMAP', name: 'p' }, true],
    [{ kind: 'Secret', name: 'p' }, false],
    [undefined, false],
  ])('%j is a ConfigMap reference: %s', (ref, expected) => {
    expect(isConfigMapPolicyReference(ref as { kind?: string } | undefined)).toBe(expected);
  });

  it('takes the single data entry, whatever its key', () => {
    expect(policyDocumentFromConfigMap({ data: { 'anything.yaml': 'version: v1' } })).toEqual({
      ok: true,
      key: 'anything.yaml',
      text: 'version: v1',
    });
  });

  it.each<[Record<string, string> | undefined]>([[undefined], [{}], [{ a: '1', b: '2' }]])('rejects data %j', (data) => {
    const result = policyDocumentFromConfigMap({ metadata: { namespace: 'velero', name: 'p' }, data });
    expect(result.ok ? '' : result.message).toMatch(/^illegal resource policies velero\/p configmap/);
  });
});

describe('policy config map - include/exclude vs old filters', () => {
  const withFilter = { ...policies(), includeExcludePolicy: { excludedClusterScopedResources: ['nodes'] } };

  it.each<[string, object, boolean]>([
    ['includedResources', { includedResources: ['pods'] }, true],
    ['excludedResources', { excludedResources: ['secrets'] }, true],
    ['includeClusterResources false', { includeClusterResources: false }, true],
    ['new filters only', { includedNamespaceScopedResources: ['pods'] }, false],
    ['empty old lists', { includedResources: [] }, false],
  ])('%s → conflict: %s', (_name, spec, conflict) => {
    const message = checkIncludeExcludeCompatibility(withFilter, spec);
    expect(message !== undefined).toBe(conflict);
    if (conflict)
      expect(message).toBe(
        'include-resources, exclude-resources and include-cluster-resources are old filter parameters.\nThey cannot be used with include-exclude policies.',
      );
  });

  it('no includeExcludePolicy, no conflict', () => {
    expect(checkIncludeExcludeCompatibility(policies(), { includedResources: ['pods'] })).toBeUndefined();
  });
});
