import { parseResourceModifiers, type ResourceModifiers } from '@ferry/resource-modifiers';
import { backedUpVolumesOf } from '../volumes/backed-up-volumes';
import { nestedValue, type ItemJson } from './item-json';
import { apiServiceSkipReason } from './registration-actions';
import { restoreHooksFromSpec } from '../hooks/restore-hooks';
import { prepareRestoreItem, type ItemRestoreSettings, type PreparedItem } from './restore-item-pipeline';

const load = (yaml: string): ResourceModifiers => {
  const parsed = parseResourceModifiers({ namespace: 'velero', name: 'mods', data: { 'mods.yaml': yaml } });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.modifiers;
};
const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'src' }, data: { mode: 'dev' } };
const facts = {
  serviceAccounts: () => [],
  provisionedVolumes: new Set<string>(),
  volumes: backedUpVolumesOf({ volumeInfos: [], podVolumeBackups: [], snapshotClaims: new Set() }),
  snapshotClassOf: () => undefined,
  randomSuffix: () => 'abcdef',
  storageClassProblem: () => undefined,
  randomUuid: () => '0badc0de-1111-4222-8333-444455556666',
};
const settings = (modifiers?: ResourceModifiers): ItemRestoreSettings => ({
  restoreName: 'r1',
  backupName: 'b1',
  preserveNodePorts: false,
  namespaceMapping: { src: 'dst' },
  restoreUid: 'uid-1',
  restoreNamespace: 'velero',
  storageLocation: 'default',
  restorePVs: undefined,
  snapshotMoveData: false,
  ...(modifiers ? { modifiers } : {}),
});
const created = (prepared: PreparedItem) => {
  if (prepared.kind !== 'create') throw new Error(`expected create, got ${prepared.kind}`);
  return {
    data: prepared.item['data'],
    namespace: (prepared.item['metadata'] as { namespace?: string }).namespace,
    errors: prepared.modifierErrors,
  };
};
const rule = (namespaces: string, patch: string) => `version: v1
resourceModifierRules:
- conditions:
    groupResource: configmaps
    resourceNameRegex: "^app-"
    namespaces: [${namespaces}]
${patch}`;
const replaceMode = `  patches:
  - operation: replace
    path: /data/mode
    value: prod`;

describe('prepareRestoreItem - resource modifiers (Velero restoreItem → ApplyResourceModifierRules)', () => {
  it.each<[string, ResourceModifiers | undefined, { data: unknown; namespace: string | undefined; errors: readonly string[] }]>([
    ['no modifiers: the item as backed up', undefined, { data: { mode: 'dev' }, namespace: 'dst', errors: [] }],
    [
      'a JSON patch rule matching the backed-up namespace patches the data',
      load(rule('src', replaceMode)),
      { data: { mode: 'prod' }, namespace: 'dst', errors: [] },
    ],
    [
      'a rule naming only the target namespace does not match',
      load(rule('dst', replaceMode)),
      { data: { mode: 'dev' }, namespace: 'dst', errors: [] },
    ],
    [
      'a merge patch rule adds a key',
      load(rule('src', '  mergePatches:\n  - patchData: \'{"data":{"extra":"yes"}}\'')),
      { data: { mode: 'dev', extra: 'yes' }, namespace: 'dst', errors: [] },
    ],
    [
      'a failing patch is an error and leaves the item unchanged',
      load(rule('src', '  patches:\n  - operation: remove\n    path: /data/missing')),
      { data: { mode: 'dev' }, namespace: 'dst', errors: [expect.stringMatching(/^error in applying patch /) as unknown as string] },
    ],
  ])('%s', (_name, modifiers, expected) => {
    expect(created(prepareRestoreItem(configMap, 'configmaps', 'dst', settings(modifiers), facts))).toEqual(expected);
  });
});

