// Ported from k8s.io/apimachinery pkg/util/strategicpatch/patch.go (the list half: merging lists
// by merge key, `$patch: delete/replace` elements, deletion lists, and the order rules of
// normalizeElementOrder / mergeSortedSlice), with apimachinery's error texts.
import { StrategicMergeError } from './errors';
import { goTypeName } from '@ferry/kube-values';
import { goEqual, goFormat, goSliceStable, isGoMap, type GoMap } from './go-values';
import type { JsonValue } from './json-pointer';

/** `$patch`. */
export const directiveMarker = '$patch';

/** mergepatch.ErrBadArgType. */
export function badArgType(expected: string, actual: JsonValue | undefined): StrategicMergeError {
  return new StrategicMergeError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
}

/** mergepatch.ErrNoMergeKey. */
export function noMergeKey(map: GoMap, key: string): StrategicMergeError {
  return new StrategicMergeError(`map: ${goFormat(map)} does not contain declared merge key: ${key}`);
}

/** mergepatch.ErrBadPatchType. */
export function badPatchType(directive: JsonValue | undefined, map: GoMap): StrategicMergeError {
  const text = typeof directive === 'string' ? directive : `%!s(${goTypeName(directive)}=${goFormat(directive)})`;
  return new StrategicMergeError(`unknown patch type: ${text} in map: ${goFormat(map)}`);
}

/** The element kind of the slices: `map` or another Go kind; errors for lists of lists and mixes. */
export function sliceElementKind(...slices: ReadonlyArray<readonly JsonValue[]>): string {
  let previous: string | undefined;
  for (const slice of slices) {
    for (const value of slice) {
      const current = goTypeName(value);
      if (previous === undefined) {
        previous = current;
        if (current === '[]interface {}') throw new StrategicMergeError('lists of lists are not supported');
      } else if (previous !== current) {
        throw new StrategicMergeError(`list element types are not identical: ${goFormat(slices as JsonValue[][])}`);
      }
    }
  }
  if (previous === undefined) throw new StrategicMergeError('no elements in any of the given slices');
  return previous === 'map[string]interface {}' ? 'map' : previous;
}

/** findMapInSliceBasedOnKeyValue: the map whose `key` equals `value`, with its index. */
export function findMapByKey(
  list: readonly JsonValue[],
  key: string,
  value: JsonValue | undefined,
): { map: GoMap; index: number } | undefined {
  for (const [index, item] of list.entries()) {
    if (!isGoMap(item)) throw new StrategicMergeError(`value for key ${index} is not a map`);
    if (Object.prototype.hasOwnProperty.call(item, key) && goEqual(item[key], value)) return { map: item, index };
  }
  return undefined;
}

/** mergeSliceWithSpecialElements: applies `$patch: delete` / `replace` elements. */
export function mergeSpecialElements(
  original: JsonValue[],
  patch: readonly JsonValue[],
  mergeKey: string,
): { original: JsonValue[]; patch: JsonValue[] } {
  const plain: JsonValue[] = [];
  let replace = false;
  let remaining = original;
  for (const item of patch) {
    const map = item as GoMap;
    if (!Object.prototype.hasOwnProperty.call(map, directiveMarker)) {
      plain.push(item);
      continue;
    }
    const directive = map[directiveMarker];
    if (directive === 'delete') {
      if (!Object.prototype.hasOwnProperty.call(map, mergeKey)) throw noMergeKey(map, mergeKey);
      remaining = deleteMatchingEntries(remaining, mergeKey, map[mergeKey]);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new StrategicMergeError('merging lists cannot yet be specified in the patch');
    } else {
      throw badPatchType(directive, map);
    }
  }
  return replace ? { original: plain, patch: [] } : { original: remaining, patch: plain };
}

function deleteMatchingEntries(original: JsonValue[], mergeKey: string, value: JsonValue | undefined): JsonValue[] {
  let list = original;
  for (let found = findMapByKey(list, mergeKey, value); found !== undefined; found = findMapByKey(list, mergeKey, value)) {
    const index = found.index;
    list = list.filter((_, position) => position !== index);
  }
  return list;
}

/** deleteFromSlice: the scalars of `current` that are not in `toDelete`. */
export function deleteFromSlice(current: readonly JsonValue[], toDelete: readonly JsonValue[]): JsonValue[] {
  return current.filter((value) => !toDelete.some((gone) => goEqual(gone, value)));
}

