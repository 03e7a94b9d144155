import { z } from 'zod';
import { moveRepositorySchema, uploaderTypeSchema } from './move-messages';

// Schemas of repository coordination (version 1). Creating a repository cannot be made atomic on
// S3 (each `kopia repository create` / `restic init` writes its own random keys; the last writer
// wins), so movers agree on one creator per repository through a deduplicated claim event.

/**
 * A repository's identity as a subject token: lower-case hex of a hash of what locates it
 * (endpoint, bucket, prefix, tool, volume namespace), never of a secret.
 */
export const repositoryKeySchema = z.string().regex(/^[0-9a-f]{16,64}$/, 'repository key must be 16-64 lower-case hex digits');

/**
 * Event `repository.claim.<key>`: "this mover creates the repository". Published with the message
 * id `repository-claim-<key>`: within the stream's duplicate window only the first publish is
 * stored, and its publisher alone creates; the others see their publish acked as a duplicate,
 * wait for the repository to appear and connect. A claim older than the window no longer
 * excludes anyone (its creator may have died): the next mover to find no repository claims anew.
 */
export const repositoryClaimSchema = z.object({
  v: z.literal(1),
  key: repositoryKeySchema,
  uploader: uploaderTypeSchema,
  /** The BSL and volume namespace the claimer resolved the repository from (for people reading the stream). */
  repository: moveRepositorySchema,
  /** The claiming mover's node. */
  node: z.string().min(1),
  claimedAt: z.iso.datetime({ offset: true }),
});

/** Largest number of snapshot ids in one deletion request (one Backup's volumes of one namespace fit). */
export const maxSnapshotIdsPerDeletion = 1000;

/**
 * Request `repository.delete-snapshots` (controller → any mover, queue group): delete these
 * snapshots from the repository of `repository` made by `uploader`, as Velero's deletion does
 * with the repository's `Forget`. Ids are the DataUpload/PodVolumeBackup `status.snapshotID`s
 * (restic short ids allowed). `requestedBy` names the resource that asks, for the mover's log.
 */
export const repositorySnapshotDeletionSchema = z.object({
  v: z.literal(1),
  uploader: uploaderTypeSchema,
  repository: moveRepositorySchema,
  snapshotIds: z.array(z.string().min(1)).min(1).max(maxSnapshotIdsPerDeletion),
  requestedBy: z.string().min(1),
});

/**
 * Reply of `repository.delete-snapshots`: the ids the repository held and no longer holds, and
 * the ids it did not hold (already deleted; a missing repository holds none). Failures are error
 * replies with the mover's codes (`MOVER_BSL_NOT_FOUND`, `UPLOADER_WRONG_PASSWORD`,
 * `UPLOADER_REPOSITORY_LOCKED` (retryable) …).
 */
export const repositorySnapshotDeletionReplySchema = z.object({
  v: z.literal(1),
  deleted: z.array(z.string()),
  missing: z.array(z.string()),
});
