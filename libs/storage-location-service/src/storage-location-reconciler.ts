// Reconciles one BackupStorageLocation (velero's backup_storage_location_controller.go): validates
// it when due (once, then every spec.validationFrequency) or at once when its spec changed, writes
// phase, message and lastValidationTime, keeps Velero's default-location rules, and asks to be
// requeued when the next validation is due. Level-based: it looks at the cached BSL, the time and
// the spec it last validated, never at which event came.
import type { BackupStorageLocation } from '@ferry/api';
import { splitObjectKey, type KubeLogger, type ReconcileOutcome } from '@ferry/kube';
import { defaultLocationChanges, validationFrequency, validationTiming, type ValidationTiming } from '@ferry/storage-location';
import { validatedStatus } from './storage-location-status';
import type { StorageLocationValidator } from './storage-location-validator';

/** The cached BSLs (an informer fits). */
export interface StorageLocationCache {
  get(namespace: string, name: string): BackupStorageLocation | undefined;
  list(namespace: string): BackupStorageLocation[];
}

/**
 * Writes one BSL: `mutate` gets the current object (read fresh) and returns the object to store,
 * or undefined to leave it. Retries on Conflict with a fresh read.
 */
export type StorageLocationWriter = (
  namespace: string,
  name: string,
  mutate: (current: BackupStorageLocation) => BackupStorageLocation | undefined,
) => Promise<void>;

/** The collaborators of {@link createStorageLocationReconciler}. */
export interface StorageLocationReconcilerOptions {
  readonly locations: StorageLocationCache;
  readonly write: StorageLocationWriter;
  readonly validator: StorageLocationValidator;
  readonly now: () => number;
  readonly logger: KubeLogger;
  /** Validation frequency of BSLs without one (Velero's `--store-validation-frequency`). */
  readonly defaultFrequencyMs: number;
  /** Marked default when no BSL is (Velero's `--default-backup-storage-location`). */
  readonly defaultLocationName: string;
}

/** The reconcile function of the BSL controller (keys `namespace/name`). */
export function createStorageLocationReconciler(
  options: StorageLocationReconcilerOptions,
): (key: string, signal: AbortSignal) => Promise<ReconcileOutcome | void> {
  const { locations, write, validator, logger } = options;
  // Velero validates a BSL at once when its spec changes (SpecChangePredicate), whatever its
  // frequency: the spec each BSL had when last validated (or first seen) tells such a change
  // apart from a status write or a requeue.
  const validatedSpecs = new Map<string, string>();
  return async (key, signal) => {
    const { namespace = '', name } = splitObjectKey(key);
    const location = locations.get(namespace, name);
    if (!location) {
      validatedSpecs.delete(key);
      return;
    }
    const spec = validatedSpec(location);
    const specChanged = validatedSpecs.has(key) && validatedSpecs.get(key) !== spec;
    const candidates = locations.list(namespace).map((bsl) => ({
      name: bsl.metadata?.name ?? '',
      isDefault: bsl.spec?.default === true,
      creationTimestamp: bsl.metadata?.creationTimestamp ? String(bsl.metadata.creationTimestamp) : undefined,
    }));
    const defaults = defaultLocationChanges(candidates, options.defaultLocationName);
    const unsetDefault = defaults.unsetDefault.includes(name);
    const frequency = validationFrequency(location.spec?.validationFrequency, options.defaultFrequencyMs);
    if (frequency.problem) logger.warn({ bsl: key }, frequency.problem);
    const timing: ValidationTiming = specChanged
      ? { validateNow: true }
      : validationTiming(frequency.ms, location.status?.lastValidationTime, options.now());

    if (!timing.validateNow) {
      validatedSpecs.set(key, spec);
      if (unsetDefault) await write(namespace, name, (current) => (current.spec?.default ? withDefault(current, false) : undefined));
      return timing.dueInMs === undefined ? undefined : { requeueAfterMs: timing.dueInMs };
    }
    const problem = await validator.validate(location, signal);
    const markDefault = defaults.markDefault === name && problem === undefined;
    await write(namespace, name, (current) => {
      const status = validatedStatus(current, problem, options.now());
      const isDefault = unsetDefault ? false : markDefault ? true : current.spec?.default;
      return { ...withDefault(current, isDefault), status };
    });
    validatedSpecs.set(key, spec);
    if (problem) logger.info({ bsl: key, problem }, 'BackupStorageLocation is unavailable');
    else logger.debug({ bsl: key }, 'BackupStorageLocation is available');
    if (unsetDefault) logger.info({ bsl: key }, 'unset spec.default: a newer BackupStorageLocation is the default');
    if (markDefault)
      logger.info(
        { bsl: key },
        `marked spec.default: no BackupStorageLocation was the default and this one is named ${options.defaultLocationName}`,
      );
    return frequency.ms > 0 ? { requeueAfterMs: frequency.ms } : undefined;
  };
}

/** `current` with `spec.default` set to `isDefault` (the same object when it already is, or when undefined). */
function withDefault(current: BackupStorageLocation, isDefault: boolean | undefined): BackupStorageLocation {
  if (!current.spec || isDefault === undefined || current.spec.default === isDefault) return current;
  return { ...current, spec: { ...current.spec, default: isDefault } };
}

/**
 * What of `location`'s spec a validation depends on, as text: all of it but `default`, which Ferry
 * writes itself and which does not change whether the store can be used.
 */
function validatedSpec(location: BackupStorageLocation): string {
  return JSON.stringify({ ...location.spec, default: undefined });
}
