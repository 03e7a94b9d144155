// Errors of the restore rules. Every function here is pure, so a failure is a bad input that fails
// the same way again: nothing is retryable.
import { FerryError } from '@ferry/errors';

/** Stable codes of the restore rules' failures; switch on these, never on messages. */
export const RestoreRuleErrorCode = {
  /** `--restore-resource-priorities` has more than one `-` separator. */
  InvalidPriorities: 'RESTORE_INVALID_PRIORITIES',
  /** A backed-up item is not a JSON object with `metadata` (Velero's "metadata not found"). */
  InvalidItem: 'RESTORE_INVALID_ITEM',
  /** A restore hook cannot be applied: an invalid label selector or init container (Velero's message). */
  InvalidRestoreHook: 'RESTORE_INVALID_HOOK',
} as const;
/** One of {@link RestoreRuleErrorCode}. */
export type RestoreRuleErrorCode = (typeof RestoreRuleErrorCode)[keyof typeof RestoreRuleErrorCode];

/** A failure of the restore rules; never retryable (same input, same failure). */
export class RestoreRuleError extends FerryError<RestoreRuleErrorCode> {
  constructor(code: RestoreRuleErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { cause: options?.cause, retryable: false });
  }
}
