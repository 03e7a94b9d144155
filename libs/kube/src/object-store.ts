import type { KubeObject } from './kube-object';

/** What one watch event or relist did to the store. */
export type StoreChange<T> =
  | { readonly type: 'add'; readonly object: T }
  | { readonly type: 'update'; readonly object: T; readonly old: T }
  | { readonly type: 'delete'; readonly object: T };

/**
 * The informer's cache: objects by namespace and name (cluster-scoped ones under `''`). Every
 * mutation returns the change it made, so the caller can notify handlers. Pure, in memory.
 */
export class ObjectStore<T extends KubeObject> {
  private readonly byNamespace = new Map<string, Map<string, T>>();

  /** The object, or undefined when not cached. */
  get(namespace: string | undefined, name: string): T | undefined {
    return this.byNamespace.get(namespace ?? '')?.get(name);
  }

  /** Objects of one namespace, or of all namespaces when `namespace` is undefined. */
  list(namespace?: string): T[] {
    if (namespace !== undefined) return [...(this.byNamespace.get(namespace)?.values() ?? [])];
    return [...this.byNamespace.values()].flatMap((objects) => [...objects.values()]);
  }

  get size(): number {
    let size = 0;
    for (const objects of this.byNamespace.values()) size += objects.size;
    return size;
  }

  /** Stores `object`; an add if it was unknown, an update otherwise. */
  upsert(object: T): StoreChange<T> {
    const { namespace, name } = keyOf(object);
    let objects = this.byNamespace.get(namespace);
    if (!objects) this.byNamespace.set(namespace, (objects = new Map()));
    const old = objects.get(name);
    objects.set(name, object);
    return old ? { type: 'update', object, old } : { type: 'add', object };
  }

  /** Forgets `object`; returns the delete change, or undefined if it was not cached. */
  remove(object: T): StoreChange<T> | undefined {
    const { namespace, name } = keyOf(object);
    const objects = this.byNamespace.get(namespace);
    const old = objects?.get(name);
    if (!objects || !old) return undefined;
    objects.delete(name);
    if (objects.size === 0) this.byNamespace.delete(namespace);
    // The watch's DELETED object is the final state; fall back to the cached one if it is bare.
    return { type: 'delete', object: object.metadata?.resourceVersion ? object : old };
  }

  /**
   * Replaces the whole content with a fresh list (after a relist) and returns the difference:
   * deletes for objects that are gone, adds for new ones, updates for changed resourceVersions.
   */
  replace(items: readonly T[]): StoreChange<T>[] {
    const fresh = new Set(items.map((item) => keyString(keyOf(item))));
    const changes: StoreChange<T>[] = [];
    for (const object of this.list()) {
      if (!fresh.has(keyString(keyOf(object)))) {
        const change = this.remove(object);
        if (change) changes.push({ type: 'delete', object });
      }
    }
    for (const item of items) {
      const cached = this.get(keyOf(item).namespace, keyOf(item).name);
      if (cached && cached.metadata?.resourceVersion === item.metadata?.resourceVersion) continue;
      changes.push(this.upsert(item));
    }
    return changes;
  }
}

function keyOf(object: KubeObject): { namespace: string; name: string } {
  return { namespace: object.metadata?.namespace ?? '', name: object.metadata?.name ?? '' };
}

function keyString(key: { namespace: string; name: string }): string {
  return `${key.namespace}/${key.name}`;
}
