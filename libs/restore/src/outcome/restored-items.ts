// Velero's restoredItems map and the restored resource list it becomes
// (`restore-<r>-resource-list.json.gz`; pkg/restore/request.go RestoredResourceList): one entry per
// item key, keyed `<apiVersion>/<Kind>`, `ns/name(action)` or `name(action)`, each list sorted.
import { encodeGoJson, goMap } from '@ferry/backup';
import type { ItemRestoreResult } from './restore-progress';

/** An item key: Velero's `itemKey{resource: "<apiVersion>/<Kind>", namespace, name}`. */
export interface RestoredItemKey {
  /** `<apiVersion>/<Kind>` of the item as restored. */
  readonly resource: string;
  /** The target namespace (`""` for cluster-scoped items). */
  readonly namespace: string;
  readonly name: string;
}

const keyText = (key: RestoredItemKey): string => `${key.resource}\u0000${key.namespace}\u0000${key.name}`;

/** The restore's items and their outcome; memory is one short string per item. */
export class RestoredItems {
  private readonly items = new Map<string, { key: RestoredItemKey; action?: ItemRestoreResult }>();

  /** Number of items (Velero's `len(restoredItems)`). */
  get size(): number {
    return this.items.size;
  }

  /** Whether the item was seen (Velero skips an item it already restored). */
  has(key: RestoredItemKey): boolean {
    return this.items.has(keyText(key));
  }

  /** Registers the item before it is restored (Velero's entry with no action yet). */
  begin(key: RestoredItemKey): void {
    if (!this.has(key)) this.items.set(keyText(key), { key });
  }

  /** Records the item's outcome. */
  finish(key: RestoredItemKey, action: ItemRestoreResult): void {
    this.items.set(keyText(key), { key, action });
  }

  /** Velero's `RestoredResourceList` (entries without an outcome are left out). */
  resourceList(): Record<string, string[]> {
    const lists: Record<string, string[]> = {};
    for (const { key, action } of this.items.values()) {
      if (!action) continue;
      const entry = `${key.namespace === '' ? key.name : `${key.namespace}/${key.name}`}(${action})`;
      (lists[key.resource] ??= []).push(entry);
    }
    for (const list of Object.values(lists)) list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return lists;
  }
}

/** The resource list as Velero's json.Encoder writes it (keys sorted, trailing newline). Pure. */
export function encodeRestoredResourceList(list: Readonly<Record<string, readonly string[]>>): string {
  return encodeGoJson(goMap(list));
}
