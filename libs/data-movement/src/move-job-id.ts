// Deterministic move job ids, one per attempt: `<prefix>-<uid>` for the first, `<prefix>-<uid>-r<n>`
// for retry n. A job re-sent with the same id is the same job (the mover runs it once), so a
// controller that restarts and re-sends cannot run a transfer twice. Pure.
import { DataMovementError, DataMovementErrorCode } from './errors';

/** The data-path kinds and their job-id prefixes (Velero's async operation ids use du-/dd-). */
export const moveJobPrefix = { DataUpload: 'du', DataDownload: 'dd', PodVolumeBackup: 'pvb', PodVolumeRestore: 'pvr' } as const;
/** A data-path kind. */
export type DataPathKind = keyof typeof moveJobPrefix;

function uidToken(uid: string): string {
  const token = uid
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!token) throw new DataMovementError(DataMovementErrorCode.InvalidJobId, `uid ${JSON.stringify(uid)} gives no job id token`);
  return token;
}

/** The job id of `attempt` (1-based) of the move of resource `uid`. Throws a `DataMovementError` (`DATA_MOVEMENT_INVALID_JOB_ID`) for an attempt < 1 or an empty uid. */
export function moveJobId(kind: DataPathKind, uid: string, attempt = 1): string {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new DataMovementError(DataMovementErrorCode.InvalidJobId, `attempt ${attempt} must be an integer ≥ 1`);
  const base = `${moveJobPrefix[kind]}-${uidToken(uid)}`;
  return attempt === 1 ? base : `${base}-r${attempt}`;
}

/** The attempt number of a job id built by {@link moveJobId} for `kind`/`uid`; undefined when it is another's. */
export function moveJobAttempt(kind: DataPathKind, uid: string, jobId: string): number | undefined {
  const base = `${moveJobPrefix[kind]}-${uidToken(uid)}`;
  if (jobId === base) return 1;
  const match = jobId.startsWith(`${base}-r`) ? /^(\d+)$/.exec(jobId.slice(base.length + 2)) : null;
  const attempt = match ? Number(match[1]) : Number.NaN;
  return attempt >= 2 ? attempt : undefined;
}

/** How a failed move goes on: another attempt, or the resource fails. */
export type MoveRetryDecision = { readonly retry: true; readonly nextAttempt: number } | { readonly retry: false };

/** Default number of attempts of one move (the first plus two retries). */
export const defaultMaxMoveAttempts = 3;

/** Retries a retryable failure while attempts remain; a non-retryable one fails at once. */
export function decideMoveRetry(
  error: { readonly retryable: boolean },
  attempt: number,
  maxAttempts: number = defaultMaxMoveAttempts,
): MoveRetryDecision {
  return error.retryable && attempt < maxAttempts ? { retry: true, nextAttempt: attempt + 1 } : { retry: false };
}
