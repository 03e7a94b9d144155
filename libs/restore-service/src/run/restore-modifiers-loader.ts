// The Restore's resource modifiers read as Velero's restore controller reads them
// (validateAndComplete, and the server's --default-resource-modifier-configmap): the ConfigMap
// chosen by @ferry/resource-modifiers' chooseModifierSource, in the Restore's namespace, parsed.
// A per-restore ConfigMap that is missing or invalid fails validation; a default one that is
// missing or invalid is a warning and the restore runs without modifiers.
import type { RestoreSpec } from '@ferry/api';
import { getOrUndefined, type KubeClient } from '@ferry/kube';
import {
  chooseModifierSource,
  defaultModifiersWarning,
  modifiersConfigMapNotFoundMessage,
  parseResourceModifiers,
  type ResourceModifiers,
} from '@ferry/resource-modifiers';

/** What loading the modifiers came to. */
export type LoadedRestoreModifiers =
  /** No ConfigMap applies. */
  | { readonly kind: 'none' }
  | { readonly kind: 'loaded'; readonly modifiers: ResourceModifiers }
  /** The per-restore ConfigMap failed: `message` is Velero's validation error. */
  | { readonly kind: 'failed'; readonly message: string }
  /** The default ConfigMap failed: `warning` goes to the restore log, no modifiers apply. */
  | { readonly kind: 'skipped'; readonly warning: string };

/**
 * Loads the modifiers of a Restore in `namespace` (`defaultConfigMap` = the server setting, `''` =
 * none); never rejects (a failed GET is an outcome).
 */
export async function loadRestoreModifiers(
  kube: KubeClient,
  namespace: string,
  spec: RestoreSpec,
  defaultConfigMap: string,
): Promise<LoadedRestoreModifiers> {
  const source = chooseModifierSource(spec, defaultConfigMap);
  if (source.kind === 'none') return { kind: 'none' };
  const name = source.configMapName;
  const configMap = await getOrUndefined(`get configmap ${namespace}/${name}`, () =>
    kube.core.readNamespacedConfigMap({ name, namespace }),
  ).catch(() => undefined);
  if (!configMap) {
    return source.kind === 'restore'
      ? { kind: 'failed', message: modifiersConfigMapNotFoundMessage(namespace, name) }
      : { kind: 'skipped', warning: defaultModifiersWarning(namespace, name, null) };
  }
  const parsed = parseResourceModifiers({ namespace, name, data: configMap.data ?? null });
  if (parsed.ok) return { kind: 'loaded', modifiers: parsed.modifiers };
  return source.kind === 'restore'
    ? { kind: 'failed', message: parsed.message }
    : { kind: 'skipped', warning: defaultModifiersWarning(namespace, name, parsed) };
}
