import { ModifierErrorCode } from './errors';
import { applyResourceModifiers, type KubeObject } from './modifiers-applier';
import type { ResourceModifiers } from './modifier-document';
import { configMap, deployment, modifiers, op, pvc, rule } from './testing/modifier-fixtures';

const pvcRule = (...patches: ReturnType<typeof op>[]) =>
  rule({ groupResource: 'persistentvolumeclaims', resourceNameRegex: '.*', namespaces: ['foo'] }, { patches });
const deployRule = (conditions: Parameters<typeof rule>[0], ...patches: ReturnType<typeof op>[]) =>
  rule({ groupResource: 'deployments.apps', ...conditions }, { patches });
const whenClassIs = (value: string, to: string) =>
  rule(
    { groupResource: 'persistentvolumeclaims', resourceNameRegex: '.*', matches: [{ path: '/spec/storageClassName', value }] },
    { patches: [op('replace', '/spec/storageClassName', to)] },
  );

// Velero's TestResourceModifiers_ApplyResourceModifierRules: each case asserts the resulting object.
describe('resource modifiers - JSON patch rules (Velero table)', () => {
  it.each<[string, ResourceModifiers, KubeObject, string, KubeObject]>([
    [
      'configmap true false string',
      modifiers(rule({ groupResource: 'configmaps', resourceNameRegex: '.*' }, { patches: [op('replace', '/data/test', '"false"')] })),
      { apiVersion: 'v1', kind: 'ConfigMap', data: { test: 'true' } },
      'configmaps',
      { apiVersion: 'v1', kind: 'ConfigMap', data: { test: 'false' } },
    ],
    [
      'pvc with standard storage class should be patched to premium',
      modifiers(pvcRule(op('test', '/spec/storageClassName', 'standard'), op('replace', '/spec/storageClassName', 'premium'))),
      pvc('standard'),
      'persistentvolumeclaims',
      pvc('premium'),
    ],
    [
      'pvc: rules [standard => premium, premium => gold] match the original, so premium',
      modifiers(whenClassIs('standard', 'premium'), whenClassIs('premium', 'gold')),
      pvc('standard'),
      'persistentvolumeclaims',
      pvc('premium'),
    ],
    [
      'pvc: rules [standard => premium, standard => gold] both match, so gold',
      modifiers(whenClassIs('standard', 'premium'), whenClassIs('standard', 'gold')),
      pvc('standard'),
      'persistentvolumeclaims',
      pvc('gold'),
    ],
    [
      'nginx deployment: 1 -> 2 replicas',
      modifiers(
        deployRule(
          { resourceNameRegex: '^test-.*$', namespaces: ['foo'] },
          op('test', '/spec/replicas', '1'),
          op('replace', '/spec/replicas', '2'),
        ),
      ),
      deployment(1, 'nginx'),
      'deployments.apps',
      deployment(2, 'nginx'),
    ],
    [
      'nginx deployment: test operator fails, skips substitution, no error',
      modifiers(
        deployRule(
          { resourceNameRegex: '^test-.*$', namespaces: ['foo'] },
          op('test', '/spec/replicas', '5'),
          op('replace', '/spec/replicas', '2'),
        ),
      ),
      deployment(1, 'nginx'),
      'deployments.apps',
      deployment(1, 'nginx'),
    ],
    [
      'nginx deployment: Empty Resource Regex',
      modifiers(deployRule({ namespaces: ['foo'] }, op('test', '/spec/replicas', '1'), op('replace', '/spec/replicas', '2'))),
      deployment(1, 'nginx'),
      'deployments.apps',
      deployment(2, 'nginx'),
    ],
    [
      'nginx deployment: Empty Resource Regex and namespaces list',
      modifiers(deployRule({}, op('test', '/spec/replicas', '1'), op('replace', '/spec/replicas', '2'))),
      deployment(1, 'nginx'),
      'deployments.apps',
      deployment(2, 'nginx'),
    ],
    [
      "nginx deployment: namespace doesn't match",
      modifiers(
        deployRule(
          { resourceNameRegex: '.*', namespaces: ['bar'] },
          op('test', '/spec/replicas', '1'),
          op('replace', '/spec/replicas', '2'),
        ),
      ),
      deployment(1, 'nginx'),
      'deployments.apps',
      deployment(1, 'nginx'),
    ],
    [
      'add container mysql to deployment',
      modifiers(
        deployRule(
          { resourceNameRegex: '^test-.*$', namespaces: ['foo'] },
          op('add', '/spec/template/spec/containers/1', '{"name": "mysql", "image": "mysql:latest"}'),
        ),
      ),
      deployment(1, 'nginx'),
      'deployments.apps',
      deployment(1, 'nginx', 'mysql'),
    ],
    [
      'Copy container 0 to container 1 and then modify container 1',
      modifiers(
        deployRule(
          { resourceNameRegex: '^test-.*$', namespaces: ['foo'] },
          op('copy', '/spec/template/spec/containers/1', '', '/spec/template/spec/containers/0'),
          op('test', '/spec/template/spec/containers/1/image', 'nginx:latest'),
          op('replace', '/spec/template/spec/containers/1/name', 'mysql'),
          op('replace', '/spec/template/spec/containers/1/image', 'mysql:latest'),
        ),
      ),
      deployment(1, 'nginx'),
      'deployments.apps',
      deployment(1, 'nginx', 'mysql'),
    ],
    [
      'nginx deployment: match label selector',
      modifiers(
        deployRule(
          { namespaces: ['foo'], labelSelector: { matchLabels: { app: 'nginx' } } },
          op('test', '/spec/replicas', '1'),
          op('replace', '/spec/replicas', '2'),
        ),
      ),
      deployment(1, 'nginx'),
      'deployments.apps',
      deployment(2, 'nginx'),
    ],
    [
      'nginx deployment: mismatch label selector',
      modifiers(
        deployRule(
          { namespaces: ['foo'], labelSelector: { matchLabels: { app: 'nginx-mismatch' } } },
          op('test', '/spec/replicas', '1'),
          op('replace', '/spec/replicas', '2'),
        ),
      ),
      deployment(1, 'nginx'),
      'deployments.apps',
      deployment(1, 'nginx'),
    ],
    [
      'negative index counts from the end (json-patch v5)',
      modifiers(deployRule({}, op('replace', '/spec/template/spec/containers/-1/image', 'mysql:8'))),
      deployment(1, 'nginx', 'mysql'),
      'deployments.apps',
      {
        ...deployment(1, 'nginx', 'mysql'),
        spec: {
          replicas: 1,
          template: {
            metadata: { labels: { app: 'nginx' } },
            spec: {
              containers: [
                { name: 'nginx', image: 'nginx:latest' },
                { name: 'mysql', image: 'mysql:8' },
              ],
            },
          },
        },
      },
    ],
  ])('%s', (_name, document, item, groupResource, expected) => {
    const before = structuredClone(item);
    const result = applyResourceModifiers(document, item, groupResource);
    expect(result).toEqual({ item: expected, errors: [] });
    expect(item).toEqual(before);
  });
});

