// Velero's JSON Merge Patch (RFC 7396) step (json_merge_patch.go): each `patchData` (YAML or
// JSON) is converted as sigs.k8s.io/yaml.YAMLToJSON does and merged with json-merge-patch, one
// after the other, with evanphx/json-patch v5.9.11's (Velero's library) handling of everything
// that is not an object merged into an object.
import { apply as mergePatch } from 'json-merge-patch';
import type { JsonValue } from './json-pointer';
import type { PatchData } from './modifier-document';
import { loadYaml } from './yaml-loader';

/** Outcome of converting patch text or applying patches: the value, or Velero's message. */
export type PatchStepResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/**
 * sigs.k8s.io/yaml.YAMLToJSON: YAML 1.1 (JSON is YAML), first document only, duplicate keys
 * allowed (the last wins), keys as text; an empty text is JSON null. Errors read
 * `error in converting YAML to JSON yaml: line N: …` as in Velero. Pure.
 */
export function yamlPatchToJson(text: string): PatchStepResult<JsonValue> {
  const loaded = loadYaml(text, false);
  if (!loaded.ok) return { ok: false, message: `error in converting YAML to JSON ${loaded.message}` };
  return { ok: true, value: (loaded.doc?.toJS({ maxAliasCount: 100 }) ?? null) as JsonValue };
}

/**
 * Applies the merge patches in order to a copy of `doc` (Velero's JSONMergePatcher.Patch before
 * its final decode). The first failing patch ends it with Velero's message. Pure.
 */
export function applyMergePatches(doc: JsonValue, patches: readonly PatchData[]): PatchStepResult<JsonValue> {
  let current: JsonValue = structuredClone(doc);
  for (const patch of patches) {
    const converted = yamlPatchToJson(patch.patchData);
    if (!converted.ok) return converted;
    if (current === null) return { ok: false, message: 'error in applying JSON Patch: Invalid JSON Document' };
    current = mergeOne(current, converted.value);
  }
  return { ok: true, value: current };
}

/**
 * evanphx/json-patch v5.9's MergePatch: an object patch merges into an object document; any other
 * patch (a list, a scalar, null) is the result, and an object patch on a non-object replaces it —
 * nulls pruned as evanphx prunes them. Velero's decode afterwards rejects what is no object.
 */
function mergeOne(current: JsonValue, patch: JsonValue): JsonValue {
  const value = structuredClone(patch);
  if (!isObject(value) || !isObject(current)) {
    if (typeof value === 'object' && value !== null) pruneNulls(value);
    return value;
  }
  return mergePatch(current, pruneUnmatched(current, value)) as JsonValue;
}

/**
 * evanphx/json-patch drops the nulls of a patch value that meets no object in the document —
 * also inside objects that sit in lists, which json-merge-patch keeps (`tolerations: [{key: a,
 * value: null}]` on a spec without tolerations). Prunes those before the merge; mutates `patch`.
 */
function pruneUnmatched(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isObject(patch)) return patch;
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) continue;
    const current = isObject(target) ? target[key] : undefined;
    if (isObject(current)) {
      if (isObject(value)) pruneUnmatched(current, value);
    } else {
      pruneNulls(value);
    }
  }
  return patch;
}

function pruneNulls(value: JsonValue): void {
  if (Array.isArray(value)) {
    value.forEach((item) => item !== null && pruneNulls(item));
  } else if (isObject(value)) {
    for (const [key, entry] of Object.entries(value)) {
      if (entry === null) delete value[key];
      else pruneNulls(entry);
    }
  }
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
