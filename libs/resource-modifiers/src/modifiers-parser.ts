// Loading a Restore's `spec.resourceModifier` ConfigMap as Velero's restore controller does
// (validateAndComplete → GetResourceModifiersFromConfig → Validate), with the exact validation
// error texts Velero appends to `status.validationErrors`.
import { ModifiersProblemCode } from './errors';
import type {
  JsonPatchOperation,
  MatchRule,
  ModifierConditions,
  ModifierLabelSelector,
  PatchData,
  ResourceModifierRule,
  ResourceModifiers,
} from './modifier-document';
import { resourceModifiersSpec } from './modifiers-schema';
import { validateResourceModifiers } from './modifiers-validator';
import { decodeStrict } from './strict-decoder';

/** The ConfigMap fields the loader reads. */
export interface ModifiersConfigMap {
  readonly namespace: string;
  readonly name: string;
  /** `data`; `binaryData` is not read (Velero counts `data` keys only). */
  readonly data?: Readonly<Record<string, string>> | null;
}

/** Outcome of {@link parseResourceModifiers}. */
export type ParseModifiersResult =
  | { readonly ok: true; readonly modifiers: ResourceModifiers }
  | {
      readonly ok: false;
      readonly code: ModifiersProblemCode;
      /** The text Velero appends to the Restore's `status.validationErrors`. */
      readonly message: string;
      /** Velero's error without the ConfigMap prefix (for the default ConfigMap's warning). */
      readonly detail: string;
    };

/** Velero's validation error when the referenced ConfigMap cannot be read (absent, forbidden…). */
export function modifiersConfigMapNotFoundMessage(namespace: string, name: string): string {
  return `failed to get resource modifiers configmap ${namespace}/${name}`;
}

/**
 * Reads the single data key of the ConfigMap, decodes it strictly (YAML or JSON) and validates
 * it. On failure `message` is the exact text Velero appends to the Restore's
 * `status.validationErrors` (`Error in parsing resource modifiers provided in configmap ns/name:
 * …` or `Validation error in resource modifiers provided in configmap ns/name: …`). Pure; never
 * throws.
 */
export function parseResourceModifiers(configMap: ModifiersConfigMap): ParseModifiersResult {
  const where = `${configMap.namespace}/${configMap.name}`;
  const parsing = `Error in parsing resource modifiers provided in configmap ${where}`;
  const values = Object.values(configMap.data ?? {});
  const text = values[0];
  if (values.length !== 1 || text === undefined) {
    const detail = `illegal resource modifiers ${where} configmap`;
    return { ok: false, code: ModifiersProblemCode.ConfigMapShape, message: `${parsing}: ${detail}`, detail };
  }
  const decoded = decodeStrict(text, resourceModifiersSpec);
  if (!decoded.ok) {
    const detail = `failed to decode yaml data into resource modifiers, err: ${decoded.message}`;
    return { ok: false, code: ModifiersProblemCode.Decode, message: `${parsing}: ${detail}`, detail };
  }
  const modifiers = toModifiers(decoded.value);
  const problem = validateResourceModifiers(modifiers);
  if (problem !== undefined) {
    return {
      ok: false,
      code: ModifiersProblemCode.Invalid,
      message: `Validation error in resource modifiers provided in configmap ${where}: ${problem}`,
      detail: problem,
    };
  }
  return { ok: true, modifiers };
}

type Raw = Readonly<Record<string, unknown>>;

function toModifiers(value: unknown): ResourceModifiers {
  const raw = asRaw(value);
  return { version: text(raw['version']), resourceModifierRules: list(raw['resourceModifierRules']).map(toRule) };
}

function toRule(value: unknown): ResourceModifierRule {
  const raw = asRaw(value);
  return {
    conditions: toConditions(raw['conditions']),
    patches: list(raw['patches']).map(toJsonPatch),
    mergePatches: list(raw['mergePatches']).map(toPatchData),
    strategicPatches: list(raw['strategicPatches']).map(toPatchData),
  };
}

function toConditions(value: unknown): ModifierConditions {
  const raw = asRaw(value);
  const selector = raw['labelSelector'];
  return {
    groupResource: text(raw['groupResource']),
    namespaces: list(raw['namespaces']).map(text),
    resourceNameRegex: text(raw['resourceNameRegex']),
    ...(selector === undefined ? {} : { labelSelector: selector as ModifierLabelSelector }),
    matches: list(raw['matches']).map((entry): MatchRule => ({ path: text(asRaw(entry)['path']), value: text(asRaw(entry)['value']) })),
  };
}

function toJsonPatch(value: unknown): JsonPatchOperation {
  const raw = asRaw(value);
  return { operation: text(raw['operation']), from: text(raw['from']), path: text(raw['path']), value: text(raw['value']) };
}

function toPatchData(value: unknown): PatchData {
  return { patchData: text(asRaw(value)['patchData']) };
}

function asRaw(value: unknown): Raw {
  return typeof value === 'object' && value !== null ? (value as Raw) : {};
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
