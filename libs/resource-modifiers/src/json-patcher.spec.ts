import type { JsonValue } from './json-pointer';
import { applyJsonPatchOperations, jsonPatchOperationText } from './json-patcher';
import type { JsonPatchOperation } from './modifier-document';

const op = (operation: string, path: string, value = '', from = ''): JsonPatchOperation => ({ operation, from, path, value });

// Velero's TestJSONPatch_ToString.
describe('JSON patch - the operation text Velero builds', () => {
  it.each<[string, JsonPatchOperation, string]>([
    ['test', op('test', '/spec/replicas', '1'), '{"op": "test", "from": "", "path": "/spec/replicas", "value": 1}'],
    ['replace integer', op('replace', '/spec/replicas', '2'), '{"op": "replace", "from": "", "path": "/spec/replicas", "value": 2}'],
    [
      'replace array',
      op('replace', '/spec/template/spec/containers/0/ports', '[{"containerPort": 80}]'),
      '{"op": "replace", "from": "", "path": "/spec/template/spec/containers/0/ports", "value": [{"containerPort": 80}]}',
    ],
    [
      'replace with null',
      op('replace', '/spec/template/spec/containers/0/ports', 'null'),
      '{"op": "replace", "from": "", "path": "/spec/template/spec/containers/0/ports", "value": null}',
    ],
    [
      'remove',
      op('remove', '/spec/template/spec/containers/0'),
      '{"op": "remove", "from": "", "path": "/spec/template/spec/containers/0", "value": ""}',
    ],
    [
      'move',
      op('move', '/spec/template/spec/containers/1', '', '/spec/template/spec/containers/0'),
      '{"op": "move", "from": "/spec/template/spec/containers/0", "path": "/spec/template/spec/containers/1", "value": ""}',
    ],
    [
      'quoted value stays a string',
      op('replace', '/data/test', '"false"'),
      '{"op": "replace", "from": "", "path": "/data/test", "value": "false"}',
    ],
    ['booleans in any case are JSON booleans', op('replace', '/a', 'TRUE'), '{"op": "replace", "from": "", "path": "/a", "value": TRUE}'],
    ['text is quoted', op('replace', '/a', 'premium'), '{"op": "replace", "from": "", "path": "/a", "value": "premium"}'],
  ])('%s', (_name, patch, expected) => {
    expect(jsonPatchOperationText(patch)).toBe(expected);
  });
});

describe('JSON patch - evanphx/json-patch v5 semantics kept', () => {
  const doc: JsonValue = { kind: 'X', spec: { list: [1, 2, 3], flag: null } };
  it.each<[string, JsonPatchOperation[], string]>([
    ['test of a missing leaf against null passes', [op('test', '/spec/other', 'null')], 'applied'],
    ['test of a null value against null passes', [op('test', '/spec/flag', 'null')], 'applied'],
    ['test of a missing leaf against a value fails', [op('test', '/spec/other', '1')], 'test-failed'],
    ['test under a missing parent is missing', [op('test', '/spec/none/x', '1')], 'missing'],
    ['test of a number', [op('test', '/spec/list/1', '2')], 'applied'],
    ['test beyond the end of a list is an error', [op('test', '/spec/list/7', '2')], 'error'],
    ['TRUE decodes as no JSON (Velero splices it unquoted)', [op('replace', '/spec/flag', 'TRUE')], 'error'],
    ['remove of a missing path is missing', [op('remove', '/spec/none')], 'missing'],
    ['copy from "" is missing', [op('copy', '/spec/x', '', '')], 'missing'],
  ])('%s', (_name, patches, kind) => {
    expect(applyJsonPatchOperations(doc, patches).kind).toBe(kind);
  });

  it('negative indices count from the end; add at -1 appends', () => {
    const result = applyJsonPatchOperations(doc, [op('remove', '/spec/list/-3'), op('add', '/spec/list/-1', '9')]);
    expect(result).toEqual({ kind: 'applied', doc: { kind: 'X', spec: { list: [2, 3, 9], flag: null } } });
  });

  it('reads array indices as strconv.Atoi does ("+1", "01")', () => {
    const result = applyJsonPatchOperations(doc, [op('replace', '/spec/list/+1', '7'), op('remove', '/spec/list/00')]);
    expect(result).toEqual({ kind: 'applied', doc: { kind: 'X', spec: { list: [7, 3], flag: null } } });
  });

  it('stops at the first failure and never modifies the input', () => {
    const input = structuredClone(doc);
    const result = applyJsonPatchOperations(input, [op('replace', '/kind', 'Y'), op('replace', '/spec/none', '1')]);
    expect(result.kind).toBe('missing');
    expect(input).toEqual(doc);
  });
});
