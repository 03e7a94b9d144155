// Velero's DownloadRequest rules (download_request_controller.go, and newest Velero's Failed phase):
// what a request's state asks for (process, keep until it expires, delete), whether its target can
// have files (a backup or restore that never ran has none), and the statuses written. Pure.
import {
  BackupPhase,
  DownloadRequestPhase,
  DownloadTargetKind,
  RestorePhase,
  type Backup,
  type BackupStorageLocation,
  type DownloadRequest,
  type Restore,
} from '@ferry/api';
import { goQuoted, kubeTimestamp } from '@ferry/kube-values';
import { downloadTargetFile, downloadTargetOwner, type DownloadTarget } from './download-target-keys';

/** How long a download URL is valid, and a request kept before it is deleted (Velero's DownloadURLTTL). */
export const downloadUrlTtlMs = 10 * 60 * 1000;

/** What a DownloadRequest's current state asks of the controller. */
export type DownloadRequestAction =
  /** New (or no phase): find the file and write Processed with a URL, or Failed with a message. */
  | { readonly action: 'process' }
  /** Past its expiration, whatever its phase: delete it. */
  | { readonly action: 'delete' }
  /** Done and not expired: nothing to do until `requeueAfterMs` (absent: never, as it has no expiration). */
  | { readonly action: 'keep'; readonly requeueAfterMs?: number };

/**
 * What `request` asks for at `nowMs`, as Velero decides: every request whose expiration has passed
 * is deleted; a New one (or one without phase) is processed; every other is kept until it expires
 * (`requeueAfterMs` is 1 ms past its expiration, so that reconcile deletes it). Pure.
 */
export function downloadRequestAction(request: DownloadRequest, nowMs: number): DownloadRequestAction {
  const status = request.status;
  const expiresAt = status?.expiration ? Date.parse(status.expiration) : Number.NaN;
  const expires = Number.isFinite(expiresAt);
  if (expires && expiresAt < nowMs) return { action: 'delete' };
  const phase = status?.phase ?? '';
  if (phase === '' || phase === DownloadRequestPhase.New) return { action: 'process' };
  return expires ? { action: 'keep', requeueAfterMs: expiresAt - nowMs + 1 } : { action: 'keep' };
}

/** Backup phases in which Velero has written no file of the backup yet (newest Velero fails their requests). */
const backupPhasesWithoutFiles: ReadonlySet<string> = new Set([
  BackupPhase.New,
  BackupPhase.Queued,
  BackupPhase.ReadyToStart,
  BackupPhase.FailedValidation,
]);

/** Restore phases in which no file of the restore exists yet. */
const restorePhasesWithoutFiles: ReadonlySet<string> = new Set([RestorePhase.New, RestorePhase.FailedValidation]);

/** What the controller found for a request's target: `undefined` = not found (or not looked up, as not needed). */
export interface DownloadTargetLookup {
  /** The request's namespace, where its Backup, Restore and location are. */
  readonly namespace: string;
  readonly target: DownloadTarget;
  /** The Restore named by a Restore kind's target. */
  readonly restore?: Restore;
  /** The Backup named by the target (Backup kinds) or by the restore's `spec.backupName`. */
  readonly backup?: Backup;
  /** The backup's `spec.storageLocation`. */
  readonly location?: BackupStorageLocation;
}

/**
 * The outcome of a lookup: presign the key `keyOf` names from the location's prefix in `location`,
 * or fail with a message naming the object and field at fault.
 */
export type DownloadTargetDecision =
  | { readonly outcome: 'presign'; readonly location: BackupStorageLocation; readonly keyOf: (prefix: string) => string }
  | { readonly outcome: 'failed'; readonly message: string };

const knownKinds = Object.values(DownloadTargetKind).join(', ');

/** The name of the backup whose location holds the target's file: the target's (Backup kinds) or the restore's backup. */
export function downloadTargetBackupName(target: DownloadTarget, restore: Restore | undefined): string {
  return downloadTargetOwner(target.kind) === 'restore' ? (restore?.spec?.backupName ?? '') : target.name;
}

