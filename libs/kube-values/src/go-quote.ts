// Go's `%q` (strconv.Quote) of a string, as apimachinery and Velero print names in their
// messages. Pure.

const goEscapes: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** Printable ASCII other than `"` and `\`. */
const nothingToEscape = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * Go's `%q` of `text`: double quotes, `"` and `\` escaped, control characters as Go's escapes
 * (`\n`, `\x00`); printable characters, Unicode included, as they are. Pure.
 */
export function goQuoted(text: string): string {
  // Most text (names, log messages) has nothing to escape: no per-character pass for it.
  if (nothingToEscape.test(text)) return `"${text}"`;
  const body = [...text]
    .map((char) => {
      if (char === '"' || char === '\\') return `\\${char}`;
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x20 || code === 0x7f) return goEscapes[char] ?? `\\x${code.toString(16).padStart(2, '0')}`;
      return char;
    })
    .join('');
  return `"${body}"`;
}
