// Errors of the data-movement lib. Its functions are pure, so every failure is a bad input that
// fails the same way again: nothing here is retryable.
import { FerryError } from '@ferry/errors';

/** Stable codes of the errors this lib throws; switch on these, never on messages. */
export const DataMovementErrorCode = {
  /** A Go duration setting or field is malformed, empty or not positive; the message names it and the accepted form. */
  InvalidDuration: 'DATA_MOVEMENT_INVALID_DURATION',
  /** A move job id cannot be built: the resource has no usable uid, or the attempt is not an integer ≥ 1. */
  InvalidJobId: 'DATA_MOVEMENT_INVALID_JOB_ID',
} as const;
/** One of {@link DataMovementErrorCode}. */
export type DataMovementErrorCode = (typeof DataMovementErrorCode)[keyof typeof DataMovementErrorCode];

/** A failure of the data-movement lib; never retryable (pure functions fail the same way on the same input). */
export class DataMovementError extends FerryError<DataMovementErrorCode> {
  constructor(code: DataMovementErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { cause: options?.cause, retryable: false });
  }
}
