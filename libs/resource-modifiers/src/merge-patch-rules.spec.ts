import { applyResourceModifiers, type KubeObject } from './modifiers-applier';
import type { ResourceModifiers } from './modifier-document';
import { configMap, modifiers, rule } from './testing/modifier-fixtures';

// Velero's TestResourceModifiers_ApplyResourceModifierRules_JSONMergePatch, _wildcard_in_GroupResource
// and _conditional_patches, each case asserting the resulting object.
describe('resource modifiers - JSON merge patch, wildcards and conditions (Velero tables)', () => {
  const mergeRule = (conditions: Parameters<typeof rule>[0], patchData: string) =>
    rule({ namespaces: ['fake'], ...conditions }, { mergePatches: [{ patchData }] });
  it.each<[string, ResourceModifiers, KubeObject, string, KubeObject]>([
    [
      'update labels',
      modifiers(mergeRule({ groupResource: 'configmaps' }, '{"metadata":{"labels":{"a":"c"}}}')),
      configMap({ a: 'b', c: 'd' }),
      'configmaps',
      configMap({ a: 'c', c: 'd' }),
    ],
    [
      'update labels in yaml format',
      modifiers(mergeRule({ groupResource: 'configmaps' }, 'metadata:\n  labels:\n    a: c')),
      configMap({ a: 'b', c: 'd' }),
      'configmaps',
      configMap({ a: 'c', c: 'd' }),
    ],
    [
      'delete labels',
      modifiers(mergeRule({ groupResource: 'configmaps' }, '{"metadata":{"labels":{"a":null}}}')),
      configMap({ a: 'b', c: 'd' }),
      'configmaps',
      configMap({ c: 'd' }),
    ],
    [
      'add labels',
      modifiers(mergeRule({ groupResource: 'configmaps' }, '{"metadata":{"labels":{"a":"b"}}}')),
      configMap({ c: 'd' }),
      'configmaps',
      configMap({ c: 'd', a: 'b' }),
    ],
    [
      'delete non-existing labels',
      modifiers(mergeRule({ groupResource: 'configmaps' }, '{"metadata":{"labels":{"a":null}}}')),
      configMap({ c: 'd' }),
      'configmaps',
      configMap({ c: 'd' }),
    ],
    [
      'match all groups and resources',
      modifiers(mergeRule({ groupResource: '*' }, '{"metadata":{"labels":{"a":"c"}}}')),
      configMap({ a: 'b', c: 'd' }),
      'configmaps',
      configMap({ a: 'c', c: 'd' }),
    ],
    [
      'match all resources in group apps',
      modifiers(mergeRule({ groupResource: '*.apps' }, '{"metadata":{"labels":{"a":"c"}}}')),
      configMap({ a: 'b', c: 'd' }),
      'fake.apps',
      configMap({ a: 'c', c: 'd' }),
    ],
    [
      '"*" does not cross the "." of a group (gobwas separator)',
      modifiers(mergeRule({ groupResource: '*' }, '{"metadata":{"labels":{"a":"c"}}}')),
      configMap({ a: 'b' }),
      'fake.apps',
      configMap({ a: 'b' }),
    ],
    [
      '"**" crosses it',
      modifiers(mergeRule({ groupResource: '**' }, '{"metadata":{"labels":{"a":"c"}}}')),
      configMap({ a: 'b' }),
      'fake.apps',
      configMap({ a: 'c' }),
    ],
    [
      'match conditions and apply patches',
      modifiers(
        mergeRule({ groupResource: '*', matches: [{ path: '/metadata/labels/a', value: 'b' }] }, '{"metadata":{"labels":{"a":"c"}}}'),
      ),
      configMap({ a: 'b', c: 'd' }),
      'configmaps',
      configMap({ a: 'c', c: 'd' }),
    ],
    [
      'mismatch conditions and skip patches',
      modifiers(
        mergeRule({ groupResource: '*', matches: [{ path: '/metadata/labels/a', value: 'c' }] }, '{"metadata":{"labels":{"a":"c"}}}'),
      ),
      configMap({ a: 'b', c: 'd' }),
      'configmaps',
      configMap({ a: 'b', c: 'd' }),
    ],
    [
      'missing condition path and skip patches',
      modifiers(
        mergeRule({ groupResource: '*', matches: [{ path: '/metadata/labels/a/b', value: 'c' }] }, '{"metadata":{"labels":{"a":"c"}}}'),
      ),
      configMap({ a: 'b', c: 'd' }),
      'configmaps',
      configMap({ a: 'b', c: 'd' }),
    ],
    [
      'namespace patterns are globs; cluster-scoped items skip the namespace check',
      modifiers(mergeRule({ groupResource: 'namespaces', namespaces: ['team-*'] }, '{"metadata":{"labels":{"a":"c"}}}')),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', labels: { a: 'b' } } },
      'namespaces',
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', labels: { a: 'c' } } },
    ],
  ])('%s', (_name, document, item, groupResource, expected) => {
    expect(applyResourceModifiers(document, item, groupResource)).toEqual({ item: expected, errors: [] });
  });
});

describe('JSON merge patch - evanphx/json-patch null pruning', () => {
  const podWith = (spec: Record<string, unknown>): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'fake' }, spec }) as KubeObject;
  const merge = (patchData: string) => modifiers(rule({ groupResource: 'pods' }, { mergePatches: [{ patchData }] }));
  it.each<[string, KubeObject, string, KubeObject]>([
    [
      'nulls inside list items of a new key are dropped',
      podWith({}),
      '{"spec":{"tolerations":[{"key":"a","value":null}]}}',
      podWith({ tolerations: [{ key: 'a' }] }),
    ],
    [
      'nulls inside list items replacing a list are dropped',
      podWith({ tolerations: [] }),
      '{"spec":{"tolerations":[{"key":"a","value":null}]}}',
      podWith({ tolerations: [{ key: 'a' }] }),
    ],
    ['null list items themselves stay', podWith({}), '{"spec":{"args":["a",null]}}', podWith({ args: ['a', null] })],
    [
      'an object patch on an object merges and deletes',
      podWith({ nodeSelector: { a: '1', b: '2' } }),
      '{"spec":{"nodeSelector":{"a":null,"c":"3"}}}',
      podWith({ nodeSelector: { b: '2', c: '3' } }),
    ],
  ])('%s', (_name, item, patchData, expected) => {
    expect(applyResourceModifiers(merge(patchData), item, 'pods')).toEqual({ item: expected, errors: [] });
  });
});
