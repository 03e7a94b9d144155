// JSON text as Go's `json.NewEncoder(w).Encode(v)` writes it, so documents Ferry puts in the bucket
// are byte-identical to Velero's: compact, `<` `>` `&` U+2028 U+2029 escaped as `\u003c`…,
// newline-terminated; struct fields in declaration order; map keys sorted by their UTF-8 bytes.
// Objects are structs (their key order is kept, `undefined` fields are left out — Go's omitempty
// is the builder's decision); maps are marked with {@link goMap}.

/** A Go map: encoded with its keys sorted, as encoding/json does. */
export class GoMap {
  constructor(readonly entries: ReadonlyMap<string, GoJsonValue> | Readonly<Record<string, GoJsonValue>>) {}
}

/** A value {@link encodeGoJson} can write: structs as plain objects, maps as {@link GoMap}, slices as arrays. */
export type GoJsonValue =
  null | undefined | boolean | number | string | GoMap | readonly GoJsonValue[] | { readonly [field: string]: GoJsonValue };

/** Marks `entries` as a Go map (sorted keys). `undefined` stays `null`, as a nil map. */
export function goMap(entries: Readonly<Record<string, GoJsonValue>> | ReadonlyMap<string, GoJsonValue> | undefined): GoMap | null {
  return entries === undefined ? null : new GoMap(entries);
}

/** Orders strings by UTF-8 bytes (= code points), Go's `sort.Strings` order. */
export function compareGoStrings(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const diff = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

const htmlEscapes: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A JSON string literal as Go writes it (HTML-safe escaping; lone surrogates become U+FFFD). */
export function goJsonString(text: string): string {
  return JSON.stringify(text.replace(loneSurrogate, '\ufffd')).replace(/[<>&\u2028\u2029]/g, (char) => htmlEscapes[char] ?? char);
}

function encodeValue(value: GoJsonValue): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (Array.isArray(value)) return `[${(value as readonly GoJsonValue[]).map(encodeValue).join(',')}]`;
  if (value instanceof GoMap) {
    const entries = value.entries instanceof Map ? [...value.entries] : Object.entries(value.entries);
    entries.sort(([a], [b]) => compareGoStrings(a, b));
    return `{${entries.map(([key, item]) => `${goJsonString(key)}:${encodeValue(item)}`).join(',')}}`;
  }
  const fields = Object.entries(value as Readonly<Record<string, GoJsonValue>>).filter(([, item]) => item !== undefined);
  return `{${fields.map(([key, item]) => `${goJsonString(key)}:${encodeValue(item)}`).join(',')}}`;
}

/**
 * `value` as Go's `json.Encoder.Encode` writes it, trailing newline included: ready to gzip into
 * a `.json.gz` object. Struct fields keep their order; `undefined` fields are omitted. Pure.
 */
export function encodeGoJson(value: GoJsonValue): string {
  return `${encodeValue(value)}\n`;
}
