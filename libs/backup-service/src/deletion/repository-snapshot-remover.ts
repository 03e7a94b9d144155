// The RepositorySnapshotRemover role and its NATS implementation: the deletion asks any mover (the
// `repository.delete-snapshots` queue group) to delete one repository's snapshots and waits.
import type { RepositorySnapshots } from '@ferry/backup';
import type { FerryContracts } from '@ferry/contracts';
import { request, type NatsClient } from '@ferry/nats';

/** What a removal did: ids deleted, and ids the repository did not hold (already gone). */
export interface SnapshotRemoval {
  readonly deleted: readonly string[];
  readonly missing: readonly string[];
}

/** Deletes a backup's snapshots from one repository. */
export interface RepositorySnapshotRemover {
  /**
   * Deletes `snapshots.snapshotIds` from their repository; `requestedBy` names the asking resource
   * in the remover's log. Idempotent. Rejects with the remover's error (a `code`, and `retryable`).
   */
  remove(snapshots: RepositorySnapshots, requestedBy: string, signal?: AbortSignal): Promise<SnapshotRemoval>;
}

/** Options of {@link createNatsSnapshotRemover}. */
export interface NatsSnapshotRemoverOptions {
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  /** How long to wait for a mover's reply; default 5 minutes (a big restic repository lists slowly). */
  readonly timeoutMs?: number;
}

/** A remover that sends `repository.delete-snapshots` requests (no responder: `NATS_REQUEST_*` no-responders). */
export function createNatsSnapshotRemover(options: NatsSnapshotRemoverOptions): RepositorySnapshotRemover {
  return {
    async remove(snapshots, requestedBy, signal) {
      const reply = await request(
        options.nats,
        options.contracts.messages.repositoryDeleteSnapshots,
        {},
        {
          v: 1,
          uploader: snapshots.uploader,
          repository: { backupStorageLocation: snapshots.backupStorageLocation, volumeNamespace: snapshots.volumeNamespace },
          snapshotIds: [...snapshots.snapshotIds],
          requestedBy,
        },
        { timeoutMs: options.timeoutMs ?? 5 * 60_000, ...(signal ? { signal } : {}) },
      );
      return { deleted: reply.deleted, missing: reply.missing };
    },
  };
}
