// Ported from k8s.io/apimachinery pkg/util/strategicpatch/patch.go: StrategicMergeMapPatch as the
// API server (and Velero) applies it — MergeParallelList and IgnoreUnmatchedNulls on — with
// `$patch` (replace/delete), `$retainKeys`, `$setElementOrder/<list>` and
// `$deleteFromPrimitiveList/<list>` directives and apimachinery's error texts. The per-field
// strategies come from a {@link PatchSchema}. Mutates its arguments, as the Go code does.
import { StrategicMergeError } from './errors';
import { goTypeName } from '@ferry/kube-values';
import { goEqual, goFormat, isGoMap, type GoMap } from './go-values';
import type { JsonValue } from './json-pointer';
import type { PatchSchema } from './patch-meta-table';
import {
  aliasedServerOrder,
  badArgType,
  badPatchType,
  deduplicateScalars,
  deleteFromSlice,
  directiveMarker,
  findMapByKey,
  mergeSpecialElements,
  noMergeKey,
  normalizeElementOrder,
  partitionByPresence,
  sliceElementKind,
} from './strategic-merge-lists';

const retainKeysDirective = '$retainKeys';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList';
const setElementOrderPrefix = '$setElementOrder';

/**
 * Merges `patch` into `original` (both modified) and returns the result. Throws
 * {@link StrategicMergeError} with apimachinery's message when the patch is malformed.
 */
export function mergeMap(original: GoMap | null, patch: GoMap, schema: PatchSchema): GoMap {
  if (Object.prototype.hasOwnProperty.call(patch, directiveMarker)) return directiveInMap(patch[directiveMarker], patch);
  const target = original ?? {};
  applyRetainKeys(target, patch);
  mergeElementOrderLists(target, patch, schema);
  // Go ranges over the patch map in an unspecified order; the patch went through YAMLToJSON, which
  // writes keys sorted, and small Go maps mostly iterate in insertion order — so sorted order.
  for (const patchKey of Object.keys(patch).sort()) {
    const patchValue = patch[patchKey] as JsonValue;
    const isDeleteList = patchKey.startsWith(deleteFromPrimitiveListPrefix);
    const key = isDeleteList ? extractKey(patchKey, deleteFromPrimitiveListPrefix) : patchKey;
    if (patchValue === null) {
      delete target[key];
      continue;
    }
    const present = Object.prototype.hasOwnProperty.call(target, key);
    if (!present || goTypeName(target[key]) !== goTypeName(patchValue)) {
      if (!isDeleteList) takePatchValue(target, key, patchValue, true);
      continue;
    }
    const current = target[key] as JsonValue;
    if (isGoMap(current)) {
      const { schema: sub, meta } = schema.lookupStruct(key);
      const strategy = otherStrategy(meta.strategies);
      target[key] = strategy === 'replace' ? patchValue : mergeMap(current, patchValue as GoMap, sub);
    } else if (Array.isArray(current)) {
      const { schema: sub, meta } = schema.lookupSlice(key);
      target[key] = mergeSliceHandler(current, patchValue as JsonValue[], sub, otherStrategy(meta.strategies), meta.mergeKey, isDeleteList);
    } else {
      takePatchValue(target, key, patchValue, false);
    }
  }
  return target;
}

/** The patch value without nulls (for new keys) and directives; a directive alone removes the key. */
function takePatchValue(target: GoMap, key: string, value: JsonValue, discardNulls: boolean): void {
  if (discardNulls) discardNullValues(value);
  const { value: cleaned, keep } = removeDirectives(value);
  if (keep) target[key] = cleaned;
  else delete target[key];
}

function directiveInMap(directive: JsonValue | undefined, patch: GoMap): GoMap {
  if (directive === 'replace') {
    delete patch[directiveMarker];
    return patch;
  }
  if (directive === 'delete') return {};
  throw badPatchType(directive, patch);
}

