// Lines of the backup log (`<b>-logs.gz`) and the restore log (`restore-<r>-logs.gz`) as Velero writes them: logrus' TextFormatter without a terminal —
// `time="<RFC 3339, seconds>" level=<level> msg=<msg>` then the fields sorted by key, each value
// quoted (Go `%q`, @ferry/kube-values' goQuoted) only when it holds a character outside `[A-Za-z0-9-._/@^+]`.
import { goQuoted, kubeTimestamp } from '@ferry/kube-values';

/** logrus' level names as its text formatter prints them. */
export const LogLevel = { Debug: 'debug', Info: 'info', Warning: 'warning', Error: 'error' } as const;
/** One of {@link LogLevel}. */
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** One log entry. */
export interface LogrusEntry {
  readonly time: Date;
  readonly level: LogLevel;
  readonly message: string;
  /** Extra fields (e.g. `backup: "velero/nightly"` or `restore: …`, `namespace`, `name`, `error`). */
  readonly fields?: Readonly<Record<string, string | number | boolean>>;
}

const plain = /^[A-Za-z0-9\-._/@^+]*$/;
function value(raw: string | number | boolean): string {
  const text = String(raw);
  return plain.test(text) ? text : goQuoted(text);
}

/** One log line, newline-terminated, as logrus' TextFormatter writes `entry`. Pure. */
export function logrusTextLine(entry: LogrusEntry): string {
  const fields = Object.entries(entry.fields ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts = [
    `time=${value(kubeTimestamp(entry.time))}`,
    `level=${entry.level}`,
    `msg=${value(entry.message)}`,
    ...fields.map(([key, item]) => `${key}=${value(item)}`),
  ];
  return `${parts.join(' ')}\n`;
}
