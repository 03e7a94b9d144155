// Failures of `ferry` commands. Each is printed as one line on stderr (no stack trace) and gives
// exit code 1.
import { FerryError } from '@ferry/errors';

/** Stable codes of CLI failures. */
export const CliErrorCode = {
  /** A flag value or argument is unusable; the message names it and the fix. */
  BadFlag: 'CLI_BAD_FLAG',
  /** The object the command is about does not exist or is not ready for it. */
  NotAvailable: 'CLI_NOT_AVAILABLE',
  /** A document could not be downloaded. */
  Download: 'CLI_DOWNLOAD',
} as const;
/** One of {@link CliErrorCode}. */
export type CliErrorCode = (typeof CliErrorCode)[keyof typeof CliErrorCode];

/** A command failure whose message is meant for the user as is. */
export class CliError extends FerryError<CliErrorCode> {
  constructor(code: CliErrorCode, message: string, cause?: unknown) {
    super(code, message, { cause, retryable: false });
  }
}
