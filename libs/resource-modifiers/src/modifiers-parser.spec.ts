import { ModifiersProblemCode } from './errors';
import { parseResourceModifiers } from './modifiers-parser';

const where = 'test-namespace/test-configmap';
const parsingPrefix = `Error in parsing resource modifiers provided in configmap ${where}: `;
const validationPrefix = `Validation error in resource modifiers provided in configmap ${where}: `;
const decodePrefix = `${parsingPrefix}failed to decode yaml data into resource modifiers, err: `;

function parse(text: string) {
  return parseResourceModifiers({ namespace: 'test-namespace', name: 'test-configmap', data: { 'sub.yml': text } });
}

const rule = (conditions: Record<string, unknown>, patches: Record<string, unknown> = {}) => ({
  conditions: { namespaces: [], resourceNameRegex: '', matches: [], ...conditions },
  patches: [],
  mergePatches: [],
  strategicPatches: [],
  ...patches,
});

// Velero's TestGetResourceModifiersFromConfig (cm1…cm10), each asserting the decoded document.
describe('resource modifiers - loading the ConfigMap (Velero table)', () => {
  it.each<[string, string, unknown]>([
    [
      'test 1',
      'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: persistentvolumeclaims\n    resourceNameRegex: ".*"\n    namespaces:\n    - bar\n    - foo\n  patches:\n  - operation: replace\n    path: "/spec/storageClassName"\n    value: "premium"\n  - operation: remove\n    path: "/metadata/labels/test"\n\n\n',
      rule(
        { groupResource: 'persistentvolumeclaims', resourceNameRegex: '.*', namespaces: ['bar', 'foo'] },
        {
          patches: [
            { operation: 'replace', from: '', path: '/spec/storageClassName', value: 'premium' },
            { operation: 'remove', from: '', path: '/metadata/labels/test', value: '' },
          ],
        },
      ),
    ],
    [
      'complex payload in add and copy operator',
      'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: deployments.apps\n    resourceNameRegex: "^test-.*$"\n    namespaces:\n    - bar\n    - foo\n  patches:\n  - operation: add\n    path: "/spec/template/spec/containers/0"\n    value: "{\\"name\\": \\"nginx\\", \\"image\\": \\"nginx:1.14.2\\", \\"ports\\": [{\\"containerPort\\": 80}]}"\n  - operation: copy\n    from: "/spec/template/spec/containers/0"\n    path: "/spec/template/spec/containers/1"\n',
      rule(
        { groupResource: 'deployments.apps', resourceNameRegex: '^test-.*$', namespaces: ['bar', 'foo'] },
        {
          patches: [
            {
              operation: 'add',
              from: '',
              path: '/spec/template/spec/containers/0',
              value: '{"name": "nginx", "image": "nginx:1.14.2", "ports": [{"containerPort": 80}]}',
            },
            { operation: 'copy', from: '/spec/template/spec/containers/0', path: '/spec/template/spec/containers/1', value: '' },
          ],
        },
      ),
    ],
    [
      'complex yaml data with json merge patch',
      'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: pods\n    namespaces:\n    - ns1\n    matches:\n    - path: /metadata/annotations/foo\n      value: bar\n  mergePatches:\n  - patchData: |\n      metadata:\n        annotations:\n          foo: null',
      rule(
        { groupResource: 'pods', namespaces: ['ns1'], matches: [{ path: '/metadata/annotations/foo', value: 'bar' }] },
        { mergePatches: [{ patchData: 'metadata:\n  annotations:\n    foo: null' }] },
      ),
    ],
    [
      'complex yaml data with strategic merge patch',
      'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: pods\n    namespaces:\n    - ns1\n  strategicPatches:\n  - patchData: |\n      spec:\n        containers:\n        - name: nginx\n          image: repo2/nginx',
      rule(
        { groupResource: 'pods', namespaces: ['ns1'] },
        { strategicPatches: [{ patchData: 'spec:\n  containers:\n  - name: nginx\n    image: repo2/nginx' }] },
      ),
    ],
    [
      'complex json data with json merge patch',
      'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: pods\n    namespaces:\n    - ns1\n  mergePatches:\n  - patchData: |\n      {"metadata":{"annotations":{"foo":null}}}',
      rule({ groupResource: 'pods', namespaces: ['ns1'] }, { mergePatches: [{ patchData: '{"metadata":{"annotations":{"foo":null}}}' }] }),
    ],
    [
      'complex json data with strategic merge patch',
      'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: pods\n    namespaces:\n    - ns1\n  strategicPatches:\n  - patchData: |\n      {"spec":{"containers":[{"name": "nginx","image": "repo2/nginx"}]}}',
      rule(
        { groupResource: 'pods', namespaces: ['ns1'] },
        { strategicPatches: [{ patchData: '{"spec":{"containers":[{"name": "nginx","image": "repo2/nginx"}]}}' }] },
      ),
    ],
    [
      'bool value as string',
      'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: deployments.apps\n  patches:\n  - operation: replace\n    path: "/value/bool"\n    value: "\\"true\\""\n',
      rule({ groupResource: 'deployments.apps' }, { patches: [{ operation: 'replace', from: '', path: '/value/bool', value: '"true"' }] }),
    ],
    [
      'bool value as bool',
      'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: deployments.apps\n  patches:\n  - operation: replace\n    path: "/value/bool"\n    value: "true"\n',
      rule({ groupResource: 'deployments.apps' }, { patches: [{ operation: 'replace', from: '', path: '/value/bool', value: 'true' }] }),
    ],
    [
      'YAML scalars bound to strings become their Go text (int, bool, float32)',
      'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: pods\n    namespaces: [1, yes]\n  patches:\n  - {operation: replace, path: /spec/x, value: 3.14159265}\n',
      rule(
        { groupResource: 'pods', namespaces: ['1', 'true'] },
        { patches: [{ operation: 'replace', from: '', path: '/spec/x', value: '3.1415927' }] },
      ),
    ],
  ])('%s', (_name, text, expectedRule) => {
    const result = parse(text);
    expect(result).toEqual({ ok: true, modifiers: { version: 'v1', resourceModifierRules: [expectedRule] } });
  });

  it('reads a label selector (cm4: rule without patches decodes, then fails validation? no: Velero accepts it)', () => {
    const result = parse(
      'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: deployments.apps\n    labelSelector:\n      matchLabels:\n        a: b\n',
    );
    expect(result).toEqual({
      ok: true,
      modifiers: {
        version: 'v1',
        resourceModifierRules: [rule({ groupResource: 'deployments.apps', labelSelector: { matchLabels: { a: 'b' } } })],
      },
    });
  });
});

