/** Structured fields attached to a log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * The logger the adapter writes to: pino-shaped (`logger.warn({ fields }, 'message')`), so a pino
 * logger can be passed as is. The adapter never logs to the console.
 */
export interface KubeLogger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
}

const ignore = (): void => undefined;

/** A logger that drops everything: the default when the caller gives none. */
export const silentLogger: KubeLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
