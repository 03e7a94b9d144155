import type { JsonPatchOperation, ResourceModifierRule, ResourceModifiers } from './modifier-document';
import { validateResourceModifiers } from './modifiers-validator';

function jsonPatch(operation: string, path: string, value = ''): JsonPatchOperation {
  return { operation, from: '', path, value };
}

type RuleOverrides = Partial<Omit<ResourceModifierRule, 'conditions'>> & { conditions?: Partial<ResourceModifierRule['conditions']> };

function ruleWith(overrides: RuleOverrides = {}): ResourceModifierRule {
  return {
    patches: [jsonPatch('replace', '/spec/storageClassName', 'premium')],
    mergePatches: [],
    strategicPatches: [],
    ...overrides,
    conditions: {
      groupResource: 'persistentvolumeclaims',
      resourceNameRegex: '.*',
      namespaces: ['bar', 'foo'],
      matches: [],
      ...overrides.conditions,
    },
  };
}

function doc(version: string, ...rules: ResourceModifierRule[]): ResourceModifiers {
  return { version, resourceModifierRules: rules };
}

// Velero's TestResourceModifiers_Validate and TestJsonPatch_Validate, with the messages.
describe('resource modifiers - validation (Velero table)', () => {
  it.each<[string, ResourceModifiers, string | undefined]>([
    ['correct version, non 0 length ResourceModifierRules', doc('v1', ruleWith()), undefined],
    ['version compared case-insensitively', doc('V1', ruleWith()), undefined],
    ['incorrect version, non 0 length ResourceModifierRules', doc('v2', ruleWith()), 'unsupported resource modifier version v2'],
    ['correct version, 0 length ResourceModifierRules', doc('v1'), 'resource modifier rules cannot be empty'],
    [
      'patch has invalid operation',
      doc('v1', ruleWith({ patches: [jsonPatch('invalid', '/spec/storageClassName')] })),
      'unsupported operation invalid',
    ],
    ['Condition has empty GroupResource', doc('v1', ruleWith({ conditions: { groupResource: '' } })), 'groupkResource cannot be empty'],
    [
      'More than one patch type in a rule',
      doc('v1', ruleWith({ conditions: { groupResource: '*' }, mergePatches: [{ patchData: '{"metadata":{"labels":{"a":null}}}' }] })),
      'only one of patches, mergePatches, strategicPatches can be specified',
    ],
    [
      'empty operation throws error',
      doc('v1', ruleWith({ patches: [jsonPatch('', '/spec/storageClassName')] })),
      'operation cannot be empty',
    ],
    ['empty path throws error', doc('v1', ruleWith({ patches: [jsonPatch('replace', '')] })), 'path cannot be empty'],
    [
      'operation in capitals passes validation (Velero lower-cases it here)',
      doc('v1', ruleWith({ patches: [jsonPatch('Replace', '/a')] })),
      undefined,
    ],
    ['a rule without patches is valid (it only matches)', doc('v1', ruleWith({ patches: [] })), undefined],
  ])('%s', (_name, modifiers, expected) => {
    expect(validateResourceModifiers(modifiers)).toBe(expected);
  });
});

// Ferry rejects up front what Velero only reports item by item during the restore.
describe('resource modifiers - patterns checked when loading', () => {
  it.each<[string, Partial<ResourceModifierRule['conditions']>, string]>([
    [
      'invalid regex (Velero: "Invalid Regex throws error" on every item in scope)',
      { resourceNameRegex: '[a-z' },
      'resourceModifierRules[0].conditions.resourceNameRegex "[a-z" is not a valid regular expression: error parsing regexp: missing closing ]: `[a-z`',
    ],
    [
      'back-reference RE2 does not support',
      { resourceNameRegex: '(a)\\1' },
      'resourceModifierRules[0].conditions.resourceNameRegex "(a)\\\\1" is not a valid regular expression: error parsing regexp: invalid escape sequence: `\\1`',
    ],
    [
      'look-ahead RE2 does not support',
      { resourceNameRegex: 'a(?=b)' },
      'resourceModifierRules[0].conditions.resourceNameRegex "a(?=b)" is not a valid regular expression: error parsing regexp: invalid or unsupported Perl syntax: `(?=`',
    ],
    [
      'bad groupResource glob',
      { groupResource: 'pods[' },
      'resourceModifierRules[0].conditions.groupResource "pods[" is not a valid glob: unexpected end of input',
    ],
    [
      'invalid label selector',
      { labelSelector: { matchExpressions: [{ key: 'a', operator: 'In' }] } },
      "resourceModifierRules[0].conditions.labelSelector is invalid: values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty",
    ],
  ])('%s', (_name, conditions, expected) => {
    expect(validateResourceModifiers(doc('v1', ruleWith({ conditions })))).toBe(expected);
  });
});
