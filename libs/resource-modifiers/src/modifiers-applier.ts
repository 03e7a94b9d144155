// Applying resource modifiers to one restored item (Velero's ApplyResourceModifierRules and
// ResourceModifierRule.applyPatch). Every rule's conditions are checked against the item as it
// came from the backup; the patches of matching rules apply one after the other to the result.
import { ModifierErrorCode, type ModifierError } from './errors';
import { isGoMap, type GoMap } from './go-values';
import type { JsonValue } from './json-pointer';
import { applyJsonPatchOperations } from './json-patcher';
import { applyMergePatches, type PatchStepResult } from './merge-patcher';
import type { ResourceModifierRule, ResourceModifiers } from './modifier-document';
import { compileConditions, type CompiledConditions, type MatchSubject } from './rule-matcher';
import { applyStrategicPatches } from './strategic-merge-patcher';

/** A Kubernetes object as a plain JSON object (apiVersion, kind, metadata, …). */
export type KubeObject = { [key: string]: JsonValue };

/** What {@link applyResourceModifiers} returns. */
export interface ApplyModifiersResult {
  /** The modified item: a new object when a patch applied, else the input object itself. */
  readonly item: KubeObject;
  /** One entry per failing rule, in rule order; Velero adds each to the restore's errors. */
  readonly errors: readonly ModifierError[];
}

const compiled = new WeakMap<ResourceModifiers, readonly CompiledConditions[]>();

/**
 * Applies `modifiers` (from {@link parseResourceModifiers}) to `item` exactly as Velero does right
 * before it creates the item: call it with the item as read from the backup after the restore item
 * actions ran and BEFORE the namespace mapping is applied to the object — rule `namespaces` match
 * the item's own `metadata.namespace` (the backed-up one), as in Velero. `groupResource` is the
 * item's resource and group as Velero prints it (`deployments.apps`, `pods`). A rule whose
 * conditions fail to evaluate, or whose patch fails, adds an error and leaves the item as it was
 * before that rule; a JSON patch whose `test` operation fails leaves it unchanged without an error.
 * The caller adds each error message to the restore's errors for the item's (target) namespace.
 * Pure: `item` is never modified; compiled conditions are cached per `modifiers` object.
 */
export function applyResourceModifiers(modifiers: ResourceModifiers, item: KubeObject, groupResource: string): ApplyModifiersResult {
  const conditions = compiledConditions(modifiers);
  const subject = subjectOf(item, groupResource);
  const errors: ModifierError[] = [];
  let current = item;
  for (const [ruleIndex, rule] of modifiers.resourceModifierRules.entries()) {
    const outcome = conditions[ruleIndex]?.(subject) ?? { kind: 'no-match' };
    if (outcome.kind === 'error') errors.push({ code: ModifierErrorCode.Match, message: outcome.message, ruleIndex });
    if (outcome.kind !== 'match') continue;
    const patched = applyRule(rule, current);
    if (patched.ok) current = patched.value;
    else errors.push({ code: ModifierErrorCode.Patch, message: patched.message, ruleIndex });
  }
  return { item: current, errors };
}

function compiledConditions(modifiers: ResourceModifiers): readonly CompiledConditions[] {
  let rules = compiled.get(modifiers);
  if (rules === undefined) {
    rules = modifiers.resourceModifierRules.map((rule) => compileConditions(rule.conditions));
    compiled.set(modifiers, rules);
  }
  return rules;
}

function subjectOf(item: KubeObject, groupResource: string): MatchSubject {
  const metadata = isGoMap(item['metadata']) ? item['metadata'] : {};
  const labels = isGoMap(metadata['labels']) ? (metadata['labels'] as Record<string, string>) : {};
  const text = (value: JsonValue | undefined): string => (typeof value === 'string' ? value : '');
  return { object: item, groupResource, namespace: text(metadata['namespace']), name: text(metadata['name']), labels };
}

/**
 * One rule's patches (Velero uses the first non-empty kind), then the unstructured decode. A patch
 * failure reads `error in applying patch …`; a rule without patches fails with Velero's bare
 * `no patch data found`.
 */
function applyRule(rule: ResourceModifierRule, item: KubeObject): PatchStepResult<KubeObject> {
  if (rule.patches.length + rule.mergePatches.length + rule.strategicPatches.length === 0) {
    return { ok: false, message: 'no patch data found' };
  }
  const patched = applyPatches(rule, item);
  return patched.ok ? patched : { ok: false, message: `error in applying patch ${patched.message}` };
}

function applyPatches(rule: ResourceModifierRule, item: KubeObject): PatchStepResult<KubeObject> {
  if (rule.patches.length > 0) {
    const outcome = applyJsonPatchOperations(item, rule.patches);
    if (outcome.kind === 'test-failed') return { ok: true, value: item };
    if (outcome.kind !== 'applied') return { ok: false, message: `error in applying JSON Patch ${outcome.message}` };
    return asObject(outcome.doc);
  }
  if (rule.mergePatches.length > 0) {
    const merged = applyMergePatches(item, rule.mergePatches);
    return merged.ok ? asObject(merged.value) : merged;
  }
  const merged = applyStrategicPatches(item, rule.strategicPatches);
  return merged.ok ? asObject(merged.value, 'error in applying Strategic Patch ') : merged;
}

/** unstructured.UnmarshalJSON's checks: an object with a `kind`. */
function asObject(value: JsonValue, prefix = 'error in unmarshalling modified object '): PatchStepResult<GoMap> {
  if (value !== null && !isGoMap(value)) {
    const jsonKind = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
    return { ok: false, message: `${prefix}json: cannot unmarshal ${jsonKind} into Go value of type map[string]interface {}` };
  }
  if (value === null || typeof value['kind'] !== 'string' || value['kind'] === '') {
    return { ok: false, message: `${prefix}Object 'Kind' is missing in '${JSON.stringify(value)}'` };
  }
  return { ok: true, value };
}
