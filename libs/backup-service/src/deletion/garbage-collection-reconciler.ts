// The garbage collector of expired backups (Velero's gcReconciler): an expired Backup gets a
// DeleteBackupRequest unless its location forbids it, and the `velero.io/gc-failure` label says why.
import {
  backupStorageLocationDefinition,
  deleteBackupRequestDefinition,
  type Backup,
  type BackupStorageLocation,
  type DeleteBackupRequest,
} from '@ferry/api';
import {
  decideGarbageCollection,
  deleteBackupRequestFor,
  deletionRequestSelector,
  garbageCollectionLabelPatch,
  isBackupExpired,
  type LocationLookup,
} from '@ferry/backup';
import {
  createCustomResourceClient,
  splitObjectKey,
  type CustomResourceClient,
  type KubeClient,
  type KubeLogger,
  type ReconcileFunction,
} from '@ferry/kube';

/** What {@link createGarbageCollectionReconciler} needs. */
export interface GarbageCollectionReconcilerOptions {
  /** Writes go through it (the leader's write-fenced client). */
  readonly kube: KubeClient;
  /** The Backup cache (the informer). */
  readonly backups: { get(namespace: string, name: string): Backup | undefined };
  /** Writes Backup labels (merge patch). */
  readonly backupClient: CustomResourceClient<Backup>;
  readonly logger: KubeLogger;
  readonly now: () => number;
}

async function lookUpLocation(
  locations: CustomResourceClient<BackupStorageLocation>,
  namespace: string,
  name: string,
): Promise<LocationLookup> {
  if (!name) return { found: false };
  try {
    const location = await locations.find(namespace, name);
    return location ? { found: true, location } : { found: false };
  } catch {
    return { found: 'unknown' };
  }
}

/**
 * The reconcile of one Backup key: nothing until the backup expired; then the location's checks,
 * the gc-failure label written when it changes, and a DeleteBackupRequest created unless one is
 * pending and the backup still exists (read live, not from the cache). A location that is missing,
 * unreadable or unavailable rejects (→ retry with backoff), as Velero's.
 */
export function createGarbageCollectionReconciler(options: GarbageCollectionReconcilerOptions): ReconcileFunction {
  const locations = createCustomResourceClient<BackupStorageLocation>(options.kube, backupStorageLocationDefinition);
  const requests = createCustomResourceClient<DeleteBackupRequest>(options.kube, deleteBackupRequestDefinition);
  return async (key) => {
    const { namespace = '', name } = splitObjectKey(key);
    const backup = options.backups.get(namespace, name);
    const nowMs = options.now();
    if (!backup || !isBackupExpired(backup, nowMs)) return;
    const location = await lookUpLocation(locations, namespace, backup.spec?.storageLocation ?? '');
    const uid = backup.metadata?.uid ?? '';
    const existing = location.found === true ? await requests.list(namespace, { labelSelector: deletionRequestSelector(name, uid) }) : [];
    const decision = decideGarbageCollection(backup, location, existing, nowMs);
    const labels = garbageCollectionLabelPatch(backup, decision);
    if (labels) {
      await options.backupClient.patch(namespace, name, { metadata: { labels } }).catch((error: unknown) => {
        options.logger.warn({ err: error, backup: key }, 'error updating backup labels');
      });
    }
    if (decision.action === 'hold' && decision.retry)
      throw new Error(`backup ${key} expired but cannot be garbage-collected: ${decision.retry}`);
    if (decision.action === 'collect' && decision.createRequest) {
      // The cache may still hold a backup whose deletion just finished (its request already
      // Processed or gone): only the live object proves there is something left to collect.
      const live = await options.backupClient.find(namespace, name);
      if (live?.metadata?.uid !== uid) return;
      const created = await requests.create(deleteBackupRequestFor(backup));
      options.logger.info({ backup: key, request: created.metadata?.name }, 'expired backup: deletion request created');
    }
  };
}
