// The snapshot mover service: a VolumeSnapshotBackup controller and a VolumeSnapshotRestore
// controller on `@ferry/kube`'s runtime, fed by informers on the VSBs/VSRs and on the
// DataUploads/DataDownloads the service created. Started by apps/controller beside the
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
import {
  createEventRecorder,
  createInformer,
  type Clock,
  type ControllerStats,
  type KubeClient,
  type KubeLogger,
  type KubeObject,
  type ResourceInformer,
} from '@ferry/kube';
import { reconcileBackup } from './backup-reconciler';
import { createLeftoverScan } from './leftover-scan';
import { createOwnerController } from './owner-controller';
import type { ReconcileContext } from './reconcile-context';
import { reconcileRestore } from './restore-reconciler';
import { createSnapshotMoverApi } from './snapshot-mover-api';
import { OwnerKind, SnapshotMoverLabel } from './snapshot-mover-names';

/** What {@link startSnapshotMoverService} needs (a `ServiceContext`'s `kube` and `logger` fit). */
export interface SnapshotMoverServiceDependencies {
  readonly kube: KubeClient;
  readonly logger: KubeLogger;
  /** Poll interval while waiting without events (snapshot readiness, deletions); default 500 ms. */
  readonly pollIntervalMs?: number;
  /** Every owner, and every owner with leftover objects, is reconciled this often; default 30 s. */
  readonly resyncIntervalMs?: number;
  /**
   * Serve only VSBs/VSRs whose `spec.protectedNamespace` is this namespace (Ferry's namespace, where
   * the DataUpload/DataDownload controller works); undefined = every protected namespace.
   */
  readonly namespace?: string;
  /** Event source component; default `ferry-snapshot-mover`. */
  readonly component?: string;
  /** Owners reconciled at once per controller; default 4. */
  readonly concurrency?: number;
  /** Replaces the system clock of the controllers (tests). */
  readonly clock?: Clock;
}

/** A running snapshot mover service. */
export interface SnapshotMoverService {
  /** Figures of the VSB and VSR controllers (queue depth, retries, reconcile latency). */
  controllers(): ControllerStats[];
  /** Stops the controllers (running reconciles get up to `graceMs`, default 10 s), then the informers. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts the service and resolves once its informers listed and the first leftover scan ran (so the
 * first reconciles see the cluster). Reconciles every VSB/VSR in every namespace; the objects it
 * creates live in each one's `spec.protectedNamespace`. On a start-up failure it stops what it
 * started and rethrows.
 */
export async function startSnapshotMoverService(deps: SnapshotMoverServiceDependencies): Promise<SnapshotMoverService> {
  const { kube, logger } = deps;
  const api = createSnapshotMoverApi(kube);
  const pollMs = deps.pollIntervalMs ?? 500;
  const ctx: ReconcileContext = {
    api,
    logger,
    now: () => new Date(deps.clock?.now() ?? Date.now()),
    pollMs,
    events: createEventRecorder(kube, deps.component ?? 'ferry-snapshot-mover', logger),
    ...(deps.namespace ? { namespace: deps.namespace } : {}),
  };
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
  const leftovers = createLeftoverScan(api, logger, deps.namespace);

  const shared = {
    api,
    leftovers,
    logger,
    pollMs,
    resyncIntervalMs: deps.resyncIntervalMs ?? 30_000,
    ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.namespace ? { namespace: deps.namespace } : {}),
  };
  const backupController = createOwnerController({
    ...shared,
    kind: OwnerKind.Backup,
    owners: backups,
    ownerClient: api.backups,
    owned: uploads,
    reconcileOwner: (vsb) => reconcileBackup(ctx, vsb),
  });
  const restoreController = createOwnerController({
    ...shared,
    kind: OwnerKind.Restore,
    owners: restores,
    ownerClient: api.restores,
    owned: downloads,
    reconcileOwner: (vsr) => reconcileRestore(ctx, vsr),
  });
  const controllers = [backupController, restoreController];

  const stop = async (graceMs?: number): Promise<void> => {
    await Promise.all(controllers.map((controller) => controller.stop(graceMs)));
    await Promise.allSettled(informers.map((informer) => informer.stop()));
  };
  try {
    await Promise.all(informers.map((informer) => informer.synced));
    await leftovers.refresh();
  } catch (error) {
    await stop();
    throw error;
  }
  for (const controller of controllers) controller.start();
  // Owners the scan found objects of: the deleted ones among them are cleaned up by their reconcile.
  for (const found of leftovers.owners(OwnerKind.Backup)) backupController.enqueue(found.owner);
  for (const found of leftovers.owners(OwnerKind.Restore)) restoreController.enqueue(found.owner);
  logger.info({}, 'snapshot mover service started');
  return { controllers: () => controllers.map((controller) => controller.stats()), stop };
}