function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash === -1 || key.slice(0, slash) !== prefix) {
    throw new StrategicMergeError(
      prefix === deleteFromPrimitiveListPrefix ? 'invalid patch format of primitive list' : 'invalid patch format of setElementOrder list',
    );
  }
  return key.slice(slash + 1);
}

/** extractRetainKeysPatchStrategy: the strategy other than retainKeys. */
function otherStrategy(strategies: readonly string[]): string {
  const others = strategies.filter((strategy) => strategy !== 'retainKeys');
  if (strategies.length > 2 || (strategies.length === 2 && others.length !== 1)) {
    throw new StrategicMergeError(`unexpected patch strategy: [${strategies.join(' ')}]`);
  }
  return others[0] ?? '';
}

function applyRetainKeys(original: GoMap, patch: GoMap): void {
  if (!Object.prototype.hasOwnProperty.call(patch, retainKeysDirective)) return;
  const retained = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!Array.isArray(retained)) throw new StrategicMergeError('invalid patch format of retainKeys');
  const kept = (key: string): boolean => retained.some((entry) => goEqual(entry, key));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(deleteFromPrimitiveListPrefix) || key.startsWith(setElementOrderPrefix)) continue;
    if (!kept(key)) throw new StrategicMergeError('invalid patch format of retainKeys');
  }
  for (const key of Object.keys(original)) {
    if (!kept(key)) delete original[key];
  }
}

