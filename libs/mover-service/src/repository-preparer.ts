// Connects a job's repository, creating it when it does not exist yet, with one creator per
// repository across the cluster (see repository-claim.ts). The same steps for restic and kopia:
// both write random keys on creation, so both need the claim.
import { setTimeout as sleep } from 'node:timers/promises';
import { UploaderError, UploaderErrorCode, type RepositoryAccess, type Uploader } from '@ferry/uploader';
import { MoverServiceError, MoverServiceErrorCode } from './errors';
import type { RepositoryClaimRequest, RepositoryClaims } from './repository-claim';

/** How a repository became usable: it existed, this mover created it, or another mover did while this one waited. */
export type RepositoryPreparation = 'connected' | 'created' | 'joined';

/** Options of {@link prepareRepository}. */
export interface RepositoryPreparationOptions {
  readonly claims: RepositoryClaims;
  readonly request: RepositoryClaimRequest;
  /** Stops the tool or the wait; the call then rejects with `UPLOADER_CANCELED`. */
  readonly signal: AbortSignal;
  /** Interval of connect attempts while another mover creates; default 1 s. */
  readonly pollMs?: number;
  /** How long to wait for another mover's repository; default the claim's hold time (2 min). */
  readonly waitMs?: number;
  /** Clock (tests). */
  readonly now?: () => number;
}

const isCode = (error: unknown, ...codes: UploaderErrorCode[]): error is UploaderError =>
  error instanceof UploaderError && codes.includes(error.code);

function describe(access: RepositoryAccess, request: RepositoryClaimRequest): string {
  const { location } = access;
  const prefix = location.prefix ? `${location.prefix}/` : '';
  return (
    `${request.uploader} repository s3://${location.bucket}/${prefix}${request.uploader}/${location.volumeNamespace} at ${location.endpoint} ` +
    `(BackupStorageLocation ${request.repository.backupStorageLocation}, volume namespace ${request.repository.volumeNamespace})`
  );
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (cause) {
    throw new UploaderError(UploaderErrorCode.Canceled, 'canceled while waiting for another mover to create the repository', { cause });
  }
}

/**
 * Makes the repository of `access` usable with `uploader`: connects when it exists; when it does
 * not, claims its creation and creates it, or — when another mover holds the claim — polls
 * connect every `pollMs` until it appears (a repository half-written by its creator counts as
 * not there yet). Blocks up to `waitMs` plus one tool run. Rejects with the uploader's
 * `UploaderError`, the claim's `PublishError`, or `MOVER_REPOSITORY_NOT_CREATED` (retryable) when
 * the other mover's repository did not appear in time.
 */
export async function prepareRepository(
  uploader: Uploader,
  access: RepositoryAccess,
  options: RepositoryPreparationOptions,
): Promise<RepositoryPreparation> {
  const { claims, request, signal } = options;
  try {
    await uploader.connectRepository(access, signal);
    return 'connected';
  } catch (error) {
    if (!isCode(error, UploaderErrorCode.RepositoryNotFound)) throw error;
  }
  const claim = await claims.claim(request);
  if (claim.won) {
    try {
      await uploader.createRepository(access, signal);
      return 'created';
    } catch (error) {
      // A repository older than any claim still held (or created by a tool outside Ferry).
      if (!isCode(error, UploaderErrorCode.RepositoryExists)) throw error;
      await uploader.connectRepository(access, signal);
      return 'connected';
    } finally {
      claim.release();
    }
  }
  const now = options.now ?? Date.now;
  const deadline = now() + (options.waitMs ?? claims.holdMs);
  let last: unknown;
  while (now() < deadline) {
    await pause(options.pollMs ?? 1_000, signal);
    try {
      await uploader.connectRepository(access, signal);
      return 'joined';
    } catch (error) {
      if (!isCode(error, UploaderErrorCode.RepositoryNotFound, UploaderErrorCode.ToolFailed)) throw error;
      last = error;
    }
  }
  const holder = claim.holder ? ` by the mover on node ${claim.holder.node} at ${claim.holder.claimedAt}` : ' by another mover';
  throw new MoverServiceError(
    MoverServiceErrorCode.RepositoryNotCreated,
    `the ${describe(access, request)} was claimed for creation${holder} but did not appear within ${Math.round((options.waitMs ?? claims.holdMs) / 1000)} s; ` +
      "check that mover's log; a retry creates it once the claim has expired",
    { cause: last },
  );
}
