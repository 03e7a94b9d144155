import {
  PluginConfigName,
  changeImageNameAction,
  changeStorageClassAction,
  choosePluginConfig,
  mappedStorageClasses,
  pluginConfigSelector,
  type PluginConfig,
} from './plugin-config-actions';
import type { ItemJson } from './item-json';

const found = (data: Record<string, string>): PluginConfig => ({ kind: 'found', data });
const none: PluginConfig = { kind: 'none' };
const configMap = (
  name: string,
  data?: Record<string, unknown>,
  plugin = 'velero.io/change-storage-class',
  kind = 'RestoreItemAction',
) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'velero', labels: { 'velero.io/plugin-config': '', [plugin]: kind } },
  ...(data ? { data } : {}),
});

// Velero GetPluginConfig (pkg/plugin/framework/common/plugin_config.go).
describe('choosePluginConfig (Velero GetPluginConfig)', () => {
  it.each<[string, ItemJson[], PluginConfig]>([
    ['choosePluginConfig - no ConfigMap is none', [], none],
    ['choosePluginConfig - one ConfigMap gives its data', [configMap('a', { sc1: 'sc2' })], found({ sc1: 'sc2' })],
    ['choosePluginConfig - a ConfigMap without data gives empty data', [configMap('a')], found({})],
    ['choosePluginConfig - a ConfigMap of another plugin is none', [configMap('a', { x: 'y' }, 'velero.io/some-other-plugin')], none],
    ['choosePluginConfig - a ConfigMap of another plugin kind is none', [configMap('a', { x: 'y' }, undefined, 'BackupItemAction')], none],
    [
      'choosePluginConfig - a ConfigMap without the plugin-config label is none',
      [{ ...configMap('a', { x: 'y' }), metadata: { name: 'a', labels: { 'velero.io/change-storage-class': 'RestoreItemAction' } } }],
      none,
    ],
    [
      "choosePluginConfig - the plugin's ConfigMap among others",
      [configMap('a', { x: 'y' }, 'velero.io/change-image-name'), configMap('b', { sc1: 'sc2' })],
      found({ sc1: 'sc2' }),
    ],
    [
      'choosePluginConfig - more than one ConfigMap fails naming them',
      [configMap('a'), configMap('b'), configMap('c', {}, 'velero.io/change-image-name')],
      {
        kind: 'failed',
        message:
          'found more than one ConfigMap matching label selector "velero.io/plugin-config,velero.io/change-storage-class=RestoreItemAction": [a b]',
      },
    ],
  ])('%s', (_name, configMaps, expected) => {
    expect(choosePluginConfig(PluginConfigName.ChangeStorageClass, configMaps)).toEqual(expected);
  });

  it('pluginConfigSelector - the restore item action selector', () => {
    expect(pluginConfigSelector(PluginConfigName.ChangeImageName)).toBe(
      'velero.io/plugin-config,velero.io/change-image-name=RestoreItemAction',
    );
  });
});

const pv = (storageClass?: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name: 'pv-1' },
  spec: storageClass === undefined ? {} : { storageClassName: storageClass },
});
const pvc = (storageClass?: string) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'pvc-1', namespace: 'velero' },
  spec: storageClass === undefined ? {} : { storageClassName: storageClass },
});
const sts = (...storageClasses: string[]) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'sts-1', namespace: 'velero' },
  spec: {
    replicas: 1,
    ...(storageClasses.length > 0
      ? { volumeClaimTemplates: storageClasses.map((storageClassName) => ({ metadata: { name: 'data' }, spec: { storageClassName } })) }
      : {}),
  },
});
const existing = new Set(['storageclass-2', 'storageclass-a', 'storageclass-b', 'storageclass-c']);
const problem = (name: string) => (existing.has(name) ? undefined : `storageclasses.storage.k8s.io "${name}" not found`);
const notFound =
  'error getting storage class nonexistent-storage-class from API: storageclasses.storage.k8s.io "nonexistent-storage-class" not found';
const otherPlugin = none;

