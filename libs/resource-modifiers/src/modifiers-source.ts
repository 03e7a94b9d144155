// Which resource-modifiers ConfigMap a Restore uses (Velero ≥ 1.19, PR #10098 / design #9921): a
// per-restore `spec.resourceModifier` ConfigMap takes exclusive precedence; without one, the
// server's default ConfigMap (Velero's --default-resource-modifier-configmap) applies unless
// `spec.skipDefaultResourceModifier` is true. Problems with the per-restore ConfigMap fail the
// Restore's validation; problems with the default one are a warning and the restore goes on
// without modifiers.
import { ModifiersProblemCode } from './errors';
import type { ParseModifiersResult } from './modifiers-parser';

/** A Restore's `spec.resourceModifier` (TypedLocalObjectReference) as far as the choice needs it. */
export interface ModifierReference {
  readonly kind: string;
  readonly name: string;
}

/** The Restore spec fields that decide the source. */
export interface ModifierSpecFields {
  readonly resourceModifier?: ModifierReference | null;
  readonly skipDefaultResourceModifier?: boolean | null;
}

/** Where the restore's modifiers come from. Both ConfigMaps live in the Restore's namespace. */
export type ModifierSource =
  | { readonly kind: 'restore'; readonly configMapName: string }
  | { readonly kind: 'default'; readonly configMapName: string }
  | { readonly kind: 'none' };

/**
 * Chooses the ConfigMap as Velero's restore controller does. A `resourceModifier` of a kind other
 * than ConfigMap (compared case-insensitively) counts as absent, as in Velero. `defaultConfigMap`
 * is the server setting ('' = none). Pure.
 */
export function chooseModifierSource(spec: ModifierSpecFields, defaultConfigMap: string): ModifierSource {
  const reference = spec.resourceModifier;
  if (reference && reference.kind.toLowerCase() === 'configmap') return { kind: 'restore', configMapName: reference.name };
  if (defaultConfigMap !== '' && spec.skipDefaultResourceModifier !== true) return { kind: 'default', configMapName: defaultConfigMap };
  return { kind: 'none' };
}

/**
 * Velero's warning when the default ConfigMap cannot be used (`null` parse result = it could not be
 * read); the restore proceeds without modifiers. Pure.
 */
export function defaultModifiersWarning(
  namespace: string,
  name: string,
  parsed: Extract<ParseModifiersResult, { ok: false }> | null,
): string {
  const where = `${namespace}/${name}`;
  if (parsed === null) return `Failed to retrieve default resource modifier configmap ${where}, skipping`;
  const stage = parsed.code === ModifiersProblemCode.Invalid ? 'Validation error in' : 'Error parsing';
  return `${stage} default resource modifier configmap ${where}, skipping: ${parsed.detail}`;
}