const withConfigs = (pluginConfigs: ItemRestoreSettings['pluginConfigs']): ItemRestoreSettings => ({
  ...settings(),
  ...(pluginConfigs ? { pluginConfigs } : {}),
});
const configs = {
  changeStorageClass: { kind: 'found', data: { standard: 'fast' } },
  changeImageName: { kind: 'found', data: { registry: 'old.io/,new.io/' } },
} as const;
const claim = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'src' },
  spec: { storageClassName: 'standard' },
};
const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'src' },
  spec: { containers: [{ name: 'web', image: 'old.io/web:1' }] },
};
const apiService = {
  apiVersion: 'apiregistration.k8s.io/v1',
  kind: 'APIService',
  metadata: { name: 'v1.apps', labels: { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' } },
};

describe('prepareRestoreItem - the API registration and plugin-config actions (Velero restoreItem → restore item actions)', () => {
  it.each<[string, ItemJson, string, ItemRestoreSettings, string[], unknown]>([
    ['a claim gets its mapped storage class', claim, 'persistentvolumeclaims', withConfigs(configs), ['spec', 'storageClassName'], 'fast'],
    [
      'without plugin configs a claim keeps its class',
      claim,
      'persistentvolumeclaims',
      settings(),
      ['spec', 'storageClassName'],
      'standard',
    ],
    ['a pod gets its mapped image', pod, 'pods', withConfigs(configs), ['spec', 'containers'], [{ name: 'web', image: 'new.io/web:1' }]],
  ])('prepareRestoreItem - %s', (_name, item, groupResource, itemSettings, path, expected) => {
    const prepared = prepareRestoreItem(item, groupResource, 'dst', itemSettings, facts);
    expect(prepared.kind === 'create' ? nestedValue(prepared.item, ...path) : prepared).toEqual(expected);
  });

  it("prepareRestoreItem - a managed APIService is skipped with Velero's reason", () => {
    expect(prepareRestoreItem(apiService, 'apiservices.apiregistration.k8s.io', '', settings(), facts)).toEqual({
      kind: 'skip',
      reason: apiServiceSkipReason,
    });
  });

  it("prepareRestoreItem - a claim mapped to a missing storage class fails with Velero's error", () => {
    const missing = { ...facts, storageClassProblem: (name: string) => `storageclasses.storage.k8s.io "${name}" not found` };
    expect(() => prepareRestoreItem(claim, 'persistentvolumeclaims', 'dst', withConfigs(configs), missing)).toThrow(
      'error getting storage class fast from API: storageclasses.storage.k8s.io "fast" not found',
    );
  });
});

describe('prepareRestoreItem - init restore hooks (Velero init-restore-hook action, before the pod action)', () => {
  const hookPod = {
    ...pod,
    metadata: { name: 'web', namespace: 'src', annotations: { 'init.hook.restore.velero.io/container-image': 'busybox' } },
    spec: { nodeName: 'n1', containers: [{ name: 'web', image: 'web:1' }], initContainers: [{ name: 'setup', image: 'web:1' }] },
  };
  const init = (name: string) => ({ name, image: 'busybox', command: ['restore-data'] });
  it.each<[string, ItemJson, ItemRestoreSettings, unknown]>([
    [
      'the applicable hooks of the mapped namespace go first, and the pod action still runs',
      { ...hookPod, metadata: { name: 'web', namespace: 'src' } },
      {
        ...settings(),
        restoreHooks: restoreHooksFromSpec({
          resources: [{ name: 'h', includedNamespaces: ['dst'], postHooks: [{ init: { initContainers: [init('hook')] } }] }],
        }),
      },
      { containers: [{ name: 'web', image: 'web:1' }], initContainers: [init('hook'), { name: 'setup', image: 'web:1' }] },
    ],
    [
      'a pod annotation without a name gets a generated one',
      {
        ...hookPod,
        metadata: {
          ...hookPod.metadata,
          annotations: { ...hookPod.metadata.annotations, 'init.hook.restore.velero.io/command': 'restore-data' },
        },
      },
      settings(),
      {
        containers: [{ name: 'web', image: 'web:1' }],
        initContainers: [init('velero-restore-init-0badc0de'), { name: 'setup', image: 'web:1' }],
      },
    ],
  ])('prepareRestoreItem - %s', (_name, item, itemSettings, spec) => {
    const prepared = prepareRestoreItem(item, 'pods', 'dst', itemSettings, facts);
    expect(prepared.kind === 'create' ? prepared.item['spec'] : prepared).toEqual(spec);
  });
});
