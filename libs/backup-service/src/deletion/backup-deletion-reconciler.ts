// The DeleteBackupRequest reconciler (Velero's backupDeletionReconciler): judge the request with
// Velero's checks, then mark it InProgress and the Backup Deleting, delete everything of the backup,
// and mark it Processed with the errors; when nothing failed, every request of that backup goes.
import {
  backupDefinition,
  backupStorageLocationDefinition,
  BackupPhase,
  deleteBackupRequestDefinition,
  DeleteBackupRequestPhase,
  VeleroLabel,
  type Backup,
  type BackupStorageLocation,
  type DeleteBackupRequest,
} from '@ferry/api';
import { decideDeletionRequest, deletionRequestLabels, deletionRequestSelector, supersededRequests } from '@ferry/backup';
import { createCustomResourceClient, splitObjectKey, type ReconcileFunction } from '@ferry/kube';
import { deleteBackupEverywhere, type BackupDeletionCollaborators } from './backup-deletion-steps';

/** What {@link createBackupDeletionReconciler} needs besides the deletion's collaborators. */
export interface BackupDeletionReconcilerOptions extends BackupDeletionCollaborators {
  /** The request cache (the informer). */
  readonly requests: { get(namespace: string, name: string): DeleteBackupRequest | undefined };
  readonly now: () => number;
}

function clientsOf(options: BackupDeletionReconcilerOptions) {
  return {
    requests: createCustomResourceClient<DeleteBackupRequest>(options.kube, deleteBackupRequestDefinition),
    backups: createCustomResourceClient<Backup>(options.kube, backupDefinition),
    locations: createCustomResourceClient<BackupStorageLocation>(options.kube, backupStorageLocationDefinition),
  };
}
type Clients = ReturnType<typeof clientsOf>;

/** Merge-patches the request's status (velero.io kinds have no status subresource); a request already gone is fine. */
async function writeStatus(
  clients: Clients,
  request: DeleteBackupRequest,
  status: DeleteBackupRequest['status'],
  labels?: Record<string, string>,
) {
  const { namespace, name = '' } = request.metadata ?? {};
  const patch = { ...(labels ? { metadata: { labels } } : {}), status: { errors: null, ...status } };
  await clients.requests.patch(namespace, name, patch);
}

/** Deletes every request of `backupName` with `backupUid` (Velero's DeleteAllOf after a clean deletion). */
async function deleteAllRequests(clients: Clients, namespace: string, backupName: string, backupUid: string) {
  for (const other of await clients.requests.list(namespace, { labelSelector: deletionRequestSelector(backupName, backupUid) })) {
    await clients.requests.delete(namespace, other.metadata?.name ?? '', { ignoreNotFound: true });
  }
}

/** Velero removes the backup's other requests before acting on one, "so we only have one at a time". */
async function removeSuperseded(clients: Clients, request: DeleteBackupRequest, backupName: string) {
  const namespace = request.metadata?.namespace ?? '';
  const listed = await clients.requests.list(namespace, { labelSelector: deletionRequestSelector(backupName) });
  for (const other of supersededRequests(request, listed))
    await clients.requests.delete(namespace, other.metadata?.name ?? '', { ignoreNotFound: true });
}

async function deleteBackup(
  options: BackupDeletionReconcilerOptions,
  clients: Clients,
  request: DeleteBackupRequest,
  backup: Backup,
  location: BackupStorageLocation,
  signal: AbortSignal,
) {
  const namespace = request.metadata?.namespace ?? '';
  const backupName = backup.metadata?.name ?? '';
  const backupUid = backup.metadata?.uid ?? '';
  const current = request.metadata?.labels ?? {};
  const wanted = deletionRequestLabels(backupName, backupUid);
  // Velero only fills labels that are missing; a user's own value stays.
  const labels = Object.fromEntries(Object.entries(wanted).filter(([key]) => !current[key]));
  await writeStatus(clients, request, { phase: DeleteBackupRequestPhase.InProgress }, labels);
  try {
    await clients.backups.patch(namespace, backupName, { status: { phase: BackupPhase.Deleting } });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await writeStatus(clients, request, {
      phase: DeleteBackupRequestPhase.Processed,
      errors: [`error setting backup phase to deleting: ${message}`],
    });
    return;
  }
  const requestedBy = `DeleteBackupRequest ${namespace}/${request.metadata?.name ?? ''}`;
  const errors = await deleteBackupEverywhere(options, backup, location, requestedBy, signal);
  // Stopped mid-way: leave the request InProgress, the next leader resumes it instead of recording the abort as errors.
  if (signal.aborted) throw new Error(`${requestedBy}: controller stopping, deletion left InProgress for the next leader`);
  options.logger.info(
    { request: requestedBy, backup: backupName, errors },
    errors.length ? 'backup deletion finished with errors' : 'backup deleted',
  );
  await writeStatus(clients, request, { phase: DeleteBackupRequestPhase.Processed, ...(errors.length ? { errors } : {}) });
  if (errors.length === 0) await deleteAllRequests(clients, namespace, backupName, backupUid);
}

/**
 * The reconcile of one request key: reads the request from the cache and the Backup and its
 * location from the API server (fresh: a running backup must not be missed), decides with
 * `decideDeletionRequest`, and acts. Rejects (→ backoff) only when the API server fails.
 */
export function createBackupDeletionReconciler(options: BackupDeletionReconcilerOptions): ReconcileFunction {
  const clients = clientsOf(options);
  return async (key, signal) => {
    const { namespace = '', name } = splitObjectKey(key);
    const request = options.requests.get(namespace, name);
    if (!request) return;
    const backupName = request.spec?.backupName ?? '';
    const phase = request.status?.phase ?? '';
    const pending = phase !== DeleteBackupRequestPhase.Processed;
    if (pending && backupName) await removeSuperseded(clients, request, backupName);
    const backup = pending && backupName ? await clients.backups.find(namespace, backupName) : undefined;
    const locationName = backup?.spec?.storageLocation ?? '';
    const location = locationName ? await clients.locations.find(namespace, locationName) : undefined;
    const decision = decideDeletionRequest({ request, backup, location, nowMs: options.now() });
    switch (decision.action) {
      case 'ignore':
        return;
      case 'expire':
        return clients.requests.delete(namespace, name, { ignoreNotFound: true });
      case 'refuse':
        return writeStatus(clients, request, { phase: DeleteBackupRequestPhase.Processed, errors: [decision.error] });
      case 'finish':
        await writeStatus(clients, request, { phase: DeleteBackupRequestPhase.Processed });
        return deleteAllRequests(clients, namespace, backupName, request.metadata?.labels?.[VeleroLabel.BackupUid] ?? '');
      case 'delete':
        // decideDeletionRequest only says delete when both exist.
        if (backup && location) await deleteBackup(options, clients, request, backup, location, signal);
        return;
    }
  };
}
