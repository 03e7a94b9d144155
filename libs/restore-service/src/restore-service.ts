// The restore service: the Restore controller (and the restore finalizer's, restore-deletion.ts) on
// @ferry/kube's runtime, fed by informers on the Restores, Backups and BackupStorageLocations of
// Ferry's namespace. Started by apps/controller on the leader in the server role; tests start it
// in-process.
import {
  backupDefinition,
  backupStorageLocationDefinition,
  restoreDefinition,
  type Backup,
  type BackupStorageLocation,
  type Restore,
} from '@ferry/api';
import {
  createController,
  createInformer,
  startControllerSet,
  systemClock,
  type Clock,
  type ControllerSet,
  type KubeClient,
  type KubeLogger,
} from '@ferry/kube';
import type { ObjectStoreClientOptions } from '@ferry/object-store';
import { defaultRestorePriorities, type RestorePriorities } from '@ferry/restore';
import { createApiObjectClient } from './api/api-object-client';
import { restoreApiResources } from './api/api-resources';
import type { VolumeReporter } from '@ferry/volume-info-client';
import { createRestoreDeletionController } from './restore-deletion';
import { meteredRestorePatcher, type RestoreMetrics } from './restore-metrics';
import { createRestoreReconciler, type RestoreCache } from './restore-reconciler';
import type { RestoreTimeouts } from './run/restore-context';
import { loadRestoreModifiers } from './run/restore-modifiers-loader';
import { loadRestorePolicy } from './run/restore-policy-loader';
import type { RestoreProgressBoard } from './progress/restore-progress-board';
import { finishRestoreHandle, runRestoreHandle, type RestoreRunnerOptions } from './run/restore-runner';

/** What {@link startRestoreService} needs (a `ServiceContext`'s `kube` and `logger` fit). */
export interface RestoreServiceDependencies {
  /** Writes go through it (the leader's write-fenced client). */
  readonly kube: KubeClient;
  readonly logger: KubeLogger;
  /** The namespace whose Restores run (Ferry's, Velero's namespace). */
  readonly namespace: string;
  readonly clock?: Clock;
  /** Velero's `--restore-resource-priorities`; default §8's list. */
  readonly priorities?: RestorePriorities;
  /** Items of one resource created at once; default 16. */
  readonly parallel?: number;
  /** Restores run at once; default 1 (Velero runs one). */
  readonly concurrency?: number;
  readonly timeouts?: Partial<RestoreTimeouts>;
  readonly objectStoreClient?: ObjectStoreClientOptions;
  /** Velero's `--default-resource-modifier-configmap` (a ConfigMap in `namespace`); default '' = none. */
  readonly defaultResourceModifierConfigMap?: string;
  /** Where runs record their progress samples for the HTTP API's rate and ETA; attached to this service's Restore cache while it runs. */
  readonly progress?: RestoreProgressBoard;
  /** Velero's restore metrics, recorded at each phase patch; none when absent. */
  readonly metrics?: RestoreMetrics;
  /** Records each Restore's volumes at volume-info and seals its report at Finalizing (`createVolumeReporter`). */
  readonly volumeReporter: VolumeReporter;
}

/** A running restore service. Its `stop` stops the controller and the runs (they stay InProgress for the next leader), then the informers. */
export type RestoreService = ControllerSet;

const defaultTimeouts: RestoreTimeouts = { resourceTimeoutMs: 10 * 60_000, terminatingTimeoutMs: 10 * 60_000, pollMs: 1000 };

/** Starts the service and resolves once the informers listed their objects; on a start-up failure it stops what it started and rethrows. */
export async function startRestoreService(deps: RestoreServiceDependencies): Promise<RestoreService> {
  const { kube, logger, namespace } = deps;
  const clock = deps.clock ?? systemClock;
  const now = () => new Date(clock.now());
  const restoreInformer = createInformer<Restore>(kube, restoreDefinition, { logger, namespace });
  const backupInformer = createInformer<Backup>(kube, backupDefinition, { logger, namespace });
  const locationInformer = createInformer<BackupStorageLocation>(kube, backupStorageLocationDefinition, { logger, namespace });
  const stopping = new AbortController();
  // Over the raw requester's kept connections: client-node's typed client opens a TLS connection per
  // call, and a run patches its Restore some ten times (phases, progress once a second).
  const api = createApiObjectClient(kube.requester);
  const plainPatch = async (ns: string, name: string, body: object): Promise<void> => {
    await api.mergePatch(restoreApiResources.restores, ns, name, body);
  };
  const scheduleOf = (ns: string, name: string) => restoreInformer.get(ns, name)?.spec?.scheduleName;
  const patch = deps.metrics ? meteredRestorePatcher(plainPatch, deps.metrics, scheduleOf) : plainPatch;
  const timeouts = { ...defaultTimeouts, ...deps.timeouts };
  const inFlight = new Set<Promise<boolean>>();
  const track = (run: Promise<boolean>): Promise<boolean> => {
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
    return run;
  };
  const runnerOptions: RestoreRunnerOptions = {
    kube,
    logger,
    namespace,
    patch,
    priorities: deps.priorities ?? defaultRestorePriorities,
    parallel: deps.parallel ?? 16,
    timeouts,
    objectStoreClient: deps.objectStoreClient,
    volumeReporter: deps.volumeReporter,
    now,
    onProgress: deps.progress?.record,
  };
  const cache: RestoreCache = {
    getRestore: (ns, name) => restoreInformer.get(ns, name),
    backups: (ns) => backupInformer.list(ns),
    locations: (ns) => locationInformer.list(ns),
  };
  const reconcile = createRestoreReconciler({
    cache,
    patch,
    loadPolicy: (restore) => loadRestorePolicy(kube, restore.metadata?.namespace ?? namespace, restore.spec ?? {}),
    loadModifiers: (restore) =>
      loadRestoreModifiers(kube, restore.metadata?.namespace ?? namespace, restore.spec ?? {}, deps.defaultResourceModifierConfigMap ?? ''),
    startRun: (start) => track(runRestoreHandle(runnerOptions, start)),
    startFinish: (start) => track(finishRestoreHandle(runnerOptions, start)),
    stopSignal: stopping.signal,
    now,
    logger,
  });
  const controller = createController({ name: 'restore', reconcile, concurrency: deps.concurrency ?? 1, clock, logger });
  controller.watch(restoreInformer);
  const deletion = createRestoreDeletionController({ ...deps, cache, patch, clock });
  deletion.watch(restoreInformer);
  const detachProgress = deps.progress?.attach((ns, name) => restoreInformer.get(ns, name));
  const stopCounting = deps.metrics?.observeRestoreCount(() => restoreInformer.list(namespace).length);
  return startControllerSet({
    name: 'restore service',
    informers: [restoreInformer, backupInformer, locationInformer],
    controllers: [controller, deletion],
    // Runs are handles no reconcile awaits: abort them and wait until each has written where it stopped.
    stopAfterControllers: async () => {
      detachProgress?.();
      stopCounting?.();
      stopping.abort(new Error('restore service stopping'));
      await Promise.all(inFlight);
    },
    logger,
    logFields: { namespace },
  });
}
