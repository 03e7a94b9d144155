// How an item is written into Velero's backup tarball (reference §9; pkg/archive, item_backupper.go
// getFileForArchive): `resources/<gr>/namespaces/<ns>/<name>.json` or `resources/<gr>/cluster/<name>.json`,
// again under `resources/<gr>/<version>-preferredversion/…`; the body is the object as Go's
// json.Marshal writes an unstructured map (keys sorted, HTML-safe escaping, compact); the resource
// list keyed `<apiVersion>/<Kind>`.
import { compareGoStrings, goJsonString } from '../encoding/go-json';

/** The tarball's format version file and its content. */
export const backupVersionEntry = { name: 'metadata/version', body: '1.1.0\n' } as const;

/** Mode of every regular entry Velero writes. */
export const archiveEntryMode = 0o755;

/** Velero's `-preferredversion` directory suffix. */
export const preferredVersionSuffix = '-preferredversion';

/** Where one object goes: the legacy path and the preferred-version copy. */
export function itemEntryNames(groupResource: string, version: string, namespace: string, name: string): [string, string] {
  const scope = namespace === '' ? `cluster/${name}.json` : `namespaces/${namespace}/${name}.json`;
  return [`resources/${groupResource}/${scope}`, `resources/${groupResource}/${version}${preferredVersionSuffix}/${scope}`];
}

const needsSlowCompare = /[\uD800-\uDFFF\uE000-\uFFFF]/;
const compareKeys = (a: string, b: string): number =>
  needsSlowCompare.test(a) || needsSlowCompare.test(b) ? compareGoStrings(a, b) : a < b ? -1 : a > b ? 1 : 0;
const plainString = /^[^"\\\u0000-\u001f<>&\u2028\u2029\uD800-\uDFFF]*$/;

function encodeString(text: string): string {
  return plainString.test(text) ? `"${text}"` : goJsonString(text);
}

function encode(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return encodeString(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map(encode).join(',')}]`;
  const entries = Object.keys(value as object).sort(compareKeys);
  const record = value as Record<string, unknown>;
  return `{${entries.map((key) => `${encodeString(key)}:${encode(record[key])}`).join(',')}}`;
}

// V8 enumerates integer-like keys first in numeric order, whatever the insertion order.
const indexLikeKey = /^(?:0|[1-9]\d{0,9})$/;
const htmlUnsafe = /[<>&\u2028\u2029]/g;
const escapedSurrogate = /\\u[dD][89a-fA-F]/;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * `value` with its objects holding their keys in Go's order — the same object where it already
 * does (Go's maps arrive sorted from the API server, its structs do not), a copy where it does not
 * — or undefined when V8 cannot keep that order.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let items: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const sorted = sortedCopy(item);
      if (sorted === undefined) return undefined;
      if (sorted !== item) (items ??= value.slice())[i] = sorted;
    }
    return items ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let slowCompare = false;
  let ordered = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (isDigit(key.charCodeAt(0)) && indexLikeKey.test(key)) return undefined;
    slowCompare ||= needsSlowCompare.test(key);
    if (i > 0 && (keys[i - 1] as string) > key) ordered = false;
  }
  // Without such keys, UTF-16 order (the default sort) is Go's byte order: tested once per key, not per comparison.
  const sortedKeys = slowCompare ? [...keys].sort(compareKeys) : ordered ? keys : [...keys].sort();
  let changed = sortedKeys.some((key, i) => key !== keys[i]);
  const items = new Array<unknown>(sortedKeys.length);
  for (let i = 0; i < sortedKeys.length; i++) {
    const item = record[sortedKeys[i] as string];
    const sorted = sortedCopy(item);
    if (sorted === undefined) return undefined;
    items[i] = sorted;
    changed ||= sorted !== item;
  }
  if (!changed) return record;
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < sortedKeys.length; i++) copy[sortedKeys[i] as string] = items[i];
  return copy;
}

/**
 * `object` (parsed JSON of an API object) as Go's `json.Marshal(unstructured.UnstructuredContent())`
 * writes it: compact, map keys sorted by bytes, `<` `>` `&` U+2028 U+2029 escaped. The native
 * JSON.stringify of a key-sorted copy does the work; objects with integer-like keys (V8 would
 * reorder them) or lone surrogates (Go writes U+FFFD) take the exact, slower encoder. Pure.
 */
export function encodeUnstructured(object: unknown): string {
  const sorted = sortedCopy(object);
  if (sorted === undefined) return encode(object);
  const text = JSON.stringify(sorted);
  if (escapedSurrogate.test(text)) return encode(object);
  return text.replace(htmlUnsafe, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Velero's resource-list key of an item: `<apiVersion>/<Kind>`. */
export const resourceListKey = (apiVersion: string, kind: string): string => `${apiVersion}/${kind}`;

/** Velero's resource-list entry of an item: `ns/name`, or `name` for cluster-scoped ones. */
export const resourceListEntry = (namespace: string, name: string): string => (namespace === '' ? name : `${namespace}/${name}`);

/** Collects the backed-up items (one per key) into Velero's resource list. */
export class ResourceListBuilder {
  private readonly lists = new Map<string, Set<string>>();
  private count = 0;

  /** Records the item; answers false when it was already recorded (Velero's BackedUpItems.Has). */
  add(apiVersion: string, kind: string, namespace: string, name: string): boolean {
    const key = resourceListKey(apiVersion, kind);
    let list = this.lists.get(key);
    if (!list) {
      list = new Set();
      this.lists.set(key, list);
    }
    const entry = resourceListEntry(namespace, name);
    if (list.has(entry)) return false;
    list.add(entry);
    this.count++;
    return true;
  }

  /** Whether the item was recorded. */
  has(apiVersion: string, kind: string, namespace: string, name: string): boolean {
    return this.lists.get(resourceListKey(apiVersion, kind))?.has(resourceListEntry(namespace, name)) ?? false;
  }

  /** Number of items recorded. */
  get size(): number {
    return this.count;
  }

  /** The list, each entry sorted as Go's `sort.Strings`. */
  build(): Record<string, string[]> {
    return Object.fromEntries([...this.lists].map(([key, entries]) => [key, [...entries].sort(compareKeys)]));
  }
}
