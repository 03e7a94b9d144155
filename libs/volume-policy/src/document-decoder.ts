// Decodes the YAML node tree into plain values the way Velero's yaml.v3 strict decoding would,
// walking libs/api's zod schema to know each field's Go type: a scalar decoded into a string field
// keeps its source text (`version: 1` → "1", `1.10` → "1.10"), null and missing fields become
// Go zero values, and a key the schema does not define is an error at the key's position. Shape
// errors (a list where a string goes...) are left to the zod schema afterwards.
import { formatPath } from '@ferry/api';
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar } from 'yaml';
import { z } from 'zod';
import { PolicyIssueCode, type PolicyIssue } from './errors';
import type { PathSegment, SourceLocator } from './source-locator';

/** Result of {@link decodeDocument}. */
export interface DecodedDocument {
  readonly value: unknown;
  /** Unknown fields and pvc* condition type errors, in document order. */
  readonly issues: readonly PolicyIssue[];
  /** Go type name (`int`, `string`, `[]interface {}`...) of each decoded node, by formatted path. */
  readonly goTypes: ReadonlyMap<string, string>;
}

interface Context {
  readonly doc: Document;
  readonly locator: SourceLocator;
  readonly issues: PolicyIssue[];
  readonly goTypes: Map<string, string>;
  readonly conditionsSchema: z.ZodType;
}

/**
 * Decodes the document's contents against `schema`. Objects of `conditionsSchema` first get
 * Velero's raw type checks of the pvc* conditions. Pure apart from recording into `locator`.
 */
export function decodeDocument(doc: Document, schema: z.ZodType, locator: SourceLocator, conditionsSchema: z.ZodType): DecodedDocument {
  const ctx: Context = { doc, locator, issues: [], goTypes: new Map(), conditionsSchema };
  const value = decodeNode(doc.contents, schema, [], ctx) ?? zeroFor(schema);
  return { value, issues: ctx.issues, goTypes: ctx.goTypes };
}

function decodeNode(raw: unknown, schema: z.ZodType, path: PathSegment[], ctx: Context): unknown {
  const node = resolve(raw, ctx);
  if (node === undefined) return undefined;
  ctx.locator.recordValue(path, node.range?.[0]);
  ctx.goTypes.set(formatPath(path), goTypeOf(node, ctx.doc));
  if (isScalar(node) && node.value === null) return undefined;
  const target = unwrap(schema);
  if (target instanceof z.ZodString || target instanceof z.ZodEnum) {
    return isScalar(node) ? scalarText(node) : node.toJS(ctx.doc);
  }
  if (target instanceof z.ZodObject && isMap(node)) return decodeObject(node.items, target, path, ctx);
  if (target instanceof z.ZodArray && isSeq(node)) {
    const element = target.element as z.ZodType;
    return node.items.map((item, i) => decodeNode(item, element, [...path, i], ctx) ?? zeroFor(element));
  }
  if (target instanceof z.ZodRecord && isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = keyText(pair, ctx);
      const valueType = target.valueType as z.ZodType;
      ctx.locator.recordKey([...path, key], keyNode(pair, ctx)?.range?.[0]);
      out[key] = decodeNode(pair.value, valueType, [...path, key], ctx) ?? zeroFor(valueType);
    }
    return out;
  }
  return node.toJS(ctx.doc);
}

function decodeObject(pairs: readonly Pair[], schema: z.ZodObject, path: PathSegment[], ctx: Context): Record<string, unknown> {
  const shape: Readonly<Record<string, z.ZodType>> = schema.shape;
  const skipped = schema === ctx.conditionsSchema ? checkRawConditionTypes(pairs, path, ctx) : new Set<string>();
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const key = keyText(pair, ctx);
    const fieldPath = [...path, key];
    ctx.locator.recordKey(fieldPath, keyNode(pair, ctx)?.range?.[0]);
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (field === undefined) {
      ctx.issues.push(issueAt(ctx, fieldPath, PolicyIssueCode.UnknownField, unknownFieldMessage(key, Object.keys(shape)), true));
      continue;
    }
    if (skipped.has(key)) continue;
    const value = decodeNode(pair.value, field, fieldPath, ctx);
    if (value !== undefined) out[key] = value;
  }
  // Missing required fields take their Go zero value (`version` → "", `action.type` → "").
  for (const [key, field] of Object.entries(shape)) {
    if (!(key in out) && !skipped.has(key) && !isOptional(field)) out[key] = zeroFor(field);
  }
  return out;
}

/**
 * Velero checks these condition fields on the raw decoded types before anything else, with its
 * own messages: pvcLabels must be a map; pvcVolumeMode a string; pvcAccessModes a list of strings.
 * Returns the keys that failed (they are not decoded further).
 */
