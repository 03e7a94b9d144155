import { FerryError } from '@ferry/errors';

/** Stable codes of logger errors. */
export const LoggerErrorCode = {
  InvalidLevel: 'LOGGER_INVALID_LEVEL',
} as const;
/** One of {@link LoggerErrorCode}. */
export type LoggerErrorCode = (typeof LoggerErrorCode)[keyof typeof LoggerErrorCode];

/**
 * The configured log level is not one pino knows (e.g. a typo in `LOG_LEVEL`). Not retryable:
 * fix the configuration.
 */
export class InvalidLogLevelError extends FerryError<typeof LoggerErrorCode.InvalidLevel> {
  constructor(
    readonly level: string,
    options?: { cause?: unknown },
  ) {
    super(LoggerErrorCode.InvalidLevel, `log level ${JSON.stringify(level)} is not one of fatal, error, warn, info, debug, trace, silent`, {
      cause: options?.cause,
      retryable: false,
    });
  }
}