describe('resource modifiers - per-item errors', () => {
  it.each<[string, ResourceModifiers, string, string]>([
    [
      'a match rule without a path',
      modifiers(rule({ groupResource: 'configmaps', matches: [{ path: '', value: 'x' }] }, { mergePatches: [{ patchData: '{}' }] })),
      ModifierErrorCode.Match,
      'path is required for match rule',
    ],
    [
      'replace of a missing path',
      modifiers(rule({ groupResource: 'configmaps' }, { patches: [op('replace', '/spec/x', '1')] })),
      ModifierErrorCode.Patch,
      'error in applying patch error in applying JSON Patch replace operation does not apply: doc is missing path: "/spec/x": missing value',
    ],
    [
      'a value that breaks the JSON',
      modifiers(rule({ groupResource: 'configmaps' }, { patches: [op('add', '/data/x', '{bad')] })),
      ModifierErrorCode.Patch,
      'error in applying patch error in applying JSON Patch error in decoding json patch invalid state detected',
    ],
    [
      'an operation in capitals (valid for Velero, unknown to the patch library)',
      modifiers(rule({ groupResource: 'configmaps' }, { patches: [op('Replace', '/metadata/name', 'x')] })),
      ModifierErrorCode.Patch,
      'error in applying patch error in applying JSON Patch error in decoding json patch invalid operation {"from":"","op":"Replace","path":"/metadata/name","value":"x"}: unsupported operation',
    ],
    [
      'a matching rule without patches (no "error in applying patch" prefix)',
      modifiers(rule({ groupResource: 'configmaps' }, {})),
      ModifierErrorCode.Patch,
      'no patch data found',
    ],
    [
      'a merge patch that is a scalar (evanphx returns it; the decode rejects it)',
      modifiers(rule({ groupResource: 'configmaps' }, { mergePatches: [{ patchData: '5' }] })),
      ModifierErrorCode.Patch,
      'error in applying patch error in unmarshalling modified object json: cannot unmarshal number into Go value of type map[string]interface {}',
    ],
    [
      'an empty merge patch (JSON null replaces the document)',
      modifiers(rule({ groupResource: 'configmaps' }, { mergePatches: [{ patchData: '' }] })),
      ModifierErrorCode.Patch,
      "error in applying patch error in unmarshalling modified object Object 'Kind' is missing in 'null'",
    ],
    [
      'a merge patch after one that emptied the document',
      modifiers(rule({ groupResource: 'configmaps' }, { mergePatches: [{ patchData: 'null' }, { patchData: '{}' }] })),
      ModifierErrorCode.Patch,
      'error in applying patch error in applying JSON Patch: Invalid JSON Document',
    ],
    [
      'a merge patch with bad yaml',
      modifiers(rule({ groupResource: 'configmaps' }, { mergePatches: [{ patchData: 'a: b:' }] })),
      ModifierErrorCode.Patch,
      'error in applying patch error in converting YAML to JSON yaml: line 1: ',
    ],
    [
      'a merge patch with bad json (Velero: TestJsonMergePatchFailure)',
      modifiers(rule({ groupResource: 'configmaps' }, { mergePatches: [{ patchData: '{"a"::1}' }] })),
      ModifierErrorCode.Patch,
      'error in applying patch error in converting YAML to JSON yaml: did not find expected node content',
    ],
    [
      'a merge patch removing the kind',
      modifiers(rule({ groupResource: 'configmaps' }, { mergePatches: [{ patchData: '{"kind":null}' }] })),
      ModifierErrorCode.Patch,
      "error in applying patch error in unmarshalling modified object Object 'Kind' is missing in",
    ],
  ])('%s', (_name, document, code, messageStart) => {
    const item = configMap({ a: 'b' });
    const result = applyResourceModifiers(document, item, 'configmaps');
    expect(result.item).toBe(item);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code, ruleIndex: 0 });
    expect(result.errors[0]?.message.startsWith(messageStart)).toBe(true);
  });

  it('keeps applying the other rules after a failing one', () => {
    const document = modifiers(
      rule({ groupResource: 'configmaps' }, { patches: [op('replace', '/spec/x', '1')] }),
      rule({ groupResource: 'configmaps' }, { mergePatches: [{ patchData: '{"metadata":{"labels":{"a":"c"}}}' }] }),
    );
    const result = applyResourceModifiers(document, configMap({ a: 'b' }), 'configmaps');
    expect(result.item).toEqual(configMap({ a: 'c' }));
    expect(result.errors.map((error) => error.ruleIndex)).toEqual([0]);
  });
});
