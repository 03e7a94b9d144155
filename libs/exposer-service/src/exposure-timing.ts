// Pure parts of the exposure job handler: the prepare deadline counted from acceptance, and the
// result events. No IO.
import type { ExposureDiagnosis } from '@ferry/exposer';
import { ExposerServiceError, ExposerServiceErrorCode } from './errors';
import type { ExposedVolume, OperationRef } from './exposer-roles';

/** The instant (epoch ms) the prepare timeout ends: acceptance plus the timeout. Throws an `EXPOSER_JOB_INVALID` error (not retryable) on an unparsable time. */
export function prepareDeadline(acceptedAt: string, timeoutMs: number): number {
  const accepted = Date.parse(acceptedAt);
  if (Number.isNaN(accepted))
    throw new ExposerServiceError(
      ExposerServiceErrorCode.JobInvalid,
      `acceptedAt ${JSON.stringify(acceptedAt)} of the exposure job is not an RFC 3339 time; the job cannot be run`,
    );
  return accepted + timeoutMs;
}

/** Milliseconds left until `deadline` at `now`; 0 once passed. */
export function remainingMs(deadline: number, now: number): number {
  return Math.max(0, deadline - now);
}

/** Direction of an exposure, from the operation's kind. */
export function directionOf(operation: OperationRef): 'backup' | 'restore' {
  return operation.kind === 'DataUpload' ? 'backup' : 'restore';
}

/** How an exposer job ended; the payload of the `expose.result` event, built by {@link buildExposeResult}. */
export type ExposeOutcome =
  | { readonly outcome: 'exposed'; readonly exposed: ExposedVolume }
  /** `cause`: why the exposer gave up (its error, or the failed state's cause); absent when it does not know. */
  | { readonly outcome: 'failed'; readonly cause?: string; readonly diagnosis?: ExposureDiagnosis }
  | { readonly outcome: 'timed-out'; readonly cause: string; readonly diagnosis?: ExposureDiagnosis }
  | { readonly outcome: 'cleaned' | 'completed' };

/** The `expose.result` payload (schema version 1). */
export interface ExposeResultPayload {
  readonly v: 1;
  readonly operation: OperationRef;
  readonly direction: 'backup' | 'restore';
  readonly outcome: ExposeOutcome['outcome'];
  readonly exposed?: ExposedVolume;
  readonly cause?: string;
  readonly diagnosis?: ExposureDiagnosis;
  readonly at: string;
}

/** Cause of a failure that names none and has no diagnosis either. */
export const unknownFailureCause = 'exposure failed; see the exposer log';

/**
 * Builds the result event of a job. A timed-out result's cause is the diagnosis's one-line cause
 * when it has one (e.g. `backupPVC Pending: storage class 'fast-ro' not found`), else the timeout
 * message. A failed result keeps the exposer's own cause (e.g. `source PVC shop/db … does not
 * exist`: the diagnosis of objects never created would only say `backup pod not found`), falling
 * back to the diagnosis's cause.
 */
export function buildExposeResult(operation: OperationRef, ended: ExposeOutcome, at: Date): ExposeResultPayload {
  const base = { v: 1 as const, operation, direction: directionOf(operation), outcome: ended.outcome, at: at.toISOString() };
  switch (ended.outcome) {
    case 'exposed':
      return { ...base, exposed: ended.exposed };
    case 'failed':
      return {
        ...base,
        cause: ended.cause ?? ended.diagnosis?.cause ?? unknownFailureCause,
        ...(ended.diagnosis ? { diagnosis: ended.diagnosis } : {}),
      };
    case 'timed-out':
      return { ...base, cause: ended.diagnosis?.cause ?? ended.cause, ...(ended.diagnosis ? { diagnosis: ended.diagnosis } : {}) };
    default:
      return base;
  }
}

/** A stable key of an operation (`kind/namespace/name`), for maps and logs. */
export function operationKey(operation: OperationRef): string {
  return `${operation.kind}/${operation.namespace}/${operation.name}`;
}