function restoreProblem(lookup: DownloadTargetLookup): string | undefined {
  const { namespace, target, restore } = lookup;
  const name = goQuoted(target.name);
  if (!restore) return `restore ${name} not found in namespace ${goQuoted(namespace)}`;
  const phase = restore.status?.phase ?? '';
  if (restorePhasesWithoutFiles.has(phase)) return `restore ${name} is in phase ${goQuoted(phase)} and has not written any artifacts`;
  if (!restore.spec?.backupName) return `restore ${name} has no spec.backupName, so the storage location of its files is unknown`;
  return undefined;
}

function backupProblem(lookup: DownloadTargetLookup, ownedByBackup: boolean): string | undefined {
  const { namespace, target, restore, backup } = lookup;
  const backupName = goQuoted(downloadTargetBackupName(target, restore));
  const ofRestore = ownedByBackup ? '' : ` of restore ${goQuoted(target.name)}`;
  if (!backup) return `backup ${backupName}${ofRestore} not found in namespace ${goQuoted(namespace)}`;
  const phase = backup.status?.phase ?? '';
  if (ownedByBackup && backupPhasesWithoutFiles.has(phase))
    return `backup ${backupName} is in phase ${goQuoted(phase)} and has not written any artifacts`;
  if (!backup.spec?.storageLocation) return `backup ${backupName}${ofRestore} has no spec.storageLocation`;
  return undefined;
}

/**
 * Decides a New request from what was found (each piece only looked up when the previous one was
 * found): Failed for an unknown kind or an empty target name, a missing restore, backup or location,
 * a backup in New/Queued/ReadyToStart/FailedValidation (Backup kinds) or a restore in
 * New/FailedValidation (Restore kinds), a restore without backup or a backup without location;
 * otherwise presign in the location. A backup or restore without phase is not judged (a moment
 * before its controller sees it): its URL may 404, as Velero's. Pure.
 */
export function decideDownloadTarget(lookup: DownloadTargetLookup): DownloadTargetDecision {
  const { namespace, target, backup, location } = lookup;
  const file = downloadTargetFile(target);
  const failed = (message: string): DownloadTargetDecision => ({ outcome: 'failed', message });
  if (!file) return failed(`unsupported download target kind ${goQuoted(target.kind)}: spec.target.kind must be one of ${knownKinds}`);
  const owner = file.owner;
  if (!target.name)
    return failed(`spec.target.name is empty: name the ${owner === 'backup' ? 'Backup' : 'Restore'} whose file to download`);
  const problem = (owner === 'restore' ? restoreProblem(lookup) : undefined) ?? backupProblem(lookup, owner === 'backup');
  if (problem) return failed(problem);
  const locationName = backup?.spec?.storageLocation ?? '';
  if (!location)
    return failed(
      `BackupStorageLocation ${goQuoted(locationName)} of backup ${goQuoted(backup?.metadata?.name ?? '')} not found in namespace ${goQuoted(namespace)}`,
    );
  return { outcome: 'presign', location, keyOf: file.key };
}

/** A DownloadRequest status as a JSON merge patch: `null` clears a field another outcome had set. */
export interface DownloadRequestStatusPatch {
  readonly phase: DownloadRequestPhase;
  readonly downloadURL: string | null;
  readonly expiration: string;
  readonly message: string | null;
}

/** Processed with `downloadUrl`, expiring {@link downloadUrlTtlMs} after `nowMs` (whole seconds, as Kubernetes times). Pure. */
export function processedDownloadStatus(downloadUrl: string, nowMs: number): DownloadRequestStatusPatch {
  return {
    phase: DownloadRequestPhase.Processed,
    downloadURL: downloadUrl,
    expiration: kubeTimestamp(new Date(nowMs + downloadUrlTtlMs)),
    message: null,
  };
}

/** Failed with `message` and no URL, expiring (then deleted) {@link downloadUrlTtlMs} after `nowMs`. Pure. */
export function failedDownloadStatus(message: string, nowMs: number): DownloadRequestStatusPatch {
  return {
    phase: DownloadRequestPhase.Failed,
    downloadURL: null,
    expiration: kubeTimestamp(new Date(nowMs + downloadUrlTtlMs)),
    message,
  };
}
