// The snapshot mover service: informers on VolumeSnapshotBackups/Restores and on the
// DataUploads/DataDownloads it created, a reconcile queue, and a periodic resync that also sweeps
// objects of VSBs/VSRs deleted while it was down. Started by apps/controller beside the
// DataUpload/DataDownload controller; tests start it in-process.
import {
  dataDownloadDefinition,
  dataUploadDefinition,
  volumeSnapshotBackupDefinition,
  volumeSnapshotRestoreDefinition,
  type DataDownload,
  type DataUpload,
  type VolumeSnapshotBackup,
  type VolumeSnapshotRestore,
} from '@ferry/api';
import { createEventRecorder, createInformer, type KubeClient, type KubeLogger, type KubeObject, type ResourceInformer } from '@ferry/kube';
import { reconcileBackup } from './backup-reconciler';
import { deleteOwnedObjects, deleteRestoredContents, ownersWithObjects } from './owned-objects';
import type { ReconcileContext, ReconcileResult } from './reconcile-context';
import { createReconcileQueue } from './reconcile-queue';
import { reconcileRestore } from './restore-reconciler';
import { createSnapshotMoverApi } from './snapshot-mover-api';
import { OwnerKind, SnapshotMoverAnnotation, SnapshotMoverLabel } from './snapshot-mover-names';

/** What {@link startSnapshotMoverService} needs (a `ServiceContext`'s `kube` and `logger` fit). */
export interface SnapshotMoverServiceDependencies {
  readonly kube: KubeClient;
  readonly logger: KubeLogger;
  /** Poll interval while waiting without events (snapshot readiness, deletions); default 500 ms. */
  readonly pollIntervalMs?: number;
  /** Full resync and leftover sweep; default 30 s. */
  readonly resyncIntervalMs?: number;
  /**
   * Serve only VSBs/VSRs whose `spec.protectedNamespace` is this namespace (Ferry's namespace, where
   * the DataUpload/DataDownload controller works); undefined = every protected namespace.
   */
  readonly namespace?: string;
  /** Event source component; default `ferry-snapshot-mover`. */
  readonly component?: string;
}

/** A running snapshot mover service. */
export interface SnapshotMoverService {
  /** Stops the informers, the resync and the queue (waiting for running passes). */
  stop(): Promise<void>;
}

const backupKey = (namespace: string, name: string) => `${OwnerKind.Backup}/${namespace}/${name}`;
const restoreKey = (namespace: string, name: string) => `${OwnerKind.Restore}/${namespace}/${name}`;
const cleanupKey = (uid: string) => `cleanup/${uid}`;

/**
 * Starts the service and resolves once its informers listed (so the first passes see the cluster).
 * Reconciles every VSB/VSR in every namespace; the objects it creates live in each one's
 * `spec.protectedNamespace`. On a start-up failure it stops what it started and rethrows.
 */
export async function startSnapshotMoverService(deps: SnapshotMoverServiceDependencies): Promise<SnapshotMoverService> {
  const { kube, logger } = deps;
  const api = createSnapshotMoverApi(kube);
  const ctx: ReconcileContext = {
    api,
    logger,
    now: () => new Date(),
    pollMs: deps.pollIntervalMs ?? 500,
    events: createEventRecorder(kube, deps.component ?? 'ferry-snapshot-mover', logger),
    ...(deps.namespace ? { namespace: deps.namespace } : {}),
  };

  const pass = async (key: string): Promise<ReconcileResult> => {
    const [kind, first = '', second = ''] = key.split('/');
    if (kind === OwnerKind.Backup) return reconcileBackup(ctx, first, second);
    if (kind === OwnerKind.Restore) return reconcileRestore(ctx, first, second);
    const remaining = (await deleteOwnedObjects(api, first, deps.namespace)) + (await deleteRestoredContents(api, first));
    return remaining > 0 ? { requeueAfterMs: ctx.pollMs } : {};
  };
  const queue = createReconcileQueue(pass, { logger });
  const informerOptions = { logger };
  const backups = createInformer<VolumeSnapshotBackup>(kube, volumeSnapshotBackupDefinition, informerOptions);
  const restores = createInformer<VolumeSnapshotRestore>(kube, volumeSnapshotRestoreDefinition, informerOptions);
  const ownedOnly = {
    ...informerOptions,
    labelSelector: SnapshotMoverLabel.OwnerKind,
    ...(deps.namespace ? { namespace: deps.namespace } : {}),
  };
  const uploads = createInformer<DataUpload>(kube, dataUploadDefinition, ownedOnly);
  const downloads = createInformer<DataDownload>(kube, dataDownloadDefinition, ownedOnly);
  const informers: ResourceInformer<KubeObject>[] = [backups, restores, uploads, downloads];

  const watchOwner = (informer: ResourceInformer<VolumeSnapshotBackup | VolumeSnapshotRestore>, keyOf: typeof backupKey) => {
    const enqueue = (object: KubeObject) => queue.add(keyOf(object.metadata?.namespace ?? '', object.metadata?.name ?? ''));
    informer.on('add', enqueue);
    informer.on('update', enqueue);
    informer.on('delete', (object) => queue.add(cleanupKey(object.metadata?.uid ?? '')));
  };
  watchOwner(backups, backupKey);
  watchOwner(restores, restoreKey);
  const routeToOwner = (object: DataUpload | DataDownload) => {
    const owner = object.metadata?.annotations?.[SnapshotMoverAnnotation.Owner] ?? '';
    const [namespace = '', name = ''] = owner.split('/');
    const kind = object.metadata?.labels?.[SnapshotMoverLabel.OwnerKind];
    if (kind === OwnerKind.Backup) queue.add(backupKey(namespace, name));
    if (kind === OwnerKind.Restore) queue.add(restoreKey(namespace, name));
  };
  for (const informer of [uploads, downloads]) {
    informer.on('add', routeToOwner);
    informer.on('update', routeToOwner);
  }

  const sweep = async (): Promise<void> => {
    for (const vsb of backups.list()) queue.add(backupKey(vsb.metadata?.namespace ?? '', vsb.metadata?.name ?? ''));
    for (const vsr of restores.list()) queue.add(restoreKey(vsr.metadata?.namespace ?? '', vsr.metadata?.name ?? ''));
    for (const found of await ownersWithObjects(api, deps.namespace)) {
      const [namespace = '', name = ''] = found.owner.split('/');
      const client = found.kind === OwnerKind.Restore ? api.restores : api.backups;
      // Ask the API server, not the cache: an owner created a moment ago may not be cached yet.
      const live = namespace && name ? await client.find(namespace, name) : undefined;
      if (live?.metadata?.uid !== found.uid) queue.add(cleanupKey(found.uid));
    }
  };
  let sweeping: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    sweeping = sweeping
      .then(sweep)
      .catch((error: unknown) =>
        logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'snapshot mover sweep failed'),
      );
  }, deps.resyncIntervalMs ?? 30_000);

  const stop = async (): Promise<void> => {
    clearInterval(timer);
    await Promise.allSettled(informers.map((informer) => informer.stop()));
    await sweeping;
    await queue.stop();
  };
  try {
    await Promise.all(informers.map((informer) => informer.synced));
    sweeping = sweep().catch((error: unknown) =>
      logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'snapshot mover sweep failed'),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({}, 'snapshot mover service started');
  return { stop };
}
