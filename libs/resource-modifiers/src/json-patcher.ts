// Velero's JSON Patch (RFC 6902) step (json_patch.go): the document's operations are spliced into
// JSON text exactly as Velero does (JSONPatch.ToString, so a value that breaks the JSON breaks it
// here too), decoded, and applied with fast-json-patch — validated, one operation at a time, on a
// copy. Where fast-json-patch differs from Velero's library (evanphx/json-patch v5) the v5
// semantics are kept: `test` on a missing leaf compares as null and on a missing parent is
// "missing"; negative array indices count from the end; `from: ""` is missing. Messages follow
// v5's wording for the common failures; rarer ones carry fast-json-patch's text.
import { applyOperation, JsonPatchError, type Operation } from 'fast-json-patch';
import { findParent, resolveNegativeIndices, type JsonValue } from './json-pointer';
import type { JsonPatchOperation } from './modifier-document';

/** Outcome of {@link applyJsonPatchOperations}. */
export type JsonPatchOutcome =
  | { readonly kind: 'applied'; readonly doc: JsonValue }
  /** A `test` operation compared unequal (v5's ErrTestFailed). */
  | { readonly kind: 'test-failed'; readonly message: string }
  /** A path that does not exist (v5's ErrMissing). */
  | { readonly kind: 'missing'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

interface DecodedOperation {
  readonly op: string;
  readonly from: string;
  readonly path: string;
  readonly value: JsonValue;
}

/**
 * Velero's JSONPatch.ToString: `{"op": "…", "from": "…", "path": "…", "value": …}` with the value
 * quoted unless it is empty-quoted text, null, a boolean, an object/array or a number. Pure.
 */
export function jsonPatchOperationText(patch: JsonPatchOperation): string {
  return `{"op": "${patch.operation}", "from": "${patch.from}", "path": "${patch.path}", "value": ${valueText(patch.value)}}`;
}

function valueText(text: string): string {
  const { quoted, value } = spliceValue(text);
  return quoted ? `"${value}"` : value;
}

/** Velero's addQuotes: whether the value goes in quotes, and the value without its own quotes. */
function spliceValue(value: string): { quoted: boolean; value: string } {
  if (value === '') return { quoted: true, value };
  if (value.startsWith('"') && value.endsWith('"')) return { quoted: true, value: value.replace(/^"/, '').replace(/"$/, '') };
  if (value === 'null') return { quoted: false, value };
  if (value.toLowerCase() === 'true' || value.toLowerCase() === 'false') return { quoted: false, value };
  if (value.startsWith('{') || value.startsWith('[')) return { quoted: false, value };
  return { quoted: !isGoFloat(value), value };
}

const decimalDigits = '\\d(?:_?\\d)*';
const hexDigits = '[0-9a-fA-F](?:_?[0-9a-fA-F])*';
/** Go's float syntax: `_` only between digits (or after `0x`); a hex float needs its `p` exponent. */
const goDecimalFloat = new RegExp(
  `^[+-]?(?:${decimalDigits}(?:\\.(?:${decimalDigits})?)?|\\.${decimalDigits})(?:[eE][+-]?${decimalDigits})?$`,
);
const goHexFloat = new RegExp(`^[+-]?0[xX](?:_?${hexDigits}(?:\\.(?:${hexDigits})?)?|\\.${hexDigits})[pP][+-]?${decimalDigits}$`);
/** Where float64 parsing overflows: MaxFloat64 plus half an ulp rounds to ±Inf. */
const float64Limit = (1n << 1024n) - (1n << 970n);

/**
 * strconv.ParseFloat(s, 64) succeeds: Go's decimal or hex float syntax, or an Inf/NaN spelling,
 * whose value does not overflow float64 (`1e400` fails with ErrRange, so Velero quotes it).
 */
function isGoFloat(text: string): boolean {
  if (/^(?:[+-]?inf(?:inity)?|nan)$/i.test(text)) return true;
  const plain = text.replaceAll('_', '');
  if (goDecimalFloat.test(text)) return Number.isFinite(Number(plain));
  return goHexFloat.test(text) && hexFloatIsFinite(plain);
}

/** A well-formed hex float (`_` removed): mantissa × 2^exponent, compared exactly with the limit. */
function hexFloatIsFinite(text: string): boolean {
  const [mantissa = '', exponent = ''] = text.replace(/^[+-]?0[xX]/, '').split(/[pP]/);
  const [whole = '', fraction = ''] = mantissa.split('.');
  const digits = BigInt(`0x${whole}${fraction}`);
  const shift = Number(exponent) - 4 * fraction.length;
  const bits = digits.toString(2).length + shift;
  if (digits === 0n || bits <= 1023) return true;
  if (bits > 1024) return false;
  return shift >= 0 ? digits << BigInt(shift) < float64Limit : digits < float64Limit << BigInt(-shift);
}

const knownOperations = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

/**
 * Applies the operations to a copy of `doc` in order, stopping at the first failure (the input is
 * never modified). Decoding failures are `error` with Velero's `error in decoding json patch …`:
 * text that is no JSON, or an operation evanphx does not know (checked for all before any applies,
 * and case-sensitive — Velero's validation lower-cases it, the library does not). Pure.
 */
export function applyJsonPatchOperations(doc: JsonValue, patches: readonly JsonPatchOperation[]): JsonPatchOutcome {
  const text = `[${patches.map(jsonPatchOperationText).join(',\n\t')}]`;
  let operations: DecodedOperation[];
  try {
    operations = JSON.parse(text) as DecodedOperation[];
  } catch {
    return { kind: 'error', message: 'error in decoding json patch invalid state detected' };
  }
  const unknown = patches.find((patch) => !knownOperations.has(patch.operation));
  if (unknown !== undefined) {
    return { kind: 'error', message: `error in decoding json patch invalid operation ${goOperationJson(unknown)}: unsupported operation` };
  }
  let current: JsonValue = structuredClone(doc);
  for (const operation of operations) {
    const outcome = operation.op === 'test' ? testOperation(current, operation) : changeOperation(current, operation);
    if (outcome.kind !== 'applied') return outcome;
    current = outcome.doc;
  }
  return { kind: 'applied', doc: current };
}

/** The operation as evanphx prints it: Go's json.Marshal of its raw fields (keys sorted, compacted). */
function goOperationJson(patch: JsonPatchOperation): string {
  const fields = { from: `"${patch.from}"`, op: `"${patch.operation}"`, path: `"${patch.path}"`, value: valueText(patch.value) };
  return `{${Object.entries(fields)
    .map(([key, raw]) => `"${key}":${goCompact(raw)}`)
    .join(',')}}`;
}

/** encoding/json's compact with HTML escaping: whitespace outside strings dropped, <, >, &, U+2028/9 escaped. */
function goCompact(raw: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (!inString && /[ \t\n\r]/.test(c)) continue;
    if (inString && c === '\\') {
      out += c + (raw[++i] ?? '');
      continue;
    }
    if (c === '"') inString = !inString;
    out += /[<>&\u2028\u2029]/.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c;
  }
  return out;
}

