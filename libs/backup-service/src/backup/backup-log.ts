// One backup's log, kept in memory while a step runs and stored as `<b>-logs.gz`. Lines carry the
// `backup=<namespace>/<name>` field, as Velero's backup logger adds it; results messages are
// logged at their level too, as Velero's results come from its log.
import { logrusTextLine, LogLevel, type BackupResult, type BackupResults } from '@ferry/backup';

/** The text @ferry/backup's `resultLogText` makes of a log line's fields. */
const resultText = /^(?: resource: \/(.*?))?(?: name: \/(.*?))? message: \/(.*?)(?: error: \/(.*))?$/s;

/** A backup's log lines; `text()` is what goes into the bucket. */
export class BackupLog {
  private readonly lines: string[] = [];

  /** `previous`: the log an earlier step stored (appended to, never rewritten). */
  constructor(
    private readonly backup: string,
    private readonly now: () => Date,
    previous = '',
  ) {
    if (previous) this.lines.push(previous.endsWith('\n') ? previous : `${previous}\n`);
  }

  info(message: string, fields: Readonly<Record<string, string | number>> = {}): void {
    this.add(LogLevel.Info, message, fields);
  }

  warn(message: string, fields: Readonly<Record<string, string | number>> = {}): void {
    this.add(LogLevel.Warning, message, fields);
  }

  error(message: string, fields: Readonly<Record<string, string | number>> = {}): void {
    this.add(LogLevel.Error, message, fields);
  }

  /** Logs every message of `results` at its level (namespace messages with their `namespace` field). */
  results(results: BackupResults): void {
    this.resultLines(LogLevel.Warning, results.warnings);
    this.resultLines(LogLevel.Error, results.errors);
  }

  /** The whole log text. */
  text(): string {
    return this.lines.join('');
  }

  private resultLines(level: LogLevel, result: BackupResult): void {
    for (const message of result.velero) this.resultLine(level, message, {});
    for (const message of result.cluster) this.resultLine(level, message, { namespace: '' });
    for (const [namespace, messages] of Object.entries(result.namespaces)) {
      for (const message of messages) this.resultLine(level, message, { namespace });
    }
  }

  /** A result message back as the log line it came from: ` resource: /r name: /n message: /m error: /e` → fields. */
  private resultLine(level: LogLevel, text: string, fields: Readonly<Record<string, string>>): void {
    const parsed = resultText.exec(text);
    if (!parsed) return this.add(level, text.trim(), fields);
    const [, resource, name, message = '', error] = parsed;
    this.add(level, message, {
      ...fields,
      ...(resource !== undefined ? { resource } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(error !== undefined ? { error } : {}),
    });
  }

  private add(level: LogLevel, message: string, fields: Readonly<Record<string, string | number>>): void {
    this.lines.push(logrusTextLine({ time: this.now(), level, message, fields: { ...fields, backup: this.backup } }));
  }
}
