import { ModifiersProblemCode } from './errors';
import { chooseModifierSource, defaultModifiersWarning, type ModifierSpecFields } from './modifiers-source';

describe('resource modifiers - which ConfigMap a restore uses (Velero #10098)', () => {
  const perRestore = { kind: 'ConfigMap', name: 'mine' };
  it.each<[string, ModifierSpecFields, string, ReturnType<typeof chooseModifierSource>]>([
    ['per-restore only', { resourceModifier: perRestore }, '', { kind: 'restore', configMapName: 'mine' }],
    ['per-restore wins over the default', { resourceModifier: perRestore }, 'cni', { kind: 'restore', configMapName: 'mine' }],
    [
      'per-restore wins even when skipping the default',
      { resourceModifier: perRestore, skipDefaultResourceModifier: true },
      'cni',
      { kind: 'restore', configMapName: 'mine' },
    ],
    [
      'kind compared case-insensitively',
      { resourceModifier: { kind: 'configmap', name: 'mine' } },
      '',
      { kind: 'restore', configMapName: 'mine' },
    ],
    [
      'a reference of another kind is ignored',
      { resourceModifier: { kind: 'Secret', name: 'mine' } },
      'cni',
      { kind: 'default', configMapName: 'cni' },
    ],
    ['default when none given', {}, 'cni', { kind: 'default', configMapName: 'cni' }],
    ['default when skip is explicitly false', { skipDefaultResourceModifier: false }, 'cni', { kind: 'default', configMapName: 'cni' }],
    ['default skipped', { skipDefaultResourceModifier: true }, 'cni', { kind: 'none' }],
    ['no default configured', { resourceModifier: null }, '', { kind: 'none' }],
  ])('%s', (_name, spec, defaultConfigMap, expected) => {
    expect(chooseModifierSource(spec, defaultConfigMap)).toEqual(expected);
  });

  it.each<[string, Parameters<typeof defaultModifiersWarning>[2], string]>([
    ['not readable', null, 'Failed to retrieve default resource modifier configmap velero/cni, skipping'],
    [
      'not parseable',
      { ok: false, code: ModifiersProblemCode.Decode, message: 'm', detail: 'failed to decode' },
      'Error parsing default resource modifier configmap velero/cni, skipping: failed to decode',
    ],
    [
      'not valid',
      { ok: false, code: ModifiersProblemCode.Invalid, message: 'm', detail: 'resource modifier rules cannot be empty' },
      'Validation error in default resource modifier configmap velero/cni, skipping: resource modifier rules cannot be empty',
    ],
  ])('warns when the default is %s', (_name, parsed, expected) => {
    expect(defaultModifiersWarning('velero', 'cni', parsed)).toBe(expected);
  });
});
