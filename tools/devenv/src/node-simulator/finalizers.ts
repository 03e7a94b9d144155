import type { KubernetesObject } from '@kubernetes/client-node';

/**
 * A JSON merge patch that removes `finalizers` from `object`, guarded by its resourceVersion (a
 * concurrent change makes the patch fail with Conflict instead of dropping someone else's
 * finalizer). Undefined when the object carries none of them. Pure.
 */
export function finalizerRemovalPatch(object: KubernetesObject, ...finalizers: string[]): object | undefined {
  const current = object.metadata?.finalizers ?? [];
  const remaining = current.filter((finalizer) => !finalizers.includes(finalizer));
  if (remaining.length === current.length) return undefined;
  return { metadata: { finalizers: remaining, resourceVersion: object.metadata?.resourceVersion } };
}

/** A merge patch adding `finalizer` (guarded by resourceVersion), or undefined if present. Pure. */
export function finalizerAdditionPatch(object: KubernetesObject, finalizer: string): object | undefined {
  const current = object.metadata?.finalizers ?? [];
  if (current.includes(finalizer)) return undefined;
  return { metadata: { finalizers: [...current, finalizer], resourceVersion: object.metadata?.resourceVersion } };
}
