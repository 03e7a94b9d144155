// One controller per data-path kind on the shared runtime: the kind's informer enqueues
// `namespace/name` keys, the periodic resync enqueues the live ones, and each key's reconcile first
// applies the workers' results waiting for it, then reconciles the resource. Failures back off per key.
import type { DataMoverClass } from '@ferry/api';
import { isTerminalPhase, type DataPathKind } from '@ferry/data-movement';
import {
  createController,
  splitObjectKey,
  type Clock,
  type Controller,
  type ControllerStats,
  type KubeLogger,
  type ResourceInformer,
} from '@ferry/kube';
import { withAnnotatedContext } from '@ferry/telemetry';
import type { DataPathReconciler } from './data-path-reconciler';
import { dataPathKinds, dataPathProfiles, keyOf } from './data-path-resources';
import type { DataPathStore, ResourceRef } from './data-path-store';
import type { KindAccess } from './kube-data-path-store';
import { hasFinalizer, phaseOf } from './resource-marks';
import { ResultInbox } from './result-inbox';

/** Keys of one kind reconciled at once (never the same key twice). */
export const reconcileWorkersPerKind = 8;

/** What {@link createDataPathControllers} wires together. */
export interface DataPathControllersOptions {
  readonly access: Readonly<Record<DataPathKind, Pick<KindAccess, 'informer'>>>;
  readonly classes: ResourceInformer<DataMoverClass>;
  readonly store: DataPathStore;
  readonly reconciler: DataPathReconciler;
  readonly resyncIntervalMs: number;
  readonly clock: Clock;
  readonly logger: KubeLogger;
}

/** The four controllers and the way results reach them. */
export interface DataPathControllers {
  /** Hands a result of `ref` to its controller; resolves once applied inside the reconcile of `ref` (see {@link ResultInbox}). */
  deliver(ref: ResourceRef, apply: () => Promise<void>): Promise<void>;
  start(): void;
  /** Rejects the results waiting and any later ones (their messages are redelivered later). Idempotent. */
  closeResults(): void;
  /** Closes the results, then stops the controllers (see `Controller.stop`). */
  stop(graceMs?: number): Promise<void>;
  stats(): ControllerStats[];
}

/** Builds the controllers (watching at once; nothing is reconciled before `start`). */
export function createDataPathControllers(options: DataPathControllersOptions): DataPathControllers {
  const { access, store, reconciler } = options;
  const inbox = new ResultInbox();
  const inboxKey = (kind: DataPathKind, key: string) => `${kind}/${key}`;
  const controllerOf = (kind: DataPathKind): Controller => {
    const controller = createController({
      name: kind.toLowerCase(),
      concurrency: reconcileWorkersPerKind,
      resyncIntervalMs: options.resyncIntervalMs,
      // Live resources (timed rules, waiting pods) and final ones still holding the finalizer.
      resyncKeys: () =>
        store
          .list(kind)
          .filter((r) => !isTerminalPhase(phaseOf(r)) || hasFinalizer(r))
          .map(keyOf),
      clock: options.clock,
      logger: options.logger,
      reconcile: async (key) => {
        const { namespace = '', name } = splitObjectKey(key);
        const ref = { kind, namespace, name };
        // In the trace of the Backup or Restore step that created the resource: the jobs it sends,
        // also those a worker's result leads to, are descendants of that step.
        return withAnnotatedContext(store.cached(ref)?.metadata?.annotations, async () => {
          if ((await inbox.drain(inboxKey(kind, key))) > 0) return;
          return reconciler.reconcile(ref);
        });
      },
    });
    controller.watch(access[kind].informer);
    // A DataMoverClass decides which DU/DD Ferry serves: re-check them when one changes.
    if (dataPathProfiles[kind].exposes) controller.watch(options.classes, () => store.list(kind).map(keyOf));
    return controller;
  };
  const controllers: Readonly<Record<DataPathKind, Controller>> = {
    DataUpload: controllerOf('DataUpload'),
    DataDownload: controllerOf('DataDownload'),
    PodVolumeBackup: controllerOf('PodVolumeBackup'),
    PodVolumeRestore: controllerOf('PodVolumeRestore'),
  };
  return {
    deliver: (ref, apply) =>
      inbox.deliver(inboxKey(ref.kind, `${ref.namespace}/${ref.name}`), apply, () =>
        controllers[ref.kind].enqueue(`${ref.namespace}/${ref.name}`),
      ),
    start: () => dataPathKinds.forEach((kind) => controllers[kind].start()),
    closeResults: () => inbox.close(new Error('the controller is stopping; the result is applied after a restart')),
    async stop(graceMs) {
      inbox.close(new Error('the controller is stopping; the result is applied after a restart'));
      await Promise.all(dataPathKinds.map((kind) => controllers[kind].stop(graceMs)));
    },
    stats: () => dataPathKinds.map((kind) => controllers[kind].stats()),
  };
}
