// The server's default resource modifiers against the real API server (Velero's
// --default-resource-modifier-configmap, here FERRY_DEFAULT_RESOURCE_MODIFIER_CONFIGMAP, and
// `spec.skipDefaultResourceModifier`, Velero #10098): the default applies to a Restore without its
// own `spec.resourceModifier`, not when the Restore skips it, not beside the Restore's own; a missing
// or broken default is a warning in the restore log and the restore runs without modifiers.
import type { RestoreSpec } from '@ferry/api';
import { silentLogger } from '@ferry/kube';
import { restoreFileKeys } from '@ferry/storage-location';
import { startRestoreService } from '../src';
import { readGzipText } from './restore-fixtures';
import { kube, useRestoreWorld } from './restore-harness';

const rules = (path: string, value: string) => `version: v1
resourceModifierRules:
- conditions:
    groupResource: configmaps
    resourceNameRegex: "^config-front$"
  patches:
  - operation: replace
    path: ${path}
    value: ${value}
`;

describe('restore service - the server default resource modifiers', () => {
  const world = useRestoreWorld('rdm');
  const startWithDefault = async (defaultResourceModifierConfigMap: string) => {
    await world.service?.stop();
    world.service = await startRestoreService({
      kube,
      logger: silentLogger,
      namespace: world.velero,
      parallel: 4,
      timeouts: { terminatingTimeoutMs: 5_000, resourceTimeoutMs: 30_000 },
      defaultResourceModifierConfigMap,
      volumeReporter: world.volumeInfo!.reporter,
    });
  };
  const configMap = (name: string, data: Record<string, string>) =>
    kube.core.createNamespacedConfigMap({ namespace: world.velero, body: { metadata: { name }, data } });
  const frontData = async (namespace: string) => (await kube.core.readNamespacedConfigMap({ namespace, name: 'config-front' })).data;

  beforeAll(async () => {
    await configMap('default-mods', { 'rules.yaml': rules('/data/a.txt', 'from-default') });
    await configMap('own-mods', {
      'rules.yaml':
        'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: configmaps\n  mergePatches:\n  - patchData: \'{"data":{"own":"1"}}\'\n',
    });
    await configMap('broken-mods', { 'rules.yaml': 'version: v1\nresourceModifierRules: [{conditions: {}}]\n' });
    await startWithDefault('default-mods');
  });

  it.each<[string, Partial<RestoreSpec>, Record<string, string>]>([
    ['a Restore without its own modifiers gets the default', {}, { 'a.txt': 'from-default' }],
    ['skipDefaultResourceModifier: false still gets it', { skipDefaultResourceModifier: false }, { 'a.txt': 'from-default' }],
    ['skipDefaultResourceModifier: true restores unmodified', { skipDefaultResourceModifier: true }, { 'a.txt': 'x<y & z' }],
    [
      "the Restore's own ConfigMap replaces the default",
      { resourceModifier: { kind: 'ConfigMap', name: 'own-mods' } },
      { 'a.txt': 'x<y & z', own: '1' },
    ],
  ])('%s', async (_name, spec, expected) => {
    const to = world.target();
    const done = await world.restore({
      backupName: 'b-app',
      includedResources: ['configmaps'],
      namespaceMapping: { [world.app]: to },
      ...spec,
    });
    expect(done.status?.phase).toBe('Completed');
    expect(await frontData(to)).toEqual(expected);
  });

  it.each<[string, string, RegExp]>([
    ['a missing', 'no-such-mods', /Failed to retrieve default resource modifier configmap \S+\/no-such-mods, skipping/],
    ['an invalid', 'broken-mods', /(Validation error in|Error parsing) default resource modifier configmap \S+\/broken-mods, skipping: /],
  ])('%s default ConfigMap is a warning in the restore log and no modifiers', async (_name, defaultName, warning) => {
    await startWithDefault(defaultName);
    const to = world.target();
    const done = await world.restore({ backupName: 'b-app', includedResources: ['configmaps'], namespaceMapping: { [world.app]: to } });
    expect(done.status?.phase).toBe('Completed');
    expect(await frontData(to)).toEqual({ 'a.txt': 'x<y & z' });
    const log = await readGzipText(world.store, restoreFileKeys(world.prefix, done.metadata?.name ?? '').logs);
    expect(log).toMatch(new RegExp(`level=warning msg="${warning.source}`));
  });
});
