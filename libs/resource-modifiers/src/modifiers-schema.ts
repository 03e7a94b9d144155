// Velero's Go types of the resource-modifiers document (internal/resourcemodifiers), as the strict
// decoder binds to them: the JSON names of their fields and Go's type names for error messages.
import type { GoSpec } from './strict-decoder';

const goString: GoSpec = { kind: 'string', go: 'string' };
const stringList: GoSpec = { kind: 'list', go: '[]string', elem: goString };

const labelSelectorRequirement: GoSpec = {
  kind: 'struct',
  go: 'v1.LabelSelectorRequirement',
  fields: { key: goString, operator: { kind: 'string', go: 'v1.LabelSelectorOperator' }, values: stringList },
};

const labelSelector: GoSpec = {
  kind: 'struct',
  go: 'v1.LabelSelector',
  fields: {
    matchLabels: { kind: 'map', go: 'map[string]string', elem: goString },
    matchExpressions: { kind: 'list', go: '[]v1.LabelSelectorRequirement', elem: labelSelectorRequirement },
  },
};

const matchRule: GoSpec = { kind: 'struct', go: 'resourcemodifiers.MatchRule', fields: { path: goString, value: goString } };

const conditions: GoSpec = {
  kind: 'struct',
  go: 'resourcemodifiers.Conditions',
  fields: {
    namespaces: stringList,
    groupResource: goString,
    resourceNameRegex: goString,
    labelSelector,
    matches: { kind: 'list', go: '[]resourcemodifiers.MatchRule', elem: matchRule },
  },
};

const jsonPatch: GoSpec = {
  kind: 'struct',
  go: 'resourcemodifiers.JSONPatch',
  fields: { operation: goString, from: goString, path: goString, value: goString },
};

const mergePatch: GoSpec = { kind: 'struct', go: 'resourcemodifiers.JSONMergePatch', fields: { patchData: goString } };
const strategicPatch: GoSpec = { kind: 'struct', go: 'resourcemodifiers.StrategicMergePatch', fields: { patchData: goString } };

const rule: GoSpec = {
  kind: 'struct',
  go: 'resourcemodifiers.ResourceModifierRule',
  fields: {
    conditions,
    patches: { kind: 'list', go: '[]resourcemodifiers.JSONPatch', elem: jsonPatch },
    mergePatches: { kind: 'list', go: '[]resourcemodifiers.JSONMergePatch', elem: mergePatch },
    strategicPatches: { kind: 'list', go: '[]resourcemodifiers.StrategicMergePatch', elem: strategicPatch },
  },
};

/** `resourcemodifiers.ResourceModifiers`: the document's root type. */
export const resourceModifiersSpec: GoSpec = {
  kind: 'struct',
  go: 'resourcemodifiers.ResourceModifiers',
  fields: {
    version: goString,
    resourceModifierRules: { kind: 'list', go: '[]resourcemodifiers.ResourceModifierRule', elem: rule },
  },
};