// Velero TestChangeStorageClassActionExecute (change_storageclass_action_test.go).
describe('changeStorageClassAction (Velero ChangeStorageClassAction)', () => {
  it.each<[string, ItemJson, PluginConfig, ItemJson]>([
    [
      'changeStorageClassAction - a valid mapping for a PV is applied',
      pv('storageclass-1'),
      found({ 'storageclass-1': 'storageclass-2' }),
      pv('storageclass-2'),
    ],
    [
      'changeStorageClassAction - a valid mapping for a PVC is applied',
      pvc('storageclass-1'),
      found({ 'storageclass-1': 'storageclass-2' }),
      pvc('storageclass-2'),
    ],
    ['changeStorageClassAction - no ConfigMap for the plugin: the item as-is', pv('storageclass-1'), otherPlugin, pv('storageclass-1')],
    ['changeStorageClassAction - no mappings in the ConfigMap: the item as-is', pv('storageclass-1'), found({}), pv('storageclass-1')],
    ['changeStorageClassAction - a PV without storage class: as-is', pv(), found({ 'storageclass-1': 'storageclass-2' }), pv()],
    ['changeStorageClassAction - a PVC without storage class: as-is', pvc(), found({ 'storageclass-1': 'storageclass-2' }), pvc()],
    [
      'changeStorageClassAction - a PV class without mapping: as-is',
      pv('storageclass-1'),
      found({ 'storageclass-3': 'storageclass-4' }),
      pv('storageclass-1'),
    ],
    [
      'changeStorageClassAction - a PVC class without mapping: as-is',
      pvc('storageclass-1'),
      found({ 'storageclass-3': 'storageclass-4' }),
      pvc('storageclass-1'),
    ],
    [
      'changeStorageClassAction - a StatefulSet with one claim template is mapped',
      sts('storageclass-1'),
      found({ 'storageclass-1': 'storageclass-2' }),
      sts('storageclass-2'),
    ],
    [
      'changeStorageClassAction - a StatefulSet with two templates of one class maps both',
      sts('storageclass-1', 'storageclass-1'),
      found({ 'storageclass-1': 'storageclass-2', 'storageclass-3': 'storageclass-4' }),
      sts('storageclass-2', 'storageclass-2'),
    ],
    [
      'changeStorageClassAction - a StatefulSet with templates of different classes maps each',
      sts('storageclass-1', 'storageclass-2', 'storageclass-3'),
      found({ 'storageclass-1': 'storageclass-a', 'storageclass-2': 'storageclass-b', 'storageclass-3': 'storageclass-c' }),
      sts('storageclass-a', 'storageclass-b', 'storageclass-c'),
    ],
    ['changeStorageClassAction - no ConfigMap: the StatefulSet as-is', sts('storageclass-1'), otherPlugin, sts('storageclass-1')],
    ['changeStorageClassAction - no mappings: the StatefulSet as-is', sts('storageclass-1'), found({}), sts('storageclass-1')],
    ['changeStorageClassAction - a StatefulSet without claim templates: as-is', sts(), found({}), sts()],
    [
      'changeStorageClassAction - a StatefulSet class without mapping: as-is',
      sts('storageclass-1'),
      found({ 'storageclass-3': 'storageclass-4' }),
      sts('storageclass-1'),
    ],
    [
      'changeStorageClassAction - a class named like an Object member has no mapping',
      pv('constructor'),
      found({ a: 'b' }),
      pv('constructor'),
    ],
  ])('%s', (_name, item, config, expected) => {
    expect(changeStorageClassAction(item, config, problem).item).toEqual(expected);
  });

  it.each<[string, ItemJson, PluginConfig, string]>([
    [
      'changeStorageClassAction - a PV mapped to a missing class fails',
      pv('storageclass-1'),
      found({ 'storageclass-1': 'nonexistent-storage-class' }),
      notFound,
    ],
    [
      'changeStorageClassAction - a PVC mapped to a missing class fails',
      pvc('storageclass-1'),
      found({ 'storageclass-1': 'nonexistent-storage-class' }),
      notFound,
    ],
    [
      'changeStorageClassAction - a StatefulSet mapped to a missing class fails',
      sts('storageclass-1'),
      found({ 'storageclass-1': 'nonexistent-storage-class' }),
      notFound,
    ],
    ['changeStorageClassAction - a failed ConfigMap lookup fails every item', pv(), { kind: 'failed', message: 'boom' }, 'boom'],
    [
      'changeStorageClassAction - a non-string storage class fails',
      { ...pv(), spec: { storageClassName: 5 } },
      found({ a: 'b' }),
      "error getting item's spec.storageClassName: .spec.storageClassName accessor error: 5 is of the type int64, expected string",
    ],
  ])('%s', (_name, item, config, message) => {
    expect(() => changeStorageClassAction(item, config, problem)).toThrow(message);
  });

  it.each<[string, ItemJson, string, string[]]>([
    ['mappedStorageClasses - a mapped PVC names its new class', pvc('storageclass-1'), 'persistentvolumeclaims', ['storageclass-2']],
    [
      'mappedStorageClasses - a StatefulSet names each mapped template class',
      sts('storageclass-1', 'x', 'storageclass-1'),
      'statefulsets.apps',
      ['storageclass-2', 'storageclass-2'],
    ],
    ['mappedStorageClasses - an unmapped class names nothing', pv('x'), 'persistentvolumes', []],
    ['mappedStorageClasses - other resources name nothing', pvc('storageclass-1'), 'configmaps', []],
  ])('%s', (_name, item, groupResource, expected) => {
    expect(mappedStorageClasses(item, groupResource, found({ 'storageclass-1': 'storageclass-2' }))).toEqual(expected);
  });
});