describe('resource modifiers - rejected documents', () => {
  it.each<[string, Record<string, string> | null, string, string]>([
    [
      'no data (Velero: nil or empty ConfigMap)',
      null,
      ModifiersProblemCode.ConfigMapShape,
      `${parsingPrefix}illegal resource modifiers ${where} configmap`,
    ],
    [
      'two data keys',
      { a: 'version: v1', b: 'version: v1' },
      ModifiersProblemCode.ConfigMapShape,
      `${parsingPrefix}illegal resource modifiers ${where} configmap`,
    ],
    [
      'unknown key (cm3 "version1")',
      { d: 'version1: v1\nresourceModifierRules: []\n' },
      ModifiersProblemCode.Decode,
      `${decodePrefix}error unmarshaling JSON: while decoding JSON: json: unknown field "version1"`,
    ],
    [
      'unknown key deep inside a rule',
      { d: 'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: pods\n    name: x\n' },
      ModifiersProblemCode.Decode,
      `${decodePrefix}error unmarshaling JSON: while decoding JSON: json: unknown field "name"`,
    ],
    [
      'a list where a string goes',
      { d: 'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: [pods]\n' },
      ModifiersProblemCode.Decode,
      `${decodePrefix}error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go struct field Conditions.resourceModifierRules.conditions.groupResource of type string`,
    ],
    [
      'a string where a list goes',
      { d: 'version: v1\nresourceModifierRules:\n- conditions:\n    groupResource: pods\n    namespaces: ns1\n' },
      ModifiersProblemCode.Decode,
      `${decodePrefix}error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field Conditions.resourceModifierRules.conditions.namespaces of type []string`,
    ],
    [
      'a list at the top',
      { d: '- a\n' },
      ModifiersProblemCode.Decode,
      `${decodePrefix}error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type resourcemodifiers.ResourceModifiers`,
    ],
    [
      'duplicate keys',
      { d: 'version: v1\nversion: v1\n' },
      ModifiersProblemCode.Decode,
      `${decodePrefix}error converting YAML to JSON: yaml: unmarshal errors:\n  line 2: key "version" already set in map`,
    ],
    [
      'a key set twice in a JSON document',
      { d: '{"version":"v1","version":"v2"}' },
      ModifiersProblemCode.Decode,
      `${decodePrefix}error converting YAML to JSON: yaml: unmarshal errors:\n  line 1: key "version" already set in map`,
    ],
    [
      'a key set twice in a flow mapping',
      { d: "version: v1\nresourceModifierRules:\n- conditions: {groupResource: pods, 'groupResource': svc}\n" },
      ModifiersProblemCode.Decode,
      `${decodePrefix}error converting YAML to JSON: yaml: unmarshal errors:\n  line 3: key "groupResource" already set in map`,
    ],
    [
      'an alias of an unknown anchor',
      { d: 'version: *v1\n' },
      ModifiersProblemCode.Decode,
      `${decodePrefix}error converting YAML to JSON: yaml: unknown anchor 'v1' referenced`,
    ],
    [
      'a colon scalar in a flow mapping (go-yaml parser error: lines from 0)',
      { d: 'version: v1\nresourceModifierRules:\n- {"a"::1}\n' },
      ModifiersProblemCode.Decode,
      `${decodePrefix}error converting YAML to JSON: yaml: line 2: did not find expected node content`,
    ],
    ['empty text (zero document)', { d: '' }, ModifiersProblemCode.Invalid, `${validationPrefix}unsupported resource modifier version `],
  ])('%s', (_name, data, code, message) => {
    const result = parseResourceModifiers({ namespace: 'test-namespace', name: 'test-configmap', data });
    expect(result).toEqual({ ok: false, code, message, detail: expect.any(String) });
    expect(!result.ok && message.endsWith(result.detail)).toBe(true);
  });

  it('reports a YAML syntax error with its line', () => {
    const result = parse('version: v1\nresourceModifierRules: a: b:\n');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      new RegExp(`^${decodePrefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}error converting YAML to JSON: yaml: line 2: `),
    );
  });

  it('expands YAML merge keys as go-yaml does (explicit keys win)', () => {
    const result = parse(
      'version: v1\nresourceModifierRules:\n- conditions: &c\n    groupResource: pods\n    namespaces: [x]\n  mergePatches:\n  - patchData: "{}"\n- conditions:\n    <<: *c\n    namespaces: [a]\n  mergePatches:\n  - patchData: "{}"\n',
    );
    expect(result.ok && result.modifiers.resourceModifierRules[1]?.conditions).toEqual({
      groupResource: 'pods',
      namespaces: ['a'],
      resourceNameRegex: '',
      matches: [],
    });
  });

  it('matches keys case-insensitively, as encoding/json does', () => {
    const result = parse(
      'Version: v1\nresourceModifierRules:\n- conditions:\n    GroupResource: pods\n  mergePatches:\n  - patchData: "{}"\n',
    );
    expect(result.ok && result.modifiers.resourceModifierRules[0]?.conditions.groupResource).toBe('pods');
  });
});
