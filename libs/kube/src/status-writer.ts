import type { KubeObject } from './kube-object';
import { retryOnConflict, type ConflictRetryOptions } from './conflict-retry';

/** An object with a status of type `S`. */
export type WithStatus<S> = KubeObject & { status?: S };

/**
 * Computes the new status from the current object; `undefined` means "nothing to change" and
 * skips the write. Called again with a fresh object after every Conflict, so it must be pure.
 */
export type StatusMutation<T extends WithStatus<S>, S> = (current: T) => S | undefined;

/** Computes a JSON merge patch of the status from the current object; `undefined` skips the write. */
export type StatusPatchFunction<T extends WithStatus<S>, S> = (current: T) => Partial<S> | undefined;

/** The primitive reads and writes a status writer needs; the custom-resource client supplies them. */
export interface StatusWriteTarget<T> {
  read(): Promise<T>;
  /** PUT of the whole object: to `/status` when the resource has that subresource, else to the object. */
  replace(object: T): Promise<T>;
  /** JSON merge patch: to `/status` when the resource has that subresource, else to the object. */
  mergePatch(patch: object): Promise<T>;
}

/**
 * Read-mutate-PUT with conflict retry. The PUT carries the read resourceVersion, so a concurrent
 * writer makes it fail with Conflict, and the mutation is re-applied to a fresh read. Returns the
 * written object (or the read one when the mutation changed nothing).
 */
export function updateStatusWithRetry<T extends WithStatus<S>, S>(
  target: StatusWriteTarget<T>,
  mutate: StatusMutation<T, S>,
  options?: ConflictRetryOptions,
): Promise<T> {
  return retryOnConflict(async () => {
    const current = await target.read();
    const status = mutate(structuredClone(current));
    if (status === undefined) return current;
    return target.replace({ ...current, status });
  }, options);
}

/**
 * Read-compute-merge-patch with conflict retry. The patch carries `metadata.resourceVersion` as a
 * precondition, so it fails with Conflict if the object changed after the read, and is recomputed
 * from a fresh read. Returns the patched object (or the read one when nothing was to change).
 */
export function patchStatusWithRetry<T extends WithStatus<S>, S>(
  target: StatusWriteTarget<T>,
  computePatch: StatusPatchFunction<T, S>,
  options?: ConflictRetryOptions,
): Promise<T> {
  return retryOnConflict(async () => {
    const current = await target.read();
    const patch = computePatch(structuredClone(current));
    if (patch === undefined) return current;
    return target.mergePatch({ metadata: { resourceVersion: current.metadata?.resourceVersion }, status: patch });
  }, options);
}
