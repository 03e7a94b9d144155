// OADP's PartiallyFailed: a VSB whose parent Velero Backup (label `velero.io/backup-name`) or a VSR
// whose parent Restore (label `velero.io/restore-name`) ended Failed or PartiallyFailed stops moving
// data and ends PartiallyFailed (docs/velero-compatibility.md#oadp-volumesnapshotbackup-and-volumesnapshotrestore), as OADP's controller does.
import { BackupPhase, RestorePhase, VeleroLabel } from '@ferry/api';
import type { SnapshotMoverApi } from './snapshot-mover-api';

const failedPhases = new Set<string>([
  BackupPhase.Failed,
  BackupPhase.PartiallyFailed,
  BackupPhase.FailedValidation,
  RestorePhase.Failed,
  RestorePhase.PartiallyFailed,
]);

/**
 * Why the parent operation of a VSB/VSR (in `protectedNamespace`) makes it PartiallyFailed, or
 * undefined when it has no parent label, the parent does not exist, or it has not failed.
 */
export async function parentFailure(
  api: SnapshotMoverApi,
  protectedNamespace: string,
  labels: Readonly<Record<string, string>> | undefined,
  kind: 'Backup' | 'Restore',
): Promise<string | undefined> {
  const name = labels?.[kind === 'Backup' ? VeleroLabel.BackupName : VeleroLabel.RestoreName];
  if (!name) return undefined;
  const parent =
    kind === 'Backup' ? await api.veleroBackups.find(protectedNamespace, name) : await api.veleroRestores.find(protectedNamespace, name);
  const phase = parent?.status?.phase;
  return phase && failedPhases.has(phase) ? `${kind} ${protectedNamespace}/${name} ended ${phase}: data movement stopped` : undefined;
}
