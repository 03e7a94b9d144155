// Velero's ResourceModifiers.Validate (resource_modifiers_validator.go), same order and messages,
// followed by Ferry's up-front checks of what Velero only finds item by item during the restore
// (a groupResource glob, a resourceNameRegex or a label selector that cannot compile — in Velero
// each item in scope then gets a restore error; Ferry rejects the Restore instead).
import { labelSelectorError } from '@ferry/kube-values';
import { compileGlob } from './glob-matcher';
import { compileGoRegexp } from './go-regexp';
import type { JsonPatchOperation, ResourceModifierRule, ResourceModifiers } from './modifier-document';

const supportedVersion = 'v1';
const operations = new Set(['add', 'remove', 'replace', 'test', 'move', 'copy']);

/**
 * The first problem of a decoded document, or `undefined` when it is valid: Velero's checks
 * (`unsupported resource modifier version X`, `resource modifier rules cannot be empty`,
 * `groupkResource cannot be empty` [sic], `only one of patches, mergePatches, strategicPatches can
 * be specified`, `operation cannot be empty`, `unsupported operation X`, `path cannot be empty`),
 * then the pattern checks, each naming the rule. Pure.
 */
export function validateResourceModifiers(modifiers: ResourceModifiers): string | undefined {
  if (modifiers.version.toLowerCase() !== supportedVersion) return `unsupported resource modifier version ${modifiers.version}`;
  if (modifiers.resourceModifierRules.length === 0) return 'resource modifier rules cannot be empty';
  for (const rule of modifiers.resourceModifierRules) {
    const problem = veleroRuleProblem(rule);
    if (problem !== undefined) return problem;
  }
  for (const [index, rule] of modifiers.resourceModifierRules.entries()) {
    const problem = patternProblem(rule);
    if (problem !== undefined) return `resourceModifierRules[${index}].conditions.${problem}`;
  }
  return undefined;
}

function veleroRuleProblem(rule: ResourceModifierRule): string | undefined {
  if (rule.conditions.groupResource === '') return 'groupkResource cannot be empty';
  const kinds = [rule.patches, rule.mergePatches, rule.strategicPatches].filter((list) => list.length > 0).length;
  if (kinds >= 2) return 'only one of patches, mergePatches, strategicPatches can be specified';
  for (const patch of rule.patches) {
    const problem = operationProblem(patch);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function operationProblem(patch: JsonPatchOperation): string | undefined {
  if (patch.operation === '') return 'operation cannot be empty';
  if (!operations.has(patch.operation.toLowerCase())) return `unsupported operation ${patch.operation}`;
  if (patch.path === '') return 'path cannot be empty';
  return undefined;
}

function patternProblem(rule: ResourceModifierRule): string | undefined {
  const { groupResource, resourceNameRegex, labelSelector } = rule.conditions;
  const glob = compileGlob(groupResource, '.');
  if (!glob.ok) return `groupResource ${JSON.stringify(groupResource)} is not a valid glob: ${glob.message}`;
  if (resourceNameRegex !== '') {
    const regexp = compileGoRegexp(resourceNameRegex);
    if (!regexp.ok) return `resourceNameRegex ${JSON.stringify(resourceNameRegex)} is not a valid regular expression: ${regexp.message}`;
  }
  const selectorProblem = labelSelectorError(labelSelector);
  if (selectorProblem !== undefined) return `labelSelector is invalid: ${selectorProblem}`;
  return undefined;
}
