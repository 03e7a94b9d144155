// Go's `json.MarshalIndent` layout applied to compact JSON text (encoding/json `Indent`): one
// element per line, `": "` after keys, empty objects and arrays kept as `{}` and `[]`. Kubernetes'
// pretty serializer — what Velero writes `velero-backup.json` with — is MarshalIndent with two
// spaces and no trailing newline.

/**
 * `compact` (valid compact JSON, as {@link encodeGoJson} writes it, trailing newline allowed) laid
 * out as Go's MarshalIndent with prefix `""` and `indent`; no trailing newline. Pure.
 */
export function indentGoJson(compact: string, indent = '  '): string {
  const text = compact.replace(/\n$/, '');
  let out = '';
  let depth = 0;
  let inString = false;
  const newline = (level: number): string => `\n${indent.repeat(level)}`;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (inString) {
      out += char;
      if (char === '\\') {
        out += text[i + 1] ?? '';
        i += 1;
      } else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      out += char;
    } else if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      if (text[i + 1] === close) {
        out += `${char}${close}`;
        i += 1;
      } else {
        depth += 1;
        out += `${char}${newline(depth)}`;
      }
    } else if (char === '}' || char === ']') {
      depth -= 1;
      out += `${newline(depth)}${char}`;
    } else if (char === ',') out += `,${newline(depth)}`;
    else if (char === ':') out += ': ';
    else out += char;
  }
  return out;
}
