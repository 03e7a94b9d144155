import type { KubeObject } from './modifiers-applier';
import { applyResourceModifiers } from './modifiers-applier';
import { applyStrategicPatches } from './strategic-merge-patcher';
import { modifiers, pod, rule, service } from './testing/modifier-fixtures';

const mounts = [
  { mountPath: '/fake1', name: 'vol1' },
  { mountPath: '/fake2', name: 'vol2' },
];
const podWithVolume = (vol1: KubeObject) =>
  pod(
    { fake: 'fake' },
    [
      { name: 'vol1', ...vol1 },
      { name: 'vol2', emptyDir: {} },
    ],
    mounts,
  );
const smp = (groupResource: string, ...patchData: string[]) =>
  modifiers(rule({ groupResource, namespaces: ['fake'] }, { strategicPatches: patchData.map((data) => ({ patchData: data })) }));

// Velero's TestResourceModifiers_ApplyResourceModifierRules_StrategicMergePatch.
describe('strategic merge patch - Velero table', () => {
  it.each<[string, string, string, KubeObject, KubeObject]>([
    [
      'update image',
      'pods',
      '{"spec":{"containers":[{"name":"nginx","image":"nginx1"}]}}',
      pod({ nginx: 'nginx' }),
      pod({ nginx: 'nginx1' }),
    ],
    [
      'update image with yaml format',
      'pods',
      'spec:\n  containers:\n  - name: nginx\n    image: nginx1',
      pod({ nginx: 'nginx' }),
      pod({ nginx: 'nginx1' }),
    ],
    [
      'replace nfs with pvc in volume',
      'pods',
      '{"spec":{"volumes":[{"nfs":null,"name":"vol1","persistentVolumeClaim":{"claimName":"pvc1"}}]}}',
      podWithVolume({ nfs: { path: '/fake2' } }),
      podWithVolume({ persistentVolumeClaim: { claimName: 'pvc1' } }),
    ],
    [
      'replace any other volume source with pvc in volume',
      'pods',
      '{"spec":{"volumes":[{"$retainKeys":["name","persistentVolumeClaim"],"name":"vol1","persistentVolumeClaim":{"claimName":"pvc1"}}]}}',
      podWithVolume({ nfs: { path: '/fake2' } }),
      podWithVolume({ persistentVolumeClaim: { claimName: 'pvc1' } }),
    ],
    [
      'update a service port',
      'services',
      '{"spec":{"$setElementOrder/ports":[{"port":8001},{"port":9000},{"port":8002}],"ports":[{"name":"fake","port":9000,"protocol":"TCP","targetPort":9000},{"$patch":"delete","port":8000}]}}',
      service({ fake1: 8001, fake: 8000, fake2: 8002 }),
      service({ fake1: 8001, fake: 9000, fake2: 8002 }),
    ],
  ])('%s', (_name, groupResource, patchData, item, expected) => {
    expect(applyResourceModifiers(smp(groupResource, patchData), item, groupResource)).toEqual({ item: expected, errors: [] });
  });
});

const deploymentWith = (spec: KubeObject, metadata: KubeObject = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'fake', ...metadata },
  spec,
});
const podSpec = (spec: KubeObject) => deploymentWith({ template: { spec } });

