import { defaultRestorePriorities } from '@ferry/restore';
import { ServiceRuntimeErrorCode } from '@ferry/service-runtime';
import { readRestoreServiceSettings } from './restore-service-settings';

describe('readRestoreServiceSettings', () => {
  it.each<[string, Record<string, string | undefined>, string]>([
    ['unset: no default modifiers', {}, ''],
    ['blank: no default modifiers', { FERRY_DEFAULT_RESOURCE_MODIFIER_CONFIGMAP: '  ' }, ''],
    ['a name, trimmed', { FERRY_DEFAULT_RESOURCE_MODIFIER_CONFIGMAP: ' default-mods ' }, 'default-mods'],
  ])('%s', (_name, env, expected) => {
    expect(readRestoreServiceSettings(env).defaultResourceModifierConfigMap).toBe(expected);
  });

  it.each<[string, string | undefined, unknown]>([
    ["unset: Velero's default order", undefined, defaultRestorePriorities],
    ["blank: Velero's default order", '  ', defaultRestorePriorities],
    [
      'high and low, trimmed',
      ' namespaces,pods,-,clusters.cluster.x-k8s.io ',
      { high: ['namespaces', 'pods'], low: ['clusters.cluster.x-k8s.io'] },
    ],
    ['high only: the default low list stays', 'namespaces,pods', { high: ['namespaces', 'pods'], low: defaultRestorePriorities.low }],
  ])('priorities: %s', (_name, value, expected) => {
    expect(readRestoreServiceSettings({ FERRY_RESTORE_RESOURCE_PRIORITIES: value }).priorities).toEqual(expected);
  });

  it.each([
    ['two separators', 'a,-,b,-,c', 'multiple priority separator "-" found'],
    ['a blank entry', 'pods, services', 'entry 2 (" services") is not a resource name'],
  ])('refuses priorities with %s, naming the variable', (_name, value, reason) => {
    expect(() => readRestoreServiceSettings({ FERRY_RESTORE_RESOURCE_PRIORITIES: value })).toThrow(
      expect.objectContaining({
        code: ServiceRuntimeErrorCode.InvalidConfig,
        message: expect.stringContaining(`FERRY_RESTORE_RESOURCE_PRIORITIES=${JSON.stringify(value)}: ${reason}`),
      }),
    );
  });
});
