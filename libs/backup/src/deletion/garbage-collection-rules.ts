// Velero's garbage collection of expired backups (pkg/controller/gc_controller.go): a Backup whose
// `status.expiration` has passed gets a DeleteBackupRequest, unless its storage location is missing,
// unreadable, unavailable or read-only; the `velero.io/gc-failure` label says why. Pure.
import {
  BackupStorageLocationAccessMode,
  BackupStorageLocationPhase,
  DeleteBackupRequestPhase,
  type Backup,
  type BackupStorageLocation,
  type DeleteBackupRequest,
} from '@ferry/api';

/** How often every Backup is checked (Velero's `--garbage-collection-frequency` default, 1 h). */
export const defaultGarbageCollectionFrequencyMs = 60 * 60 * 1000;

/** The Backup label naming why an expired backup was not collected. */
export const garbageCollectionFailureLabel = 'velero.io/gc-failure';

/** Values of {@link garbageCollectionFailureLabel} (Velero sets all but `BSLUnavailable`, which it only declares). */
export const GarbageCollectionFailure = {
  LocationNotFound: 'BSLNotFound',
  LocationCannotGet: 'BSLCannotGet',
  LocationReadOnly: 'BSLReadOnly',
} as const;
/** One of {@link GarbageCollectionFailure}. */
export type GarbageCollectionFailure = (typeof GarbageCollectionFailure)[keyof typeof GarbageCollectionFailure];

/** The backup's storage location as the collector found it. */
export type LocationLookup =
  | { readonly found: true; readonly location: BackupStorageLocation }
  | { readonly found: false }
  /** The API server could not be asked. */
  | { readonly found: 'unknown' };

/** What to do with one Backup. */
export type GarbageCollectionDecision =
  /** No expiration, or not expired yet: nothing (the next periodic check looks again, as Velero's). */
  | { readonly action: 'wait' }
  /**
   * Expired but not collectable now: set the gc-failure label to `label` (undefined = leave it)
   * and, when `retry`, try again with backoff (Velero returns an error) with this reason.
   */
  | { readonly action: 'hold'; readonly label?: GarbageCollectionFailure; readonly retry?: string }
  /** Expired and collectable: remove the gc-failure label; create a request unless one is pending. */
  | { readonly action: 'collect'; readonly createRequest: boolean };

/** Whether `request` is not processed yet (phase empty, New or InProgress): the collector does not add a second one. */
export function isPendingDeletionRequest(request: DeleteBackupRequest): boolean {
  const phase = request.status?.phase ?? '';
  return phase === '' || phase === DeleteBackupRequestPhase.New || phase === DeleteBackupRequestPhase.InProgress;
}

/** Whether `backup`'s `status.expiration` is set and not after `nowMs`. */
export function isBackupExpired(backup: Backup, nowMs: number): boolean {
  const expiresAtMs = Date.parse(backup.status?.expiration ?? '');
  return Number.isFinite(expiresAtMs) && expiresAtMs <= nowMs;
}

/**
 * Velero's decision for `backup` at `nowMs`: no expiration or a future one → wait; location not
 * found → label BSLNotFound and retry; not readable → BSLCannotGet and retry; not Available →
 * retry (label unchanged); ReadOnly → label BSLReadOnly, no retry; else collect (label removed),
 * creating a request only when `requests` (the backup's, by name and UID) has no pending one.
 */
export function decideGarbageCollection(
  backup: Backup,
  location: LocationLookup,
  requests: readonly DeleteBackupRequest[],
  nowMs: number,
): GarbageCollectionDecision {
  if (!isBackupExpired(backup, nowMs)) return { action: 'wait' };
  const name = backup.spec?.storageLocation ?? '';
  if (location.found === false) {
    return { action: 'hold', label: GarbageCollectionFailure.LocationNotFound, retry: `backup storage location ${name} does not exist` };
  }
  if (location.found === 'unknown') {
    return { action: 'hold', label: GarbageCollectionFailure.LocationCannotGet, retry: `cannot get backup storage location ${name}` };
  }
  if (location.location.status?.phase !== BackupStorageLocationPhase.Available) {
    return { action: 'hold', retry: `bsl ${name} is unavailable, cannot gc backup` };
  }
  if (location.location.spec?.accessMode === BackupStorageLocationAccessMode.ReadOnly) {
    return { action: 'hold', label: GarbageCollectionFailure.LocationReadOnly };
  }
  return { action: 'collect', createRequest: !requests.some(isPendingDeletionRequest) };
}

/**
 * The merge patch of `backup`'s labels after a decision: the failure `label` set, or (for
 * `collect`) the gc-failure label removed (`null`); undefined when nothing changes (no write).
 */
export function garbageCollectionLabelPatch(
  backup: Backup,
  decision: GarbageCollectionDecision,
): Record<string, string | null> | undefined {
  const current = backup.metadata?.labels?.[garbageCollectionFailureLabel];
  if (decision.action === 'collect') return current === undefined ? undefined : { [garbageCollectionFailureLabel]: null };
  if (decision.action !== 'hold' || decision.label === undefined || decision.label === current) return undefined;
  return { [garbageCollectionFailureLabel]: decision.label };
}
