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
      'add json object',
      op('add', '/spec/template/spec/containers/0', '{"name": "nginx", "image": "nginx:1.14.2", "ports": [{"containerPort": 80}]}'),
      '{"op": "add", "from": "", "path": "/spec/template/spec/containers/0", "value": {"name": "nginx", "image": "nginx:1.14.2", "ports": [{"containerPort": 80}]}}',
    ],
    [
      'copy',
      op('copy', '/spec/template/spec/containers/1', '', '/spec/template/spec/containers/0'),
      '{"op": "copy", "from": "/spec/template/spec/containers/0", "path": "/spec/template/spec/containers/1", "value": ""}',
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
    [
      'hex without a p exponent is no Go float, so quoted',
      op('add', '/a', '0x1F'),
      '{"op": "add", "from": "", "path": "/a", "value": "0x1F"}',
    ],
    ['a hex float is not quoted', op('add', '/a', '0x1p4'), '{"op": "add", "from": "", "path": "/a", "value": 0x1p4}'],
    ['underscores between digits read as a Go float', op('add', '/a', '1_000'), '{"op": "add", "from": "", "path": "/a", "value": 1_000}'],
    ['an underscore not between digits is text', op('add', '/a', '1__0'), '{"op": "add", "from": "", "path": "/a", "value": "1__0"}'],
    [
      'a float64 overflow fails ParseFloat, so quoted',
      op('add', '/a', '1e400'),
      '{"op": "add", "from": "", "path": "/a", "value": "1e400"}',
    ],
    [
      'a hex float64 overflow is quoted too',
      op('add', '/a', '0x1.fffffffffffff8p1023'),
      '{"op": "add", "from": "", "path": "/a", "value": "0x1.fffffffffffff8p1023"}',
    ],
    [
      'the largest hex float64 is not',
      op('add', '/a', '0x1.fffffffffffff7p1023'),
      '{"op": "add", "from": "", "path": "/a", "value": 0x1.fffffffffffff7p1023}',
    ],
    ['NaN takes no sign', op('add', '/a', '+nan'), '{"op": "add", "from": "", "path": "/a", "value": "+nan"}'],
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

  it.each<[string, JsonPatchOperation[], string]>([
    ['text that is no JSON', [op('add', '/a', '{bad')], 'error in decoding json patch invalid state detected'],
    [
      'an operation evanphx does not know, printed as Go marshals it',
      [op('Add', '/a', '{"x": "<b> & c",  "y": [1, 2]}')],
      'error in decoding json patch invalid operation {"from":"","op":"Add","path":"/a","value":{"x":"\\u003cb\\u003e \\u0026 c","y":[1,2]}}: unsupported operation',
    ],
    [
      'an unknown operation after a failing test (all are checked before any applies)',
      [op('test', '/kind', 'Y'), op('Replace', '/kind', 'Z')],
      'error in decoding json patch invalid operation {"from":"","op":"Replace","path":"/kind","value":"Z"}: unsupported operation',
    ],
  ])('decoding fails as evanphx reports it: %s', (_name, patches, message) => {
    expect(applyJsonPatchOperations(doc, patches)).toEqual({ kind: 'error', message });
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
