// Which VSBs/VSRs have objects the snapshot mover labelled, as last seen on the API server. The
// controllers add these owners to their resync keys, so a reconcile of an owner deleted (or deleted
// and re-created) while the service was down removes what it left behind.
import type { KubeLogger } from '@ferry/kube';
import { ownersWithObjects, type OwnerOfObjects } from './owned-objects';
import type { SnapshotMoverApi } from './snapshot-mover-api';
import type { OwnerKind } from './snapshot-mover-names';

/** The owners found by the last scan; `refresh` scans again. */
export interface LeftoverScan {
  /**
   * Lists the labelled objects again unless a scan is running (then waits for that one). Never
   * rejects: a failed scan is logged and keeps the previous result.
   */
  refresh(): Promise<void>;
  /** Owners of `kind` found by the last completed scan. */
  owners(kind: OwnerKind): readonly OwnerOfObjects[];
}

/** A scan over `api` (namespaced objects in `namespace`, every namespace when undefined). */
export function createLeftoverScan(api: SnapshotMoverApi, logger: KubeLogger, namespace?: string): LeftoverScan {
  let found: readonly OwnerOfObjects[] = [];
  let running: Promise<void> | undefined;
  return {
    refresh() {
      running ??= ownersWithObjects(api, namespace)
        .then((owners) => void (found = owners))
        .catch((error: unknown) =>
          logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'listing the snapshot mover objects failed'),
        )
        .finally(() => (running = undefined));
      return running;
    },
    owners: (kind) => found.filter((owner) => owner.kind === kind && owner.owner !== ''),
  };
}
