// The resource-modifiers document (Velero internal/resourcemodifiers, `version: v1`) as decoded
// values. Field names are the document's keys; absent optional strings are Go's zero value ''.

/** One `matches` entry: the value at a JSON pointer `path` must equal `value` (a JSON patch test). */
export interface MatchRule {
  readonly path: string;
  readonly value: string;
}

/** One `matchExpressions` entry of a label selector. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: string;
  readonly values?: string[];
}

/** A rule's `conditions.labelSelector` (metav1.LabelSelector). */
export interface ModifierLabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: LabelSelectorRequirement[];
}

/** A rule's `conditions`. `groupResource` is a glob over `resource.group` with `.` as separator. */
export interface ModifierConditions {
  readonly groupResource: string;
  readonly namespaces: readonly string[];
  readonly resourceNameRegex: string;
  readonly labelSelector?: ModifierLabelSelector;
  readonly matches: readonly MatchRule[];
}

/**
 * One JSON Patch operation as the document spells it: `value` is text that Velero splices into the
 * JSON operation (quoted unless it reads as null, a boolean, a number, an object or an array).
 */
export interface JsonPatchOperation {
  readonly operation: string;
  readonly from: string;
  readonly path: string;
  readonly value: string;
}

/** A merge patch or strategic merge patch: YAML or JSON text. */
export interface PatchData {
  readonly patchData: string;
}

/** One rule: conditions and exactly one non-empty kind of patch list. */
export interface ResourceModifierRule {
  readonly conditions: ModifierConditions;
  readonly patches: readonly JsonPatchOperation[];
  readonly mergePatches: readonly PatchData[];
  readonly strategicPatches: readonly PatchData[];
}

/** A decoded and validated resource-modifiers document. */
export interface ResourceModifiers {
  readonly version: string;
  readonly resourceModifierRules: readonly ResourceModifierRule[];
}
