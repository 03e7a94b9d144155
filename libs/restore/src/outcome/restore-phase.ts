// The phases of a Restore (velero pkg/controller/restore_controller.go,
// restore_operations_controller.go and restore_finalizer_controller.go): New → FailedValidation,
// or InProgress → WaitingForPluginOperations* (while DataDownloads run) → Finalizing* →
// Completed / PartiallyFailed (`*PartiallyFailed` after errors); a run that could not
// proceed → Failed with `failureReason`. Ferry adds restart safety: an InProgress restore found
// with no run in this process is run again, at most `maxRestoreAttempts` times in all.
import { RestorePhase } from '@ferry/api';
import { parseDuration } from '@ferry/kube-values';

/** Velero's default `--default-item-operation-timeout` for restores (4h), as the spec shows it. */
export const defaultItemOperationTimeout = '4h0m0s';

/**
 * The Restore's item operation timeout as Velero's restore controller completes it: absent or zero
 * (`velero restore create` sends `"0s"`) → the 4h default; `text` for the spec, `ms` for the waits.
 * An unparseable value (validation refuses it first) counts as absent. Pure.
 */
export function effectiveItemOperationTimeout(value: string | undefined): { readonly text: string; readonly ms: number } {
  const parsed = value ? parseDuration(value) : undefined;
  if (!parsed?.ok || parsed.nanoseconds <= 0n) return { text: defaultItemOperationTimeout, ms: 4 * 3_600_000 };
  return { text: value ?? defaultItemOperationTimeout, ms: Number(parsed.nanoseconds / 1_000_000n) };
}

/** Ferry's annotation counting the runs of one Restore (restart safety). */
export const restoreAttemptsAnnotation = 'ferry.io/restore-attempts';

/** Runs of one Restore before it fails instead of starting once more (a restore that kills its controller each time). */
export const maxRestoreAttempts = 3;

/** What the reconciler does with a Restore in `phase`. */
export type RestoreStep = 'validate' | 'run' | 'finalize' | 'done';

/** The step for a Restore's phase (`""` = New). Pure. */
export function restoreStepOf(phase: string | undefined): RestoreStep {
  switch (phase ?? '') {
    case '':
    case RestorePhase.New:
      return 'validate';
    case RestorePhase.InProgress:
      return 'run';
    case RestorePhase.Finalizing:
    case RestorePhase.FinalizingPartiallyFailed:
    case RestorePhase.WaitingForPluginOperations:
    case RestorePhase.WaitingForPluginOperationsPartiallyFailed:
      return 'finalize';
    default:
      return 'done';
  }
}

/**
 * Velero's phase after the items: WaitingForPluginOperations when async operations (DataDownloads)
 * were started, else Finalizing; each `…PartiallyFailed` when there were errors. Pure.
 */
export function phaseAfterRun(errors: number, operationsStarted: boolean): RestorePhase {
  if (operationsStarted)
    return errors > 0 ? RestorePhase.WaitingForPluginOperationsPartiallyFailed : RestorePhase.WaitingForPluginOperations;
  return errors > 0 ? RestorePhase.FinalizingPartiallyFailed : RestorePhase.Finalizing;
}

/** Velero's phase when the operations ended: Finalizing, or FinalizingPartiallyFailed after errors or failed operations. Pure. */
export function phaseAfterOperations(phase: string, failedOperations: number): RestorePhase {
  return phase === RestorePhase.WaitingForPluginOperationsPartiallyFailed || failedOperations > 0
    ? RestorePhase.FinalizingPartiallyFailed
    : RestorePhase.Finalizing;
}

/** The restore finalizer's terminal phase. Pure. */
export function phaseAfterFinalizing(phase: string | undefined): RestorePhase {
  return phase === RestorePhase.FinalizingPartiallyFailed || phase === RestorePhase.WaitingForPluginOperationsPartiallyFailed
    ? RestorePhase.PartiallyFailed
    : RestorePhase.Completed;
}

/** The attempt count stored on a Restore (0 when absent or unreadable). Pure. */
export function restoreAttempts(annotations: Readonly<Record<string, string>> | null | undefined): number {
  const value = Number.parseInt(annotations?.[restoreAttemptsAnnotation] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** The failure reason when a Restore ran out of attempts. Pure. */
export function attemptsExhaustedReason(attempts: number): string {
  return `the restore was interrupted ${attempts} times (controller restarts) before it finished; giving up`;
}