/** deduplicateScalars, with Go's order-changing algorithm. */
export function deduplicateScalars(input: readonly JsonValue[]): JsonValue[] {
  const s = [...input];
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (goEqual(s[i], s[j])) {
        s[j] = s[length] as JsonValue;
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/** Splits `merged` into the items present in `partitionBy` and the server-only ones. */
export function partitionByPresence(
  merged: readonly JsonValue[],
  partitionBy: readonly JsonValue[],
  mergeKey: string,
): { patch: JsonValue[]; serverOnly: JsonValue[] } {
  const patch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const item of merged) {
    let present: boolean;
    if (mergeKey === '') {
      present = partitionBy.some((other) => goEqual(other, item));
    } else {
      if (!isGoMap(item)) throw badArgType('map[string]interface {}', item);
      if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) throw noMergeKey(item, mergeKey);
      present = findMapByKey(partitionBy, mergeKey, item[mergeKey]) !== undefined;
    }
    (present ? patch : serverOnly).push(item);
  }
  return { patch, serverOnly };
}

/** normalizeElementOrder: patch items by `patchOrder`, server-only by `serverOrder`, interleaved. */
export function normalizeElementOrder(
  patch: JsonValue[],
  serverOnly: JsonValue[],
  patchOrder: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string,
  kind: string,
): JsonValue[] {
  const sortedPatch = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const sortedServer = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(sortedServer, sortedPatch, serverOrder, mergeKey, kind);
}

function normalizeSliceOrder(toSort: JsonValue[], order: readonly JsonValue[], mergeKey: string, kind: string): JsonValue[] {
  let items = toSort;
  let toDelete: JsonValue[] = [];
  if (kind === 'map') {
    for (const item of [...items, ...order]) {
      if (!isGoMap(item)) throw badArgType('map[string]interface {}', item);
      if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
    toDelete = items.filter((item) => (item as GoMap)[directiveMarker] === 'delete');
    items = items.filter((item) => (item as GoMap)[directiveMarker] !== 'delete');
  }
  goSliceStable(items, (a, b) => {
    const ia = indexOf(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexOf(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...items, ...toDelete];
}

function mergeSortedSlice(
  left: readonly JsonValue[],
  right: readonly JsonValue[],
  serverOrder: readonly JsonValue[],
  mergeKey: string,
  kind: string,
): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++] as JsonValue);
    else if (j >= right.length) out.push(left[i++] as JsonValue);
    else {
      const li = indexOf(serverOrder, left[i] as JsonValue, mergeKey, kind);
      const ri = indexOf(serverOrder, right[j] as JsonValue, mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++] as JsonValue);
      else out.push(right[j++] as JsonValue);
    }
  }
  return out;
}

/** apimachinery's index(): position of the item (by merge key value for maps), or -1. */
function indexOf(list: readonly JsonValue[], item: JsonValue, mergeKey: string, kind: string): number {
  const valueOf = (value: JsonValue): JsonValue | undefined =>
    kind === 'map' ? (isGoMap(value) ? (value[mergeKey] ?? null) : null) : value;
  const wanted = valueOf(item);
  return list.findIndex((candidate) => goEqual(valueOf(candidate), wanted));
}

/**
 * The live list as apimachinery's mergePatchIntoOriginal sees it after merging a list of maps: Go
 * deletes `$patch: delete` elements with `append(s[:k], s[k+1:]...)` and appends new elements into
 * the same backing array while it has room (Velero deep-copies objects, so the capacity is the
 * length), and the ordering step then reads that array at its old length. Only the merge key
 * values matter there, so this replays those writes on a copy. Pure.
 */
export function aliasedServerOrder(original: readonly JsonValue[], patch: readonly JsonValue[], mergeKey: string): JsonValue[] {
  const backing = [...original];
  let length = backing.length;
  const keyOf = (item: JsonValue | undefined): JsonValue | undefined => (isGoMap(item) ? item[mergeKey] : undefined);
  const indexIn = (value: JsonValue | undefined): number =>
    backing
      .slice(0, length)
      .findIndex((item) => isGoMap(item) && Object.prototype.hasOwnProperty.call(item, mergeKey) && goEqual(item[mergeKey], value));
  let replace = false;
  for (const item of patch) {
    const directive = isGoMap(item) ? item[directiveMarker] : undefined;
    if (directive === 'replace') replace = true;
    if (directive !== 'delete') continue;
    for (let k = indexIn(keyOf(item)); k >= 0; k = indexIn(keyOf(item))) {
      backing.copyWithin(k, k + 1, length);
      length--;
    }
  }
  if (replace) return backing;
  for (const item of patch) {
    if (isGoMap(item) && Object.prototype.hasOwnProperty.call(item, directiveMarker)) continue;
    if (indexIn(keyOf(item)) >= 0) continue;
    if (length >= backing.length) break;
    backing[length++] = item;
  }
  return backing;
}
