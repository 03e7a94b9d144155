// Stable codes of the resource-modifiers lib. Parsing and applying never throw for bad input: they
// return outcomes carrying these codes with Velero's messages. Nothing here is retryable — the same
// ConfigMap and the same item give the same answer until someone changes them.
import { FerryError } from '@ferry/errors';

/** Why a resource-modifiers ConfigMap was rejected (the Restore fails validation with the message). */
export const ModifiersProblemCode = {
  /** The ConfigMap has no data key or more than one (Velero reads exactly one). */
  ConfigMapShape: 'RESOURCE_MODIFIERS_CONFIGMAP_SHAPE',
  /** The document is not YAML/JSON, has an unknown key, or a value of the wrong type. */
  Decode: 'RESOURCE_MODIFIERS_DECODE',
  /** The document decodes but breaks a rule (version, empty rules, patch kinds, operations, patterns). */
  Invalid: 'RESOURCE_MODIFIERS_INVALID',
} as const;
/** One of {@link ModifiersProblemCode}. */
export type ModifiersProblemCode = (typeof ModifiersProblemCode)[keyof typeof ModifiersProblemCode];

/** Why applying the modifiers to one item produced a restore error for that item. */
export const ModifierErrorCode = {
  /** A rule's conditions could not be evaluated (a `matches` entry without a path, a bad value). */
  Match: 'RESOURCE_MODIFIER_MATCH',
  /** A matching rule's patch could not be applied; the item keeps its state from before that rule. */
  Patch: 'RESOURCE_MODIFIER_PATCH',
} as const;
/** One of {@link ModifierErrorCode}. */
export type ModifierErrorCode = (typeof ModifierErrorCode)[keyof typeof ModifierErrorCode];

/** One per-item error, as Velero adds it to the restore's errors for the item's namespace. */
export interface ModifierError {
  readonly code: ModifierErrorCode;
  /** Velero's message (e.g. `error in applying patch error in applying JSON Patch ...`). */
  readonly message: string;
  /** 0-based index of the rule in `resourceModifierRules`. */
  readonly ruleIndex: number;
}

/**
 * A strategic merge patch that apimachinery's strategicpatch rejects; `message` is its error text.
 * Thrown inside the strategic-merge port only and turned into a {@link ModifierError} at its
 * boundary.
 */
export class StrategicMergeError extends FerryError<typeof ModifierErrorCode.Patch> {
  constructor(message: string) {
    super(ModifierErrorCode.Patch, message, { retryable: false });
  }
}
