// sigs.k8s.io/yaml's UnmarshalStrict into Go structs, as Velero decodes a resource-modifiers
// document: YAML 1.1 (go-yaml v2) with duplicate keys rejected, a scalar bound for a string field
// turned into its text (`value: 2` → "2", `yes` → "true", floats at float32 precision), then
// encoding/json with unknown fields rejected (keys matched case-insensitively, as encoding/json
// does) and Go's type-error messages. Schemas are {@link GoSpec} trees.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Scalar } from 'yaml';
import { goFloat32Text } from './go-number-text';
import { loadYaml } from './yaml-loader';

/** A Go type the decoder binds to: its name in error messages and its shape. */
export type GoSpec =
  | { readonly kind: 'string'; readonly go: string }
  | { readonly kind: 'list'; readonly go: string; readonly elem: GoSpec }
  | { readonly kind: 'map'; readonly go: string; readonly elem: GoSpec }
  | { readonly kind: 'struct'; readonly go: string; readonly fields: Readonly<Record<string, GoSpec>> };

/** Outcome of {@link decodeStrict}: plain values shaped by the spec, or Go's error text. */
export type StrictDecodeResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

interface Context {
  readonly doc: Document;
  readonly source: string;
  error?: string;
}

/**
 * Decodes `text` into `spec` as `yaml.UnmarshalStrict` does. Messages are sigs.k8s.io/yaml's
 * (`error converting YAML to JSON: yaml: ...`, `error unmarshaling JSON: while decoding JSON:
 * json: ...`); YAML syntax errors carry the line but the yaml package's wording. An empty document
 * decodes to `undefined` (Go leaves the struct at its zero value). Pure.
 */
export function decodeStrict(text: string, spec: GoSpec): StrictDecodeResult {
  const loaded = loadYaml(text, true);
  if (!loaded.ok) return { ok: false, message: `error converting YAML to JSON: ${loaded.message}` };
  if (loaded.doc === undefined) return { ok: true, value: undefined };
  const ctx: Context = { doc: loaded.doc, source: text };
  const value = decodeNode(loaded.doc.contents, spec, [], undefined, ctx);
  if (ctx.error !== undefined) return { ok: false, message: `error unmarshaling JSON: while decoding JSON: ${ctx.error}` };
  return { ok: true, value };
}

function decodeNode(raw: unknown, spec: GoSpec, path: readonly string[], struct: string | undefined, ctx: Context): unknown {
  const node = isAlias(raw) ? raw.resolve(ctx.doc) : raw;
  if (node === undefined || node === null) return undefined;
  if (isScalar(node) && node.value === null) return undefined;
  switch (spec.kind) {
    case 'string':
      if (isScalar(node)) return chompAtEnd(node, scalarText(node), ctx.source);
      return typeError(node as Node, spec, path, struct, ctx);
    case 'list':
      if (!isSeq(node)) return typeError(node as Node, spec, path, struct, ctx);
      return node.items.map((item) => decodeNode(item, spec.elem, path, struct, ctx) ?? zeroOf(spec.elem));
    case 'map':
      if (!isMap(node)) return typeError(node as Node, spec, path, struct, ctx);
      return Object.fromEntries(
        node.items.map((pair) => [keyText(pair.key), decodeNode(pair.value, spec.elem, path, struct, ctx) ?? zeroOf(spec.elem)]),
      );
    case 'struct':
      if (!isMap(node)) return typeError(node as Node, spec, path, struct, ctx);
      return decodeStruct(withMergedKeys(node.items, ctx), spec, path, ctx);
  }
}

function decodeStruct(
  pairs: ReadonlyArray<{ key: unknown; value: unknown }>,
  spec: Extract<GoSpec, { kind: 'struct' }>,
  path: readonly string[],
  ctx: Context,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names = Object.keys(spec.fields);
  for (const pair of pairs) {
    const key = keyText(pair.key);
    const name = names.includes(key) ? key : names.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
    const fieldSpec = name === undefined ? undefined : spec.fields[name];
    if (name === undefined || fieldSpec === undefined) {
      ctx.error ??= `json: unknown field ${JSON.stringify(key)}`;
      continue;
    }
    const value = decodeNode(pair.value, fieldSpec, [...path, name], structName(spec), ctx);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

type YamlPair = { key: unknown; value: unknown };

/** YAML 1.1 merge keys (`<<: *base`, `<<: [*a, *b]`) expanded in place; explicit keys come after and win. */
function withMergedKeys(pairs: readonly YamlPair[], ctx: Context): YamlPair[] {
  const merged: YamlPair[] = [];
  const own: YamlPair[] = [];
  for (const pair of pairs) {
    if (!isMergeKey(pair.key)) {
      own.push(pair);
      continue;
    }
    const value = isAlias(pair.value) ? pair.value.resolve(ctx.doc) : pair.value;
    const sources = isSeq(value) ? value.items.map((item) => (isAlias(item) ? item.resolve(ctx.doc) : item)) : [value];
    for (const source of sources) if (isMap(source)) merged.push(...withMergedKeys(source.items, ctx));
  }
  return [...merged, ...own];
}

/** The yaml package marks a merge key with a symbol whose description is `<<`. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value: unknown = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

/** The Go type's own name without its package (`resourcemodifiers.Conditions` → `Conditions`). */
function structName(spec: GoSpec): string {
  return spec.go.slice(spec.go.lastIndexOf('.') + 1);
}

function zeroOf(spec: GoSpec): unknown {
  return spec.kind === 'string' ? '' : spec.kind === 'struct' ? {} : undefined;
}

function keyText(key: unknown): string {
  if (isScalar(key)) return scalarText(key);
  return String(key);
}

/**
 * A block scalar (`|`, `>`) with the default "clip" chomping that ends the text without a final
 * line break has none in go-yaml; the yaml package adds one.
 */
function chompAtEnd(node: Scalar, value: string, source: string): string {
  if (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') return value;
  const header = /^[|>][^\n]*/.exec(source.slice(node.range?.[0] ?? 0))?.[0] ?? '';
  const endsText = (node.range?.[1] ?? 0) >= source.length && !source.endsWith('\n');
  return endsText && !header.includes('+') && value.endsWith('\n') ? value.slice(0, -1) : value;
}

/** A scalar's text as sigs.k8s.io/yaml writes it into a Go string. */
function scalarText(node: Scalar): string {
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' || typeof value === 'bigint') return isFloatScalar(node) ? goFloat32Text(Number(value)) : String(value);
  return String(value);
}

function isFloatScalar(node: Scalar): boolean {
  if (node.format === 'HEX' || node.format === 'OCT' || node.format === 'BIN') return false;
  return /[.eE]|inf|nan/i.test(node.source ?? String(node.value));
}

/** encoding/json's UnmarshalTypeError text; the first error in document order wins. */
function typeError(node: Node, spec: GoSpec, path: readonly string[], struct: string | undefined, ctx: Context): undefined {
  const jsonKind = isMap(node) ? 'object' : isSeq(node) ? 'array' : scalarJsonKind(node as Scalar);
  const where = struct === undefined || path.length === 0 ? `Go value` : `Go struct field ${struct}.${path.join('.')}`;
  ctx.error ??= `json: cannot unmarshal ${jsonKind} into ${where} of type ${spec.go}`;
  return undefined;
}

function scalarJsonKind(node: Scalar): string {
  const value = node.value;
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number' || typeof value === 'bigint') return 'number';
  return 'string';
}
