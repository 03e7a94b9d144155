// The backup log (`<b>-logs.gz`) as Velero writes it: logrus' TextFormatter without a terminal —
// `time="<RFC 3339, seconds>" level=<level> msg=<msg>` then the fields sorted by key, each value
// quoted (Go `%q`, @ferry/kube-values' goQuoted) only when it holds a character outside `[A-Za-z0-9-._/@^+]`.
import { goQuoted } from '@ferry/kube-values';

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
function value(raw: string | number | boolean): string {
  const text = String(raw);
  return plain.test(text) ? text : goQuoted(text);
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
