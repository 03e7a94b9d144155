// Velero's DeleteBackupRequest rules (pkg/controller/backup_deletion_controller.go,
// pkg/backup/delete_helpers.go): which request to act on, the checks that refuse one with
// Velero's messages, the labels it carries, and when a finished request is removed. Pure.
import {
  BackupPhase,
  BackupStorageLocationAccessMode,
  BackupStorageLocationPhase,
  DeleteBackupRequestPhase,
  VeleroLabel,
  type Backup,
  type BackupStorageLocation,
  type DeleteBackupRequest,
} from '@ferry/api';
import { veleroLabelValue } from '../labels/label-value';

/** A Processed (or stale InProgress) request older than this is deleted (Velero's `deleteBackupRequestMaxAge`, 24 h). */
export const deleteBackupRequestMaxAgeMs = 24 * 60 * 60 * 1000;

/** Velero's messages in `status.errors` of a refused request. */
export const DeletionRefusal = {
  BackupNameRequired: 'spec.backupName is required',
  BackupInProgress: 'backup is still in progress',
  BackupNotFound: 'backup not found',
} as const;

/** `backup storage location <name> not found`. */
export function locationNotFoundMessage(location: string): string {
  return `backup storage location ${location} not found`;
}

/** `cannot delete backup because backup storage location <name> is currently in read-only mode`. */
export function locationReadOnlyMessage(location: string): string {
  return `cannot delete backup because backup storage location ${location} is currently in read-only mode`;
}

/** `cannot delete backup because backup storage location <name> is currently in Unavailable state`. */
export function locationUnavailableMessage(location: string): string {
  return `cannot delete backup because backup storage location ${location} is currently in Unavailable state`;
}

/**
 * Phases of a Backup that is still running (Velero's backup tracker holds it from InProgress until
 * a terminal phase): deleting it now would race the controller writing its files.
 */
export const runningBackupPhases: ReadonlySet<string> = new Set([
  BackupPhase.InProgress,
  BackupPhase.WaitingForPluginOperations,
  BackupPhase.WaitingForPluginOperationsPartiallyFailed,
  BackupPhase.Finalizing,
  BackupPhase.FinalizingPartiallyFailed,
]);

/** Whether `backup` is running ({@link runningBackupPhases}). */
export function isBackupRunning(backup: Backup): boolean {
  return runningBackupPhases.has(backup.status?.phase ?? '');
}

/** The labels Velero puts on a backup's requests: `velero.io/backup-name` (label-safe) and `velero.io/backup-uid`. */
export function deletionRequestLabels(backupName: string, backupUid: string): Record<string, string> {
  return { [VeleroLabel.BackupName]: veleroLabelValue(backupName), [VeleroLabel.BackupUid]: backupUid };
}

/** The label selector of every request for `backupName` (Velero's `NewSelectorForBackup`). */
export function deletionRequestSelector(backupName: string, backupUid?: string): string {
  const byName = `${VeleroLabel.BackupName}=${veleroLabelValue(backupName)}`;
  return backupUid ? `${byName},${VeleroLabel.BackupUid}=${backupUid}` : byName;
}

/** A new request for `backup` (Velero's `NewDeleteBackupRequest`): `generateName: <backup>-`, its labels, `spec.backupName`. */
export function deleteBackupRequestFor(backup: Backup): DeleteBackupRequest {
  const name = backup.metadata?.name ?? '';
  return {
    apiVersion: 'velero.io/v1',
    kind: 'DeleteBackupRequest',
    metadata: {
      generateName: `${name}-`,
      ...(backup.metadata?.namespace ? { namespace: backup.metadata.namespace } : {}),
      labels: deletionRequestLabels(name, backup.metadata?.uid ?? ''),
    },
    spec: { backupName: name },
  };
}

/** What the facts around a request say to do. */
export type DeletionRequestDecision =
  /** Finished (or taken) and younger than a day: nothing. */
  | { readonly action: 'ignore' }
  /** Finished and a day old: delete the request itself. */
  | { readonly action: 'expire' }
  /** Mark it Processed with this one error (Velero's message). */
  | { readonly action: 'refuse'; readonly error: string }
  /** An InProgress request whose backup is gone: an earlier attempt deleted it; mark Processed without errors. */
  | { readonly action: 'finish' }
  /** Delete the backup. */
  | { readonly action: 'delete' };

/** The state a request is judged on; `location` is looked up only once the backup is known. */
export interface DeletionRequestFacts {
  readonly request: DeleteBackupRequest;
  /** The Backup `spec.backupName` names; undefined when it does not exist. */
  readonly backup: Backup | undefined;
  /** The backup's `spec.storageLocation`; undefined when it does not exist. */
  readonly location: BackupStorageLocation | undefined;
  readonly nowMs: number;
}

function isExpired(request: DeleteBackupRequest, nowMs: number): boolean {
  const created = Date.parse(request.metadata?.creationTimestamp ?? '');
  return Number.isFinite(created) && nowMs - created >= deleteBackupRequestMaxAgeMs;
}

function locationRefusal(backup: Backup, location: BackupStorageLocation | undefined): string | undefined {
  const name = backup.spec?.storageLocation ?? '';
  if (!location) return locationNotFoundMessage(name);
  if (location.spec?.accessMode === BackupStorageLocationAccessMode.ReadOnly) return locationReadOnlyMessage(name);
  if (location.status?.phase !== BackupStorageLocationPhase.Available) return locationUnavailableMessage(name);
  return undefined;
}

/**
 * Velero's order of checks: a Processed request is left alone (deleted once a day old); a
 * missing `spec.backupName`, a running backup, a missing backup or location, a read-only or
 * unavailable location refuse it with Velero's message. An InProgress request is resumed (Velero
 * skips it, leaving it stuck after a restart; every deletion step here is idempotent), and when its
 * backup is already gone it is finished without errors.
 */
export function decideDeletionRequest(facts: DeletionRequestFacts): DeletionRequestDecision {
  const { request, backup, location } = facts;
  const phase = request.status?.phase ?? '';
  if (phase === DeleteBackupRequestPhase.Processed) return isExpired(request, facts.nowMs) ? { action: 'expire' } : { action: 'ignore' };
  if (phase === DeleteBackupRequestPhase.InProgress && isExpired(request, facts.nowMs)) return { action: 'expire' };
  if (!request.spec?.backupName) return { action: 'refuse', error: DeletionRefusal.BackupNameRequired };
  if (backup && isBackupRunning(backup)) return { action: 'refuse', error: DeletionRefusal.BackupInProgress };
  if (!backup)
    return phase === DeleteBackupRequestPhase.InProgress
      ? { action: 'finish' }
      : { action: 'refuse', error: DeletionRefusal.BackupNotFound };
  const refusal = locationRefusal(backup, location);
  return refusal ? { action: 'refuse', error: refusal } : { action: 'delete' };
}

/**
 * The other requests for the same backup, which Velero deletes before acting on one ("so we only
 * have one at a time"): every request in `requests` (listed by {@link deletionRequestSelector})
 * except `request`.
 */
export function supersededRequests(request: DeleteBackupRequest, requests: readonly DeleteBackupRequest[]): DeleteBackupRequest[] {
  return requests.filter((other) => other.metadata?.name !== request.metadata?.name);
}
