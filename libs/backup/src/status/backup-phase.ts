// How a Backup's phase moves, as Velero's three controllers move it: the backup controller after
// collecting items (InProgress → WaitingForPluginOperations[PartiallyFailed] | Finalizing[PartiallyFailed]
// | Failed), the operations controller while async item operations run (→ Finalizing[PartiallyFailed]),
// and the finalizer (→ Completed | PartiallyFailed).
import { BackupPhase } from '@ferry/api';

/** `status.version`: the backup major version (deprecated in favour of formatVersion, still written). */
export const backupStatusVersion = 1;

/** `status.formatVersion`, also the content of the tarball's `metadata/version`. */
export const backupFormatVersion = '1.1.0';

/** Phases after which nothing changes any more (`velero backup create --wait` stops at these). */
export const terminalBackupPhases: ReadonlySet<BackupPhase> = new Set([
  BackupPhase.Completed,
  BackupPhase.PartiallyFailed,
  BackupPhase.Failed,
  BackupPhase.FailedValidation,
]);

/** Whether `phase` is final (see {@link terminalBackupPhases}). `undefined`/`""` counts as New. Pure. */
export function isTerminalBackupPhase(phase: BackupPhase | '' | undefined): boolean {
  return phase !== undefined && phase !== '' && terminalBackupPhases.has(phase);
}

/** Whether Velero sets `status.completionTimestamp` on entering `phase` (the terminal run phases). Pure. */
export function setsCompletionTimestamp(phase: BackupPhase): boolean {
  return phase === BackupPhase.Completed || phase === BackupPhase.PartiallyFailed || phase === BackupPhase.Failed;
}

/** What the item collection ended with. */
export interface CollectionOutcome {
  /** A fatal error stopped the backup (the tarball could not be written, the bucket failed…). */
  readonly fatal: boolean;
  /** Errors logged while backing items up (the `errors` of the results document). */
  readonly errors: number;
  /** Whether async item operations (snapshots, DataUploads, PodVolumeBackups) are still running. */
  readonly operationsInProgress: boolean;
}

/**
 * The phase after items are collected (Velero's `runBackup`): Failed on a fatal error; with
 * errors WaitingForPluginOperationsPartiallyFailed (operations running) or
 * FinalizingPartiallyFailed; else WaitingForPluginOperations or Finalizing. Pure.
 */
export function phaseAfterCollection(outcome: CollectionOutcome): BackupPhase {
  if (outcome.fatal) return BackupPhase.Failed;
  if (outcome.errors > 0) {
    return outcome.operationsInProgress ? BackupPhase.WaitingForPluginOperationsPartiallyFailed : BackupPhase.FinalizingPartiallyFailed;
  }
  return outcome.operationsInProgress ? BackupPhase.WaitingForPluginOperations : BackupPhase.Finalizing;
}

/** One check of the async item operations. */
export interface OperationsCheck {
  /** Operations that failed since the last check (each adds one to `status.errors`). */
  readonly newErrors: number;
  /** Whether any operation is still New or InProgress. */
  readonly stillInProgress: boolean;
}

/**
 * The phase after checking the operations of a Backup in `current` (Velero's operations
 * controller): a new error makes it WaitingForPluginOperationsPartiallyFailed; when none is left
 * running it moves to Finalizing (no error ever) or FinalizingPartiallyFailed. Other phases are
 * returned unchanged. Pure.
 */
export function phaseAfterOperations(current: BackupPhase, check: OperationsCheck): BackupPhase {
  if (current !== BackupPhase.WaitingForPluginOperations && current !== BackupPhase.WaitingForPluginOperationsPartiallyFailed) {
    return current;
  }
  const waiting = check.newErrors > 0 ? BackupPhase.WaitingForPluginOperationsPartiallyFailed : current;
  if (check.stillInProgress) return waiting;
  return waiting === BackupPhase.WaitingForPluginOperations ? BackupPhase.Finalizing : BackupPhase.FinalizingPartiallyFailed;
}

/**
 * The phase after finalizing (Velero's finalizer controller): Finalizing → Completed,
 * FinalizingPartiallyFailed → PartiallyFailed; other phases unchanged. Pure.
 */
export function phaseAfterFinalizing(current: BackupPhase): BackupPhase {
  if (current === BackupPhase.Finalizing) return BackupPhase.Completed;
  if (current === BackupPhase.FinalizingPartiallyFailed) return BackupPhase.PartiallyFailed;
  return current;
}

/** Everything that decides how a whole backup ended. */
export interface BackupOutcome {
  /** Why the backup could not complete at all (becomes `status.failureReason`). */
  readonly fatalError?: string | undefined;
  /** `status.errors`: logged item errors plus failed operations. */
  readonly errors: number;
  /** Items that could not be backed up. */
  readonly failedItems?: number;
  /** Volumes whose snapshot, data movement or fs-backup failed. */
  readonly failedVolumes?: number;
}

/** The final phase, and `failureReason` when Failed. */
export interface FinalPhase {
  readonly phase: typeof BackupPhase.Completed | typeof BackupPhase.PartiallyFailed | typeof BackupPhase.Failed;
  readonly failureReason?: string;
}

/**
 * The final phase of a backup run start to end: Failed with `failureReason` on a fatal error;
 * PartiallyFailed when any item or volume failed or errors were counted; else Completed. Equal to
 * chaining {@link phaseAfterCollection}, {@link phaseAfterOperations} and
 * {@link phaseAfterFinalizing}, for a caller that decides in one step. Pure.
 */
export function finalBackupPhase(outcome: BackupOutcome): FinalPhase {
  if (outcome.fatalError !== undefined) return { phase: BackupPhase.Failed, failureReason: outcome.fatalError };
  const failed = outcome.errors + (outcome.failedItems ?? 0) + (outcome.failedVolumes ?? 0);
  return { phase: failed > 0 ? BackupPhase.PartiallyFailed : BackupPhase.Completed };
}

/** Velero's error text of an async operation that outran `itemOperationTimeout`. */
export const operationTimedOutError = 'Asynchronous action timed out';

/**
 * Whether an operation created at `created` has outrun `itemOperationTimeoutMs` at `now`
 * (strictly after created + timeout, as Velero). Pure.
 */
export function operationTimedOut(created: Date, itemOperationTimeoutMs: number, now: Date): boolean {
  return created.getTime() + itemOperationTimeoutMs < now.getTime();
}

/**
 * An operation's error as Velero records it among the backup errors: `<error>, plugin: <name>`
 * (just `plugin: <name>` for an empty error); `plugin` defaults to `unknown`. Pure.
 */
export function operationErrorMessage(error: string, plugin = 'unknown'): string {
  return error.length > 0 ? `${error}, plugin: ${plugin}` : `plugin: ${plugin}`;
}