const pod = (image: string, initImage?: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'pod1', namespace: 'default' },
  spec: {
    containers: [{ name: 'container1', image }],
    ...(initImage === undefined ? {} : { initContainers: [{ name: 'init', image: initImage }] }),
  },
});
const podTemplate = (image: string) => ({ spec: { containers: [{ name: 'c', image }], initContainers: [{ name: 'i', image }] } });
const workload = (kind: string, image: string) => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: 'w', namespace: 'default' },
  spec: { template: podTemplate(image) },
});
const cronJob = (image: string) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'cj', namespace: 'default' },
  spec: { schedule: '* * * * *', jobTemplate: { spec: { template: podTemplate(image) } } },
});

// Velero TestChangeImageRepositoryActionExecute (change_image_name_action_test.go), and the kinds the action rewrites.
describe('changeImageNameAction (Velero ChangeImageNameAction)', () => {
  it.each<[string, ItemJson, PluginConfig, ItemJson]>([
    [
      'changeImageNameAction - a mapping with spaces for a new repository',
      pod('1.1.1.1:5000/abc:test'),
      found({ case1: '1.1.1.1:5000  ,  2.2.2.2:3000' }),
      pod('2.2.2.2:3000/abc:test'),
    ],
    [
      'changeImageNameAction - a mapping for a new repository',
      pod('1.1.1.1:5000/abc:test'),
      found({ specific: '1.1.1.1:5000,2.2.2.2:3000' }),
      pod('2.2.2.2:3000/abc:test'),
    ],
    [
      'changeImageNameAction - a mapping for a new image name',
      pod('1.1.1.1:5000/abc:test'),
      found({ specific: 'abc:test,myproject:latest' }),
      pod('1.1.1.1:5000/myproject:latest'),
    ],
    [
      'changeImageNameAction - a mapping for a new repository port',
      pod('1.1.1.1:5000/abc:test'),
      found({ specific: '5000,3333' }),
      pod('1.1.1.1:3333/abc:test'),
    ],
    [
      'changeImageNameAction - a mapping for a new tag',
      pod('1.1.1.1:5000/abc:test'),
      found({ specific: 'test,latest' }),
      pod('1.1.1.1:5000/abc:latest'),
    ],
    [
      'changeImageNameAction - only the matching part is replaced',
      pod('dev/image1:dev'),
      found({ specific: 'dev/,test/' }),
      pod('test/image1:dev'),
    ],
    ['changeImageNameAction - every occurrence of the part is replaced', pod('a/a:a'), found({ x: 'a,b' }), pod('b/b:b')],
    [
      'changeImageNameAction - init containers are rewritten too',
      pod('nginx:1', 'busybox:1'),
      found({ x: ':1,:2' }),
      pod('nginx:2', 'busybox:2'),
    ],
    ['changeImageNameAction - a rule without a comma is ignored', pod('nginx:1'), found({ x: 'nginx:1:nginx:2' }), pod('nginx:1')],
    ['changeImageNameAction - a rule with nothing after the comma is ignored', pod('nginx:1'), found({ x: 'nginx,' }), pod('nginx:1')],
    [
      'changeImageNameAction - the first matching rule by key wins',
      pod('nginx:1'),
      found({ b: 'nginx,second', a: 'nginx,first' }),
      pod('first:1'),
    ],
    ['changeImageNameAction - no ConfigMap: unchanged', pod('nginx:1'), none, pod('nginx:1')],
    ['changeImageNameAction - an empty ConfigMap: unchanged', pod('nginx:1'), found({}), pod('nginx:1')],
    [
      'changeImageNameAction - a Deployment pod template',
      workload('Deployment', 'r1/app:1'),
      found({ x: 'r1/,r2/' }),
      workload('Deployment', 'r2/app:1'),
    ],
    [
      'changeImageNameAction - a DaemonSet pod template',
      workload('DaemonSet', 'r1/app:1'),
      found({ x: 'r1/,r2/' }),
      workload('DaemonSet', 'r2/app:1'),
    ],
    [
      'changeImageNameAction - a Job pod template',
      { ...workload('Job', 'r1/app:1'), apiVersion: 'batch/v1' },
      found({ x: 'r1/,r2/' }),
      { ...workload('Job', 'r2/app:1'), apiVersion: 'batch/v1' },
    ],
    ['changeImageNameAction - a CronJob job template', cronJob('r1/app:1'), found({ x: 'r1/,r2/' }), cronJob('r2/app:1')],
  ])('%s', (_name, item, config, expected) => {
    expect(changeImageNameAction(item, config).item).toEqual(expected);
  });

  it.each<[string, ItemJson, PluginConfig, string]>([
    ['changeImageNameAction - a failed ConfigMap lookup fails', pod('nginx'), { kind: 'failed', message: 'boom' }, 'boom'],
    [
      'changeImageNameAction - containers that are not a list fail',
      { ...pod('nginx'), spec: { containers: 'nginx' } },
      found({ x: 'a,b' }),
      "error getting item's spec.containers: error getting item's spec.containers: .spec.containers accessor error: nginx is of the type string, expected []interface{}",
    ],
  ])('%s', (_name, item, config, message) => {
    expect(() => changeImageNameAction(item, config)).toThrow(message);
  });
});
