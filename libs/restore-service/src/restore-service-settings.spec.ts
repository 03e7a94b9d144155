import { readRestoreServiceSettings } from './restore-service-settings';

describe('readRestoreServiceSettings', () => {
  it.each<[string, Record<string, string | undefined>, string]>([
    ['unset: no default modifiers', {}, ''],
    ['blank: no default modifiers', { FERRY_DEFAULT_RESOURCE_MODIFIER_CONFIGMAP: '  ' }, ''],
    ['a name, trimmed', { FERRY_DEFAULT_RESOURCE_MODIFIER_CONFIGMAP: ' default-mods ' }, 'default-mods'],
  ])('%s', (_name, env, expected) => {
    expect(readRestoreServiceSettings(env)).toEqual({ defaultResourceModifierConfigMap: expected });
  });
});
