// Velero's strategic merge patch step (strategic_merge_patch.go): the item's kind must be in
// Velero's server scheme (else the scheme's "no kind … is registered" error), then each
// `patchData` (YAML or JSON) is merged in turn by apimachinery's rules with the kind's struct tags.
// Limits (documented in the README): unknown fields merge like untagged ones instead of failing
// with "unable to find api field", and numbers are JavaScript doubles.
import { StrategicMergeError } from './errors';
import { isGoMap, type GoMap } from './go-values';
import type { JsonValue } from './json-pointer';
import { yamlPatchToJson, type PatchStepResult } from './merge-patcher';
import type { PatchData } from './modifier-document';
import { registeredKinds, rootStructOf, schemaOf } from './patch-meta-table';
import { mergeMap } from './strategic-merge';

/** Where Velero's server creates its scheme (apimachinery names a scheme by that call site). */
const schemeName = 'github.com/vmware-tanzu/velero/pkg/cmd/server/server.go:233';

/**
 * Applies the strategic merge patches in order to a copy of `doc`. Failures carry Velero's text:
 * the scheme error alone, or `error in converting YAML to JSON …` / `error in applying Strategic
 * Patch …`. Pure.
 */
export function applyStrategicPatches(doc: GoMap, patches: readonly PatchData[]): PatchStepResult<GoMap> {
  const apiVersion = typeof doc['apiVersion'] === 'string' ? doc['apiVersion'] : '';
  const kind = typeof doc['kind'] === 'string' ? doc['kind'] : '';
  if (!(registeredKinds[apiVersion] ?? []).includes(kind)) {
    const message =
      kind === ''
        ? `no version "${apiVersion}" has been registered in scheme "${schemeName}"`
        : `no kind "${kind}" is registered for version "${apiVersion}" in scheme "${schemeName}"`;
    return { ok: false, message };
  }
  let current: GoMap = structuredClone(doc);
  for (const patch of patches) {
    const converted = yamlPatchToJson(patch.patchData);
    if (!converted.ok) return converted;
    const merged = mergeOne(current, converted.value, kind);
    if (!merged.ok) return { ok: false, message: `error in applying Strategic Patch ${merged.message}` };
    current = merged.value;
  }
  return { ok: true, value: current };
}

function mergeOne(doc: GoMap, patch: JsonValue, kind: string): PatchStepResult<GoMap> {
  if (patch === null) return { ok: true, value: doc };
  if (!isGoMap(patch)) {
    const jsonKind = Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch === 'number' ? 'number' : 'string';
    return { ok: false, message: `json: cannot unmarshal ${jsonKind} into Go value of type map[string]interface {}` };
  }
  try {
    return { ok: true, value: mergeMap(structuredClone(doc), patch, schemaOf(rootStructOf(kind))) };
  } catch (error) {
    if (error instanceof StrategicMergeError) return { ok: false, message: error.message };
    throw error;
  }
}
