// The backup log (`<b>-logs.gz`) as Velero writes it: logrus' TextFormatter without a terminal —
// `time="<RFC 3339, seconds>" level=<level> msg=<msg>` then the fields sorted by key, each value
// quoted (Go `%q`) only when it holds a character outside `[A-Za-z0-9-._/@^+]`.

/** logrus' level names as its text formatter prints them. */
export const LogLevel = { Debug: 'debug', Info: 'info', Warning: 'warning', Error: 'error' } as const;
/** One of {@link LogLevel}. */
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** One log entry. */
export interface BackupLogEntry {
  readonly time: Date;
  readonly level: LogLevel;
  readonly message: string;
  /** Extra fields (e.g. `backup: "velero/nightly"`, `namespace`, `name`, `error`). */
  readonly fields?: Readonly<Record<string, string | number | boolean>>;
}

const plain = /^[A-Za-z0-9\-._/@^+]*$/;
const namedEscapes: Readonly<Record<string, string>> = {
  '\u0007': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** `text` as Go's `strconv.Quote` writes it (printable characters kept, control characters escaped). Pure. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const named = namedEscapes[char];
    if (named) out += named;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if ((code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029 || code === 0xfffe || code === 0xffff)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return `${out}"`;
}

function value(raw: string | number | boolean): string {
  const text = String(raw);
  return plain.test(text) ? text : goQuote(text);
}

/** RFC 3339 in whole seconds, UTC (`2006-01-02T15:04:05Z`), logrus' default timestamp. */
function timestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One line of the backup log, newline-terminated, as logrus' TextFormatter writes `entry`. Pure. */
export function backupLogLine(entry: BackupLogEntry): string {
  const fields = Object.entries(entry.fields ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = [
    `time=${value(timestamp(entry.time))}`,
    `level=${entry.level}`,
    `msg=${value(entry.message)}`,
    ...fields.map(([key, item]) => `${key}=${value(item)}`),
  ];
  return `${parts.join(' ')}\n`;
}
