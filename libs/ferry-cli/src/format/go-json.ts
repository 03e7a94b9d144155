// What Go's `json.Encoder` prints with `SetEscapeHTML(false)` and `SetIndent("", "    ")`, as
// Velero's structured describer encodes its document: object keys sorted byte-wise (Go sorts map
// keys), four-space indent, `<`, `>` and `&` left as they are, U+2028 and U+2029 escaped, a newline
// at the end. Pure.

/** A value of a structured document: what Go's encoder prints of maps, slices, strings and numbers. */
export type GoJsonValue = string | number | boolean | null | readonly GoJsonValue[] | { readonly [key: string]: GoJsonValue };

const indentUnit = '    ';

/** Go compares map keys as bytes; UTF-8 byte order equals code point order. */
function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** A string as Go encodes it: JSON's escapes, plus `\u2028` and `\u2029` (Go escapes those always). */
function goString(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function encodeValue(value: GoJsonValue, indent: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  const inner = indent + indentUnit;
  if (Array.isArray(value)) {
    const items = (value as readonly GoJsonValue[]).map((item) => `${inner}${encodeValue(item, inner)}`);
    return items.length === 0 ? '[]' : `[\n${items.join(',\n')}\n${indent}]`;
  }
  const record = value as { readonly [key: string]: GoJsonValue };
  const entries = Object.keys(record)
    .sort(compareKeys)
    .map((key) => `${inner}${goString(key)}: ${encodeValue(record[key] ?? null, inner)}`);
  return entries.length === 0 ? '{}' : `{\n${entries.join(',\n')}\n${indent}}`;
}

/** `value` encoded as Velero's `StructuredDescriber.JSONEncode` prints it (with the final newline). */
export function goJson(value: GoJsonValue): string {
  return `${encodeValue(value, '')}\n`;
}

/** A map of a structured document, built up key by key. */
export type GoJsonObject = { [key: string]: GoJsonValue };
