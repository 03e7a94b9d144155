// Small helpers over API objects as parsed JSON (Velero's unstructured maps). Pure; every helper
// returns new objects and never mutates its input.

/** An API object as parsed JSON. */
export type ItemJson = Record<string, unknown>;

/** `value` as a JSON object, or undefined. Pure. */
export function asObject(value: unknown): ItemJson | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ItemJson) : undefined;
}

/** A deep copy of JSON data. Pure. */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/**
 * The namespace `namespace` maps to in a Restore's `namespaceMapping`, or undefined. Own keys only,
 * so a namespace named like an Object.prototype member (`constructor`) is not "mapped". Pure.
 */
export function mappedNamespace(namespaceMapping: Readonly<Record<string, string>>, namespace: string): string | undefined {
  return Object.hasOwn(namespaceMapping, namespace) ? namespaceMapping[namespace] : undefined;
}

/** A copy of `object` without `keys`. Pure. */
export function withoutKeys<T extends Record<string, unknown>>(object: T, ...keys: string[]): T {
  const copy: Record<string, unknown> = { ...object };
  for (const key of keys) delete copy[key];
  return copy as T;
}

/** `metadata` of an item (an empty object when absent). Pure. */
export function metadataOf(item: ItemJson): ItemJson {
  return asObject(item['metadata']) ?? {};
}

/** A string-map field of `metadata` (`labels`, `annotations`), or undefined. Pure. */
export function stringMapOf(item: ItemJson, field: 'labels' | 'annotations'): Record<string, string> | undefined {
  return asObject(metadataOf(item)[field]) as Record<string, string> | undefined;
}

/** `metadata.name`, `""` when absent. Pure. */
export function nameOf(item: ItemJson): string {
  const name = metadataOf(item)['name'];
  return typeof name === 'string' ? name : '';
}

/** The value at `path` (object keys only), or undefined. Pure. */
export function nestedValue(item: unknown, ...path: string[]): unknown {
  let current: unknown = item;
  for (const key of path) current = asObject(current)?.[key];
  return current;
}

/** `item` with `metadata` replaced by `update(metadata)`. Pure. */
export function withMetadata(item: ItemJson, update: (metadata: ItemJson) => ItemJson): ItemJson {
  return { ...item, metadata: update({ ...metadataOf(item) }) };
}

/** `item` with the `field` map of metadata replaced; an empty result removes the field. Pure. */
export function withStringMap(
  item: ItemJson,
  field: 'labels' | 'annotations',
  update: (map: Record<string, string>) => Record<string, string>,
): ItemJson {
  return withMetadata(item, (metadata) => {
    const next = update({ ...(asObject(metadata[field]) as Record<string, string> | undefined) });
    if (Object.keys(next).length === 0) return withoutKeys(metadata, field);
    return { ...metadata, [field]: next };
  });
}

/** Deep equality of JSON data (key order ignored). Pure. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((value, index) => jsonEqual(value, b[index]));
  const left = asObject(a);
  const right = asObject(b);
  if (!left || !right || Array.isArray(b)) return false;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  const otherKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  return keys.length === otherKeys.length && keys.every((key) => jsonEqual(left[key], right[key]));
}
