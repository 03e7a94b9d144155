// Who creates a new repository: one claim per repository over JetStream, deduplicated by message
// id (the first publish within the EVENTS duplicate window is stored, later ones are acked as
// duplicates). S3 offers no create-if-absent for the tools' format blobs, so without one agreed
// creator, two movers creating the same repository at once each write their own keys and the
// last writer breaks the other (kopia "cipher: message authentication failed", restic "wrong
// password or no key found"). Velero avoids it by creating repositories in its BackupRepository
// controller; Ferry's controller runs no tools, so the movers agree among themselves.
import type { FerryContracts } from '@ferry/contracts';
import { lastStoredMessage, publishToStream, type NatsClient } from '@ferry/nats';
import type { RepositoryRef } from './repository-access-resolver';

/** A repository a mover found missing and wants to create. */
export interface RepositoryClaimRequest {
  /** {@link repositoryKey} of the repository. */
  readonly key: string;
  readonly uploader: 'restic' | 'kopia';
  readonly repository: RepositoryRef;
}

/** The answer to a claim: this mover creates (and calls `release` when done), or another one does. */
export type RepositoryClaim =
  | { readonly won: true; release(): void }
  | { readonly won: false; readonly holder?: { readonly node: string; readonly claimedAt: string } };

/** Agrees, cluster-wide, on one creator per new repository. */
export interface RepositoryClaims {
  /** How long a stored claim excludes other claimers (the stream's duplicate window); losers wait at most this long. */
  readonly holdMs: number;
  /**
   * Claims the creation of the repository. Blocks for one JetStream round trip (two when lost,
   * to name the holder). Rejects with the adapter's retryable `PublishError` when NATS does not
   * confirm; a lost claim is no error.
   */
  claim(request: RepositoryClaimRequest): Promise<RepositoryClaim>;
}

/** Options of {@link createNatsRepositoryClaims}. */
export interface NatsRepositoryClaimsOptions {
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly nodeName: string;
  /** Clock (tests). */
  readonly now?: () => number;
}

/**
 * Claims over the `repositoryClaim` event with message id `repository-claim-<key>`. A claim this
 * node holds from an earlier attempt (a create that failed, or a predecessor killed mid-create)
 * counts as won when this process is not creating that repository right now: the movers are one
 * per node, so nobody else can be working on it.
 */
export function createNatsRepositoryClaims(options: NatsRepositoryClaimsOptions): RepositoryClaims {
  const { nats, contracts, nodeName } = options;
  const now = options.now ?? Date.now;
  const contract = contracts.messages.repositoryClaim;
  const creating = new Set<string>();

  const won = (key: string): RepositoryClaim => {
    creating.add(key);
    return { won: true, release: () => creating.delete(key) };
  };

  return {
    holdMs: contract.stream.duplicateWindowMs,
    async claim({ key, uploader, repository }) {
      const claimedAt = new Date(now()).toISOString();
      const receipt = await publishToStream(
        nats,
        contract,
        { key },
        { v: 1, key, uploader, repository, node: nodeName, claimedAt },
        { messageId: `repository-claim-${key}` },
      );
      if (!receipt.duplicate) return won(key);
      // Naming the holder only helps messages; a failed read leaves it out.
      const stored = await lastStoredMessage(nats, contract, { key }).catch(() => undefined);
      const holder = stored ? { node: stored.data.node, claimedAt: stored.data.claimedAt } : undefined;
      if (holder?.node === nodeName && !creating.has(key)) return won(key);
      return { won: false, ...(holder ? { holder } : {}) };
    },
  };
}