// apimachinery's strategicpatch rules on the struct tags of the built-in kinds.
describe('strategic merge patch - apimachinery semantics', () => {
  it.each<[string, KubeObject, string, KubeObject]>([
    [
      'containers merge by name, env by name, ports by containerPort',
      podSpec({
        containers: [{ name: 'a', env: [{ name: 'X', value: '1' }], ports: [{ containerPort: 80, name: 'http' }] }, { name: 'b' }],
      }),
      'spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env: [{name: Z, value: "2"}, {name: X, value: "3"}]\n        ports: [{containerPort: 80, protocol: TCP}]',
      podSpec({
        containers: [
          {
            name: 'a',
            env: [
              { name: 'Z', value: '2' },
              { name: 'X', value: '3' },
            ],
            ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
          },
          { name: 'b' },
        ],
      }),
    ],
    [
      'a list without a strategy (tolerations, args) is replaced whole',
      podSpec({ tolerations: [{ key: 'a' }, { key: 'b' }], containers: [{ name: 'a', args: ['1', '2'] }] }),
      '{"spec":{"template":{"spec":{"tolerations":[{"key":"c"}],"containers":[{"name":"a","args":["3"]}]}}}}',
      podSpec({ tolerations: [{ key: 'c' }], containers: [{ name: 'a', args: ['3'] }] }),
    ],
    [
      '$patch: delete removes the element with the merge key',
      podSpec({
        volumes: [
          { name: 'v1', emptyDir: {} },
          { name: 'v2', emptyDir: {} },
        ],
      }),
      '{"spec":{"template":{"spec":{"volumes":[{"name":"v1","$patch":"delete"}]}}}}',
      podSpec({ volumes: [{ name: 'v2', emptyDir: {} }] }),
    ],
    [
      '$patch: replace in a list replaces it with the other elements',
      podSpec({ containers: [{ name: 'a' }, { name: 'b' }] }),
      '{"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"c"}]}}}}',
      podSpec({ containers: [{ name: 'c' }] }),
    ],
    [
      '$patch: replace in a map replaces the map',
      deploymentWith({ selector: { matchLabels: { a: '1', b: '2' } } }),
      '{"spec":{"selector":{"matchLabels":{"$patch":"replace","c":"3"}}}}',
      deploymentWith({ selector: { matchLabels: { c: '3' } } }),
    ],
    [
      'finalizers (merge list of scalars) union, patch-only items first; $deleteFromPrimitiveList removes',
      deploymentWith({}, { finalizers: ['a', 'b'] }),
      '{"metadata":{"finalizers":["c"],"$deleteFromPrimitiveList/finalizers":["a"]}}',
      deploymentWith({}, { finalizers: ['c', 'b'] }),
    ],
    [
      'null removes a key; nulls in new subtrees are dropped',
      deploymentWith({ replicas: 1, paused: true }),
      '{"spec":{"paused":null,"strategy":{"type":"Recreate","rollingUpdate":null}}}',
      deploymentWith({ replicas: 1, strategy: { type: 'Recreate' } }),
    ],
    [
      'a new element keeps its place after the live ones; patch order wins among patched ones',
      podSpec({ containers: [{ name: 'a' }, { name: 'b' }] }),
      '{"spec":{"template":{"spec":{"containers":[{"name":"c"},{"name":"a","image":"x"}]}}}}',
      podSpec({ containers: [{ name: 'c' }, { name: 'a', image: 'x' }, { name: 'b' }] }),
    ],
    [
      '$setElementOrder after a delete reads the live list as Go aliases it (checked against apimachinery)',
      pod({ a: 'a', b: 'b', c: 'c', d: 'd' }),
      '{"spec":{"$setElementOrder/containers":[{"name":"x"},{"name":"d"},{"name":"a"}],"containers":[{"name":"b","$patch":"delete"},{"name":"x"}]}}',
      {
        ...pod({}),
        spec: { containers: [{ image: 'c', name: 'c' }, { name: 'x' }, { image: 'd', name: 'd' }, { image: 'a', name: 'a' }] },
      },
    ],
    [
      'a deletion list is applied before the list itself (keys in sorted order, as after YAMLToJSON)',
      deploymentWith({}, { finalizers: ['a', 'b'] }),
      '{"metadata":{"finalizers":["b","c"],"$deleteFromPrimitiveList/finalizers":["b"]}}',
      deploymentWith({}, { finalizers: ['b', 'c', 'a'] }),
    ],
  ])('%s', (_name, item, patchData, expected) => {
    expect(applyResourceModifiers(smp('deployments.apps', patchData), item, 'deployments.apps')).toEqual({ item: expected, errors: [] });
  });
});

// Velero's TestStrategicMergePatchFailure, plus the kinds outside Velero's scheme.
describe('strategic merge patch - failures', () => {
  const podItem = pod({ nginx: 'nginx' }) as { [key: string]: never };
  it.each<[string, KubeObject, string, string]>([
    ['patch with unknown kind', { apiVersion: 'v1', kind: 'BadKind' }, '{}', 'no kind "BadKind" is registered for version "v1" in scheme'],
    [
      "a kind Velero's scheme lacks (networking)",
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
      '{}',
      'no kind "Ingress" is registered for version "networking.k8s.io/v1"',
    ],
    [
      'a custom resource',
      { apiVersion: 'example.com/v1', kind: 'Widget' },
      '{}',
      'no kind "Widget" is registered for version "example.com/v1"',
    ],
    ['patch with bad yaml', podItem, 'a: b:', 'error in converting YAML to JSON yaml: line 1: '],
    ['patch with bad json', podItem, '{"a"::1}', 'error in converting YAML to JSON yaml: did not find expected node content'],
    [
      'patch that is a list',
      podItem,
      '[1]',
      'error in applying Strategic Patch json: cannot unmarshal array into Go value of type map[string]interface {}',
    ],
    [
      'list element without its merge key',
      podItem,
      '{"spec":{"containers":[{"image":"x"}]}}',
      'error in applying Strategic Patch map: map[image:x] does not contain declared merge key: name',
    ],
    [
      'unknown $patch directive',
      podItem,
      '{"spec":{"$patch":"explode"}}',
      'error in applying Strategic Patch unknown patch type: explode in map: map[$patch:explode]',
    ],
    [
      '$retainKeys not listing a patched key',
      podItem,
      '{"spec":{"$retainKeys":["containers"],"hostname":"h"}}',
      'error in applying Strategic Patch invalid patch format of retainKeys',
    ],
  ])('%s', (_name, item, patchData, messageStart) => {
    const result = applyStrategicPatches(item as never, [{ patchData }]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message.startsWith(messageStart)).toBe(true);
  });

  it('an empty patch changes nothing', () => {
    expect(applyStrategicPatches(pod({ a: 'b' }) as never, [{ patchData: '' }])).toEqual({ ok: true, value: pod({ a: 'b' }) });
  });
});