/** v5's test: missing parent → missing; missing leaf or null equals only null; else deep equality. */
function testOperation(doc: JsonValue, operation: DecodedOperation): JsonPatchOutcome {
  const failed: JsonPatchOutcome = { kind: 'test-failed', message: `testing value ${operation.path} failed: test failed` };
  if (operation.path === '') return deepEqual(doc, operation.value) ? { kind: 'applied', doc } : failed;
  const target = findParent(doc, operation.path);
  if (!target.found)
    return { kind: 'missing', message: `test operation does not apply: is missing path: ${operation.path}: missing value` };
  const actual = leafValue(target.container, target.key);
  if (actual === 'invalid-index')
    return { kind: 'error', message: `error in test for path: '${operation.path}': invalid index referenced` };
  if (actual === undefined || actual === null) return operation.value === null ? { kind: 'applied', doc } : failed;
  return operation.value !== null && deepEqual(actual, operation.value) ? { kind: 'applied', doc } : failed;
}

function leafValue(container: JsonValue[] | { [key: string]: JsonValue }, key: string): JsonValue | undefined | 'invalid-index' {
  if (!Array.isArray(container)) return Object.prototype.hasOwnProperty.call(container, key) ? container[key] : undefined;
  if (!/^[+-]?\d+$/.test(key)) return 'invalid-index';
  let index = Number(key);
  if (index < 0) index += container.length;
  return index >= 0 && index < container.length ? container[index] : 'invalid-index';
}

function changeOperation(doc: JsonValue, operation: DecodedOperation): JsonPatchOutcome {
  if ((operation.op === 'move' || operation.op === 'copy') && operation.from === '') {
    return { kind: 'missing', message: `${operation.op} operation does not apply: doc is missing from path: : missing value` };
  }
  const resolved = {
    ...operation,
    path: resolveNegativeIndices(doc, operation.path, operation.op === 'add' || operation.op === 'move' || operation.op === 'copy'),
    from: resolveNegativeIndices(doc, operation.from, false),
  } as Operation;
  try {
    return { kind: 'applied', doc: applyOperation(doc, resolved, true, true).newDocument };
  } catch (error) {
    return failure(operation, error);
  }
}

function failure(operation: DecodedOperation, error: unknown): JsonPatchOutcome {
  if (!(error instanceof JsonPatchError)) return { kind: 'error', message: (error as Error).message };
  const { op, path, from } = operation;
  switch (error.name) {
    case 'OPERATION_PATH_CANNOT_ADD':
    case 'OPERATION_PATH_UNRESOLVABLE':
      return { kind: 'missing', message: `${op} operation does not apply: doc is missing path: "${path}": missing value` };
    case 'OPERATION_FROM_UNRESOLVABLE':
      return { kind: 'missing', message: `${op} operation does not apply: doc is missing from path: ${from}: missing value` };
    case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
    case 'OPERATION_VALUE_OUT_OF_BOUNDS':
      return { kind: 'error', message: `Unable to access invalid index: ${path.split('/').pop() ?? ''}: invalid index referenced` };
    default:
      return { kind: 'error', message: error.message.split('\n')[0] ?? error.message };
  }
}

/** JSON equality: same type, same members, numbers by value. */
export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  const left = a as { [key: string]: JsonValue };
  const right = b as { [key: string]: JsonValue };
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && deepEqual(left[key], right[key]))
  );
}