function checkRawConditionTypes(pairs: readonly Pair[], path: PathSegment[], ctx: Context): Set<string> {
  const failed = new Set<string>();
  for (const pair of pairs) {
    const key = keyText(pair, ctx);
    const node = resolve(pair.value, ctx);
    const fieldPath = [...path, key];
    ctx.locator.recordValue(fieldPath, (node ?? keyNode(pair, ctx))?.range?.[0]);
    const message = rawConditionProblem(key, node, ctx);
    if (message !== undefined) {
      failed.add(key);
      ctx.issues.push(issueAt(ctx, fieldPath, PolicyIssueCode.InvalidPvcCondition, message, false));
    }
  }
  return failed;
}

function rawConditionProblem(key: string, node: Node | undefined, ctx: Context): string | undefined {
  const type = node === undefined ? '<nil>' : goTypeOf(node, ctx.doc);
  if (key === 'pvcLabels' && type !== 'map[string]interface {}') {
    return `pvcLabels must be a map of string to string, got ${type}; write it as a mapping such as {app: db}`;
  }
  if (key === 'pvcVolumeMode' && type !== 'string') {
    return `pvcVolumeMode must be a string, got ${type}; use Filesystem or Block`;
  }
  if (key === 'pvcAccessModes') {
    if (!isSeq(node)) return `pvcAccessModes must be a list of strings, got ${type}; e.g. [ReadWriteOnce]`;
    for (const item of node.items) {
      const resolved = resolve(item, ctx);
      const itemType = resolved === undefined ? '<nil>' : goTypeOf(resolved, ctx.doc);
      if (itemType !== 'string') return `pvcAccessModes must be a list of strings, got element ${itemType}; e.g. [ReadWriteOnce]`;
    }
  }
  return undefined;
}

function issueAt(ctx: Context, path: PathSegment[], code: PolicyIssueCode, message: string, atKey: boolean): PolicyIssue {
  const position = atKey ? ctx.locator.locateKey(path) : ctx.locator.locate(path);
  return { code, path: formatPath(path), line: position.line, column: position.column, message };
}

function unknownFieldMessage(key: string, allowed: readonly string[]): string {
  return `unknown field "${key}"; allowed fields here: ${allowed.join(', ')}`;
}

function resolve(raw: unknown, ctx: Context): Node | undefined {
  if (isAlias(raw)) return resolve(raw.resolve(ctx.doc), ctx);
  if (isScalar(raw) || isMap(raw) || isSeq(raw)) return raw;
  return undefined;
}

function keyNode(pair: Pair, ctx: Context): Node | undefined {
  return resolve(pair.key, ctx);
}

function keyText(pair: Pair, ctx: Context): string {
  const key = keyNode(pair, ctx);
  if (key === undefined || (isScalar(key) && key.value === null)) return '';
  return isScalar(key) ? scalarText(key) : JSON.stringify(key.toJS(ctx.doc));
}

/** A scalar as yaml.v3 puts it into a string field: its text (quotes resolved). */
function scalarText(node: Scalar): string {
  return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
}

/** The Go type yaml.v3 gives a node decoded into `any` (for Velero's `%T` messages). */
export function goTypeOf(node: Node, doc: Document): string {
  // yaml.v3 makes a map[string]… only when every key is a string; `{1: a}` is map[interface {}]….
  if (isMap(node))
    return node.items.every((pair) => isStringKey(pair.key, doc)) ? 'map[string]interface {}' : 'map[interface {}]interface {}';
  if (isSeq(node)) return '[]interface {}';
  if (!isScalar(node)) return 'interface {}';
  const value = node.value;
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number' || typeof value === 'bigint') {
    return /^[-+]?[0-9]+$|^0x[0-9a-fA-F]+$|^0o[0-7]+$/.test(node.source ?? '') ? 'int' : 'float64';
  }
  return 'string';
}

function isStringKey(key: unknown, doc: Document): boolean {
  const node = isAlias(key) ? key.resolve(doc) : key;
  return isScalar(node) && typeof node.value === 'string';
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as z.ZodType;
  return current;
}

function isOptional(schema: z.ZodType): boolean {
  return schema instanceof z.ZodOptional || (schema instanceof z.ZodNullable && isOptional(schema.unwrap() as z.ZodType));
}

/** Go's zero value for a field of this schema type. */
function zeroFor(schema: z.ZodType): unknown {
  const target = unwrap(schema);
  if (target instanceof z.ZodString || target instanceof z.ZodEnum) return '';
  if (target instanceof z.ZodObject) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(target.shape as Record<string, z.ZodType>)) {
      if (!isOptional(field)) out[key] = zeroFor(field);
    }
    return out;
  }
  return undefined;
}
