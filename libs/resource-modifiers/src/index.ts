// Public entry of @ferry/resource-modifiers: Velero's restore resource modifiers
// (`spec.resourceModifier` ConfigMap, `version: v1`) — loading and validating the document, and
// applying its JSON Patch, JSON Merge Patch and strategic merge patch rules to one item. Pure.

export {
  parseResourceModifiers,
  modifiersConfigMapNotFoundMessage,
  type ModifiersConfigMap,
  type ParseModifiersResult,
} from './modifiers-parser';
export {
  chooseModifierSource,
  defaultModifiersWarning,
  type ModifierSource,
  type ModifierSpecFields,
  type ModifierReference,
} from './modifiers-source';
export { applyResourceModifiers, type ApplyModifiersResult, type KubeObject } from './modifiers-applier';
export { ModifiersProblemCode, ModifierErrorCode, type ModifierError } from './errors';
export type {
  ResourceModifiers,
  ResourceModifierRule,
  ModifierConditions,
  ModifierLabelSelector,
  LabelSelectorRequirement,
  MatchRule,
  JsonPatchOperation,
  PatchData,
} from './modifier-document';
export type { JsonValue } from './json-pointer';
