// The mover's answer to `repository.delete-snapshots`: any mover (one of the queue group) opens the
// repository from its BSL and Secrets, as a move job does, and deletes the snapshots with the
// repository's tool (Velero's repository `Forget`). Not tied to a node: the repository is in the
// bucket, so whichever mover takes the request can do it.
import type { FerryContracts, MessageOf, ReplyInput } from '@ferry/contracts';
import type { Logger } from '@ferry/logger';
import { serveRequests, type NatsClient, type SubscriptionHandle } from '@ferry/nats';
import { UploaderError, UploaderErrorCode, type Uploader } from '@ferry/uploader';
import type { RepositoryAccessResolver } from './repository-access-resolver';

type DeletionContract = FerryContracts['messages']['repositoryDeleteSnapshots'];

/** What {@link serveSnapshotDeletions} needs. */
export interface SnapshotDeletionResponderOptions {
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly logger: Logger;
  readonly resolver: RepositoryAccessResolver;
  readonly uploaders: Readonly<Record<'restic' | 'kopia', Uploader>>;
}

/**
 * Deletes one request's snapshots. A repository that does not exist holds none of them: every id
 * is `missing`. Rejects with the resolver's `MOVER_*` or the uploader's `UPLOADER_*` error, which
 * the responder sends back as an error reply (its `retryable` kept).
 */
export async function deleteRequestedSnapshots(
  options: Pick<SnapshotDeletionResponderOptions, 'resolver' | 'uploaders'>,
  request: MessageOf<DeletionContract>,
): Promise<ReplyInput<DeletionContract>> {
  const access = await options.resolver.resolve(request.uploader, request.repository);
  try {
    const { deleted, missing } = await options.uploaders[request.uploader].deleteSnapshots(access, request.snapshotIds);
    return { v: 1, deleted: [...deleted], missing: [...missing] };
  } catch (error) {
    if (error instanceof UploaderError && error.code === UploaderErrorCode.RepositoryNotFound) {
      return { v: 1, deleted: [], missing: [...new Set(request.snapshotIds)] };
    }
    throw error;
  }
}

/**
 * Serves `repository.delete-snapshots` in the movers' queue group until the handle is stopped
 * (stop waits for running deletions; the caller stops it before closing `nats`). Returns at once.
 */
export function serveSnapshotDeletions(options: SnapshotDeletionResponderOptions): SubscriptionHandle {
  const { logger } = options;
  return serveRequests(options.nats, {
    contract: options.contracts.messages.repositoryDeleteSnapshots,
    handler: async ({ data }) => {
      const reply = await deleteRequestedSnapshots(options, data);
      logger.info(
        {
          requestedBy: data.requestedBy,
          uploader: data.uploader,
          repository: data.repository,
          deleted: reply.deleted,
          missing: reply.missing,
        },
        'repository snapshots deleted',
      );
      return reply;
    },
  });
}
