// The status a validation writes, as Velero's BSL controller does. Pure.
import { BackupStorageLocationPhase, type BackupStorageLocation, type BackupStorageLocationStatus } from '@ferry/api';
import { kubeTimestamp } from '@ferry/kube-values';

/**
 * The status after validating `location` at `nowMs`: Available with no message, or Unavailable
 * with Velero's message `BackupStorageLocation "<name>" is unavailable: <problem>`; the validation
 * time in whole seconds. Other status fields are kept.
 */
export function validatedStatus(location: BackupStorageLocation, problem: string | undefined, nowMs: number): BackupStorageLocationStatus {
  const kept: BackupStorageLocationStatus = { ...location.status };
  delete kept.message;
  const lastValidationTime = kubeTimestamp(nowMs);
  if (problem === undefined) return { ...kept, phase: BackupStorageLocationPhase.Available, lastValidationTime };
  return {
    ...kept,
    phase: BackupStorageLocationPhase.Unavailable,
    lastValidationTime,
    message: `BackupStorageLocation ${JSON.stringify(location.metadata?.name ?? '')} is unavailable: ${problem}`,
  };
}
