import { isSpanContextValid, trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger } from 'pino';
import { InvalidLogLevelError } from './errors';
import { redactionPaths } from './redaction';

/** Log levels, lowest volume first. */
export const LogLevel = {
  Fatal: 'fatal',
  Error: 'error',
  Warn: 'warn',
  Info: 'info',
  Debug: 'debug',
  Trace: 'trace',
  Silent: 'silent',
} as const;
/** One of {@link LogLevel}. */
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Component name, written as `name` on every line (e.g. `mover`, `nats`). */
  readonly name: string;
  /** Minimum level; default `info`. Strings from configuration are checked at runtime. */
  readonly level?: LogLevel | string;
  /** Where lines go; default stdout (synchronous writes). Tests pass a collecting stream. */
  readonly destination?: DestinationStream;
}

/** The value written in place of a secret. */
export const redactedValue = '[REDACTED]';

/** The trace and span of the active OpenTelemetry span, or nothing when there is none. */
export function activeTraceFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (span === undefined) return {};
  const ctx = span.spanContext();
  if (!isSpanContextValid(ctx)) return {};
  return { trace_id: ctx.traceId, span_id: ctx.spanId, trace_flags: `0${ctx.traceFlags.toString(16)}`.slice(-2) };
}

function checkLevel(level: string): LogLevel {
  const known: readonly string[] = Object.values(LogLevel);
  if (!known.includes(level)) throw new InvalidLogLevelError(level);
  return level as LogLevel;
}

/**
 * A JSON-lines pino logger. Secret-bearing keys (see `secretKeys`) are replaced by
 * `[REDACTED]` down to `redactionDepth` levels, and each line carries `trace_id`/`span_id` of the
 * span active when it is written. Synchronous and cheap; nothing to clean up (call `flush()` before
 * exit when writing to an async destination). Throws {@link InvalidLogLevelError} for an unknown level.
 */
export function createLogger(options: LoggerOptions): Logger {
  const level = checkLevel(options.level ?? LogLevel.Info);
  const config = {
    name: options.name,
    level,
    redact: { paths: redactionPaths(), censor: redactedValue },
    mixin: activeTraceFields,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return options.destination === undefined ? pino(config) : pino(config, options.destination);
}

/** A logger that writes nothing; for callers that were given none and for tests. */
export function silentLogger(): Logger {
  return pino({ level: LogLevel.Silent });
}

/** The pino logger type every Ferry component logs through. */
export type { Logger };