/** mergePatchIntoOriginal: each `$setElementOrder/<list>` with its list, merged and ordered. */
function mergeElementOrderLists(original: GoMap, patch: GoMap, schema: PatchSchema): void {
  for (const key of Object.keys(patch).sort()) {
    if (!key.startsWith(setElementOrderPrefix) || !Object.prototype.hasOwnProperty.call(patch, key)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType('[]interface {}', order);
    const listKey = extractKey(key, setElementOrderPrefix);
    const originalList = listAt(original, listKey);
    const patchList = listAt(patch, listKey);
    const { schema: sub, meta } = schema.lookupSlice(listKey);
    const strategy = otherStrategy(meta.strategies);
    validateAgainstOrder(patchList ?? [], order, meta.mergeKey);
    let merged: JsonValue[];
    if (originalList !== undefined && patchList === undefined) merged = originalList;
    else if (originalList === undefined && patchList !== undefined) merged = removeDirectives(patchList).value as JsonValue[];
    else if (originalList !== undefined && patchList !== undefined)
      merged = mergeSliceHandler(originalList, patchList, sub, strategy, meta.mergeKey, false);
    else continue;
    const parts = partitionByPresence(merged, order, meta.mergeKey);
    const serverOrder = liveListAfterMerge(originalList, patchList, strategy, meta.mergeKey);
    const kind = sliceElementKind(serverOrder, patchList ?? []);
    original[listKey] = normalizeElementOrder(parts.patch, parts.serverOnly, order, serverOrder, meta.mergeKey, kind);
    delete patch[listKey];
  }
}

/** The original list as Go's aliasing leaves it after a merge of maps by key (see aliasedServerOrder). */
function liveListAfterMerge(
  originalList: JsonValue[] | undefined,
  patchList: JsonValue[] | undefined,
  strategy: string,
  mergeKey: string,
): JsonValue[] {
  if (originalList === undefined || patchList === undefined || strategy !== 'merge' || mergeKey === '') return originalList ?? [];
  if (sliceElementKind(originalList, patchList) !== 'map') return originalList;
  return aliasedServerOrder(originalList, patchList, mergeKey);
}

function listAt(map: GoMap, key: string): JsonValue[] | undefined {
  if (!Object.prototype.hasOwnProperty.call(map, key)) return undefined;
  const value = map[key];
  if (!Array.isArray(value)) throw badArgType('[]interface {}', value);
  return value;
}

/** validatePatchWithSetOrderList: the patch list's items appear in the order list, in its order. */
function validateAgainstOrder(patchList: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey === '' ? patchList : patchList.filter((item) => deleteDirectiveItem(item) === false);
  let patchIndex = 0;
  let orderIndex = 0;
  while (patchIndex < nonDelete.length && orderIndex < order.length) {
    const item = nonDelete[patchIndex] as JsonValue;
    if (isGoMap(item) && Object.prototype.hasOwnProperty.call(item, directiveMarker)) {
      patchIndex++;
      continue;
    }
    if (mergeKeyValueEqual(item, order[orderIndex] as JsonValue, mergeKey)) patchIndex++;
    orderIndex++;
  }
  if (patchIndex < nonDelete.length && orderIndex >= order.length) {
    throw new StrategicMergeError(
      `The order in patch list:\n${goFormat([...patchList])}\n doesn't match ${setElementOrderPrefix} list:\n${goFormat([...order])}\n`,
    );
  }
}

function deleteDirectiveItem(item: JsonValue): boolean {
  if (!isGoMap(item)) throw badArgType('map[string]interface {}', item);
  return item[directiveMarker] === 'delete';
}

function mergeKeyValueEqual(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (mergeKey === '') return goEqual(left, right);
  if (!isGoMap(left)) throw badArgType('map[string]interface {}', left);
  if (!isGoMap(right)) throw badArgType('map[string]interface {}', right);
  if (!Object.prototype.hasOwnProperty.call(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!Object.prototype.hasOwnProperty.call(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return goEqual(left[mergeKey], right[mergeKey]);
}

function mergeSliceHandler(
  original: JsonValue[],
  patch: JsonValue[],
  schema: PatchSchema,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
): JsonValue[] {
  if (strategy !== 'merge' && !isDeleteList) return patch;
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: JsonValue[];
  let base = original;
  let patchItems = patch;
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    merged = deduplicateScalars([...original, ...patch]);
  } else {
    if (mergeKey === '') throw new StrategicMergeError(`cannot merge lists without merge key for ${schema.name()}`);
    ({ original: base, patch: patchItems } = mergeSpecialElements(original, patch, mergeKey));
    merged = mergeByKey(base, patchItems, mergeKey, schema);
  }
  const parts = partitionByPresence(merged, patchItems, mergeKey);
  return normalizeElementOrder(parts.patch, parts.serverOnly, patchItems, base, mergeKey, kind);
}

/** mergeSliceWithoutSpecialElements: elements with the same merge key value merge; others append. */
function mergeByKey(original: readonly JsonValue[], patch: readonly JsonValue[], mergeKey: string, schema: PatchSchema): JsonValue[] {
  const result = [...original];
  for (const item of patch) {
    const map = item as GoMap;
    if (!Object.prototype.hasOwnProperty.call(map, mergeKey)) throw noMergeKey(map, mergeKey);
    const found = findMapByKey(result, mergeKey, map[mergeKey]);
    if (found === undefined) result.push(item);
    else result[found.index] = mergeMap(found.map, map, schema);
  }
  return result;
}

function discardNullValues(value: JsonValue): void {
  if (Array.isArray(value)) {
    value.forEach(discardNullValues);
  } else if (isGoMap(value)) {
    for (const [key, entry] of Object.entries(value)) {
      if (entry === null) delete value[key];
      else discardNullValues(entry);
    }
  }
}

/** removeDirectives: drops maps carrying `$patch` (and the keys holding them). */
function removeDirectives(value: JsonValue): { value: JsonValue; keep: boolean } {
  if (Array.isArray(value)) {
    return {
      value: value
        .map(removeDirectives)
        .filter((entry) => entry.keep)
        .map((entry) => entry.value),
      keep: true,
    };
  }
  if (!isGoMap(value)) return { value, keep: true };
  if (Object.prototype.hasOwnProperty.call(value, directiveMarker)) return { value: null, keep: false };
  for (const [key, entry] of Object.entries(value)) {
    const cleaned = removeDirectives(entry);
    if (cleaned.keep) value[key] = cleaned.value;
    else delete value[key];
  }
  return { value, keep: true };
}
