// The download request service: Velero's `download-request` controller on `@ferry/kube`'s runtime,
// fed by an informer on the DownloadRequests of Ferry's namespace. It reads Backups, Restores and
// BackupStorageLocations fresh from the API server and the BSL's credential Secret at every
// request, so only the controller (which holds those rights) runs it. Started by apps/controller in
// role `server`; tests start it in-process.
import {
  backupDefinition,
  backupStorageLocationDefinition,
  downloadRequestDefinition,
  restoreDefinition,
  type Backup,
  type BackupStorageLocation,
  type DownloadRequest,
  type Restore,
} from '@ferry/api';
import {
  createController,
  createCustomResourceClient,
  createInformer,
  isNotFound,
  startControllerSet,
  systemClock,
  type Clock,
  type ControllerSet,
  type KubeClient,
  type KubeLogger,
} from '@ferry/kube';
import { createDownloadRequestReconciler, type DownloadRequestWriter, type DownloadTargetReader } from './download-request-reconciler';
import { createObjectStorePresigner, type DownloadUrlPresigner } from './download-url-presigner';

/** What {@link startDownloadRequestService} needs (a `ServiceContext`'s `kube` and `logger` fit). */
export interface DownloadRequestServiceDependencies {
  /** Writes go through it (the leader's write-fenced client). */
  readonly kube: KubeClient;
  readonly logger: KubeLogger;
  /** The namespace whose DownloadRequests are served (Ferry's, Velero's namespace). */
  readonly namespace: string;
  /** Replaces the system clock of the controller and the expirations (tests). */
  readonly clock?: Clock;
  /** Requests served at once; default 2. */
  readonly concurrency?: number;
  /** Replaces the object-store presigner (tests). */
  readonly presigner?: DownloadUrlPresigner;
}

/** A running download request service. Its `stop` stops the controller (running reconciles get up to `graceMs`, default 10 s), then the informer. */
export type DownloadRequestService = ControllerSet;

function targetReader(kube: KubeClient): DownloadTargetReader {
  const restores = createCustomResourceClient<Restore>(kube, restoreDefinition);
  const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
  const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
  return {
    restore: (namespace, name) => restores.find(namespace, name),
    backup: (namespace, name) => backups.find(namespace, name),
    location: (namespace, name) => locations.find(namespace, name),
  };
}

function requestWriter(kube: KubeClient): DownloadRequestWriter {
  const requests = createCustomResourceClient<DownloadRequest>(kube, downloadRequestDefinition);
  const ignoreGone = (error: unknown) => {
    if (!isNotFound(error)) throw error;
  };
  return {
    writeStatus: (namespace, name, status) => requests.patch(namespace, name, { status }).then(() => undefined, ignoreGone),
    delete: (namespace, name) => requests.delete(namespace, name, { ignoreNotFound: true }),
  };
}

/**
 * Starts the service and resolves once the informer listed the DownloadRequests (every one is
 * then queued: New ones are served, expired ones deleted, the others requeued for their expiry).
 * On a start-up failure it stops what it started and rethrows.
 */
export async function startDownloadRequestService(deps: DownloadRequestServiceDependencies): Promise<DownloadRequestService> {
  const { kube, logger, namespace } = deps;
  const clock = deps.clock ?? systemClock;
  const informer = createInformer<DownloadRequest>(kube, downloadRequestDefinition, { logger, namespace });
  const reconcile = createDownloadRequestReconciler({
    requests: { get: (ns, name) => informer.get(ns, name) },
    targets: targetReader(kube),
    writer: requestWriter(kube),
    presigner: deps.presigner ?? createObjectStorePresigner({ kube, namespace }),
    now: () => clock.now(),
    logger,
  });
  const controller = createController({ name: 'download-request', reconcile, concurrency: deps.concurrency ?? 2, clock, logger });
  controller.watch(informer);
  return startControllerSet({
    name: 'download request service',
    informers: [informer],
    controllers: [controller],
    logger,
    logFields: { namespace },
  });
}
