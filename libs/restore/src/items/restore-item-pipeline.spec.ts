import { parseResourceModifiers, type ResourceModifiers } from '@ferry/resource-modifiers';
import { backedUpVolumesOf } from '../volumes/backed-up-volumes';
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
