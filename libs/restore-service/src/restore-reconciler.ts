// The Restore controller's reconcile (velero restore_controller.go Reconcile and
// restore_finalizer_controller.go): New → validated (FailedValidation, or InProgress with Velero's
// completed spec: non-restorable resources excluded, the schedule's backup named, the default
// item operation timeout); InProgress → a run started as a handle (never awaited here), also after
// a restart, at most `maxRestoreAttempts` runs in all; Finalizing* → Completed / PartiallyFailed.
import { RestorePhase, type Backup, type BackupStorageLocation, type Restore } from '@ferry/api';
import { objectKey, splitObjectKey, type KubeLogger, type ReconcileFunction } from '@ferry/kube';
import {
  attemptsExhaustedReason,
  defaultItemOperationTimeout,
  maxRestoreAttempts,
  nonRestorableResources,
  phaseAfterFinalizing,
  restoreAttempts,
  restoreAttemptsAnnotation,
  restoreStepOf,
  validateRestore,
  type RestoreValidation,
} from '@ferry/restore';
import type { LoadedRestorePolicy } from './run/restore-policy-loader';
import type { RestorePatcher, RestoreRunStart } from './run/restore-runner';

/** The informer caches the reconciler reads. */
export interface RestoreCache {
  getRestore(namespace: string, name: string): Restore | undefined;
  backups(namespace: string): Backup[];
  locations(namespace: string): BackupStorageLocation[];
}

/** Collaborators of {@link createRestoreReconciler}. */
export interface RestoreReconcilerOptions {
  readonly cache: RestoreCache;
  readonly patch: RestorePatcher;
  readonly loadPolicy: (restore: Restore) => Promise<LoadedRestorePolicy>;
  /** Starts a run; resolves true when its outcome was written. */
  readonly startRun: (start: RestoreRunStart) => Promise<boolean>;
  /** Aborted when the service stops: running restores stay InProgress for the next leader. */
  readonly stopSignal: AbortSignal;
  readonly now: () => Date;
  readonly logger: KubeLogger;
}

interface RunEntry {
  readonly uid: string;
  written: boolean;
}

function completedSpec(restore: Restore, validation: RestoreValidation): object {
  const spec = restore.spec ?? {};
  const excluded = [...(spec.excludedResources ?? [])];
  for (const resource of nonRestorableResources) if (!excluded.includes(resource)) excluded.push(resource);
  const scheduleName = spec.scheduleName || validation.backup?.metadata?.labels?.['velero.io/schedule-name'];
  return {
    excludedResources: excluded,
    backupName: validation.backup?.metadata?.name,
    ...(scheduleName ? { scheduleName } : {}),
    itemOperationTimeout: spec.itemOperationTimeout || defaultItemOperationTimeout,
  };
}

async function validate(options: RestoreReconcilerOptions, restore: Restore, ns: string, name: string): Promise<void> {
  const loaded = await options.loadPolicy(restore);
  const validation = validateRestore({
    namespace: ns,
    spec: restore.spec ?? {},
    backups: options.cache.backups(ns),
    locations: options.cache.locations(ns),
    policy: loaded.outcome,
  });
  // The resourceVersion makes the patch fail on a stale cache instead of validating twice.
  const resourceVersion = restore.metadata?.resourceVersion;
  if (validation.errors.length > 0) {
    await options.patch(ns, name, {
      metadata: { resourceVersion },
      status: { phase: RestorePhase.FailedValidation, validationErrors: validation.errors },
    });
    return;
  }
  await options.patch(ns, name, {
    metadata: { resourceVersion, annotations: { [restoreAttemptsAnnotation]: '0' } },
    spec: completedSpec(restore, validation),
    status: { phase: RestorePhase.InProgress, startTimestamp: options.now().toISOString() },
  });
}

const failedPatch = (options: RestoreReconcilerOptions, reason: string): object => ({
  status: { phase: RestorePhase.Failed, failureReason: reason, completionTimestamp: options.now().toISOString() },
});

async function run(
  options: RestoreReconcilerOptions,
  runs: Map<string, RunEntry>,
  restore: Restore,
  ns: string,
  name: string,
): Promise<void> {
  const key = objectKey(restore);
  const uid = restore.metadata?.uid ?? '';
  if (runs.get(key)?.uid === uid) return;
  const attempts = restoreAttempts(restore.metadata?.annotations);
  if (attempts >= maxRestoreAttempts) return options.patch(ns, name, failedPatch(options, attemptsExhaustedReason(attempts)));
  const backup = options.cache.backups(ns).find((candidate) => candidate.metadata?.name === restore.spec?.backupName);
  const location = options.cache.locations(ns).find((candidate) => candidate.metadata?.name === backup?.spec?.storageLocation);
  if (!backup) return options.patch(ns, name, failedPatch(options, `backup ${restore.spec?.backupName ?? ''} not found`));
  if (!location)
    return options.patch(ns, name, failedPatch(options, `backup storage location ${backup.spec?.storageLocation ?? ''} not found`));
  await options.patch(ns, name, { metadata: { annotations: { [restoreAttemptsAnnotation]: String(attempts + 1) } } });
  const entry: RunEntry = { uid, written: false };
  runs.set(key, entry);
  const loaded = await options.loadPolicy(restore);
  if (attempts > 0) options.logger.info({ restore: key, attempt: attempts + 1 }, 'resuming an interrupted restore');
  void options.startRun({ restore, backup, location, policies: loaded.policies, signal: options.stopSignal }).then((written) => {
    if (written) entry.written = true;
    else if (!options.stopSignal.aborted) runs.delete(key);
  });
}

/** The reconcile function; every write is a merge patch of the Restore (no status subresource). */
export function createRestoreReconciler(options: RestoreReconcilerOptions): ReconcileFunction {
  const runs = new Map<string, RunEntry>();
  return async (key) => {
    const { namespace: ns = '', name } = splitObjectKey(key);
    const restore = options.cache.getRestore(ns, name);
    if (!restore) {
      runs.delete(key);
      return;
    }
    const step = restoreStepOf(restore.status?.phase);
    if (step !== 'run' && runs.get(key)?.written) runs.delete(key);
    switch (step) {
      case 'validate':
        return validate(options, restore, ns, name);
      case 'run':
        return run(options, runs, restore, ns, name);
      case 'finalize':
        return options.patch(ns, name, {
          status: { phase: phaseAfterFinalizing(restore.status?.phase), completionTimestamp: options.now().toISOString() },
        });
      default:
        return;
    }
  };
}
