// The controller's view of the data-path resources: cached reads (informers), fresh reads, and
// writes expressed as a change (status fields, finalizer, label, annotations) decided from the
// current object and applied with optimistic concurrency. The reconcilers take this interface;
// production uses the Kubernetes store, unit tests an in-memory one.
import { VeleroLabel } from '@ferry/api';
import type { DataPathKind } from '@ferry/data-movement';
import { dataPathProfiles, statusForKind, type DataPathResource, type DataPathStatus } from './data-path-resources';

/** A reference to one resource. */
export interface ResourceRef {
  readonly kind: DataPathKind;
  readonly namespace: string;
  readonly name: string;
}

/** The ref of a resource. */
export function refOf(resource: DataPathResource): ResourceRef {
  return { kind: resource.kind, namespace: resource.metadata?.namespace ?? '', name: resource.metadata?.name ?? '' };
}

/** `Kind/namespace/name`, for logs and maps. */
export function describeRef(ref: ResourceRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}

/** One write to a resource. Absent fields are left as they are. */
export interface DataPathChange {
  /** Merged into the status (fields the kind lacks are dropped). */
  readonly status?: DataPathStatus;
  /** Adds (true) or removes (false) the kind's data-path finalizer. */
  readonly finalizer?: boolean;
  /** Sets (true) or removes (false) Velero's expose-on-going label. */
  readonly exposeOnGoing?: boolean;
  /** Sets annotations; `null` removes one. */
  readonly annotations?: Readonly<Record<string, string | null>>;
}

/** Decides the change from the current object, or undefined for none. Pure: re-run after a Conflict. */
export type ChangeDecision = (current: DataPathResource) => DataPathChange | undefined;

/** Reads and writes the data-path resources of every kind. */
export interface DataPathStore {
  /** The cached object (informer), or undefined when not (yet) seen. Cheap; may lag behind writes. */
  cached(ref: ResourceRef): DataPathResource | undefined;
  /** Every cached object of `kind`. */
  list(kind: DataPathKind): DataPathResource[];
  /** The object as the API server has it now, or undefined when gone. */
  read(ref: ResourceRef): Promise<DataPathResource | undefined>;
  /**
   * Applies the change `decide` returns for the current object (starting from `from`, else the
   * cached one), with a resourceVersion precondition; after a Conflict it re-reads and decides
   * again. Resolves with the object after the write, the unchanged object when `decide` returned
   * undefined, or undefined when the object is gone.
   */
  update(ref: ResourceRef, decide: ChangeDecision, from?: DataPathResource): Promise<DataPathResource | undefined>;
}

function finalizersAfter(resource: DataPathResource, present: boolean): string[] {
  const finalizer = dataPathProfiles[resource.kind].finalizer;
  const others = (resource.metadata?.finalizers ?? []).filter((f) => f !== finalizer);
  return present ? [...others, finalizer] : others;
}

function labelChanges(change: DataPathChange): Record<string, string | null> | undefined {
  if (change.exposeOnGoing === undefined) return undefined;
  return { [VeleroLabel.ExposeOnGoing]: change.exposeOnGoing ? 'true' : null };
}

/** The JSON merge patch of `change` on `resource`, with its resourceVersion as precondition. */
export function mergePatchOf(resource: DataPathResource, change: DataPathChange): object {
  const labels = labelChanges(change);
  const metadata = {
    resourceVersion: resource.metadata?.resourceVersion,
    ...(change.finalizer === undefined ? {} : { finalizers: finalizersAfter(resource, change.finalizer) }),
    ...(labels ? { labels } : {}),
    ...(change.annotations ? { annotations: change.annotations } : {}),
  };
  return { metadata, ...(change.status ? { status: statusForKind(resource.kind, change.status) } : {}) };
}

function mergeStrings(
  current: Readonly<Record<string, string>> | undefined,
  changes: Readonly<Record<string, string | null>> | undefined,
): Record<string, string> | undefined {
  if (!changes) return current ? { ...current } : undefined;
  const merged: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** `resource` with `change` applied, as the API server applies {@link mergePatchOf} (the in-memory store uses it). */
export function applyChange<R extends DataPathResource>(resource: R, change: DataPathChange): R {
  const metadata = resource.metadata ?? {};
  const labels = mergeStrings(metadata.labels ?? undefined, labelChanges(change));
  const annotations = mergeStrings(metadata.annotations ?? undefined, change.annotations);
  return {
    ...resource,
    metadata: {
      ...metadata,
      ...(change.finalizer === undefined ? {} : { finalizers: finalizersAfter(resource, change.finalizer) }),
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
    },
    ...(change.status ? { status: { ...resource.status, ...statusForKind(resource.kind, change.status) } } : {}),
  };
}
