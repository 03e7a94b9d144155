// The BackupVolumeInfo entries of a backup, as Velero's `internal/volume` builds them at the end
// of the backup and its finalizer completes them: skipped volumes first, then CSI snapshots, then
// pod volume backups, then data-moved snapshots. Every CSISnapshot entry carries
// `csiSnapshotInfo` and every PodVolumeBackup entry `pvbInfo` — `velero backup describe --details`
// crashes on an entry without its method's info.
import { VolumeInfoMethod, VolumeInfoUnknownValue, VolumeResult, type BackupVolumeInfo } from '@ferry/api';
import { parseQuantity, type Quantity } from '@ferry/kube-values';
import { compareGoStrings } from '../encoding/go-json';
import {
  SkipApproach,
  type ClaimRef,
  type CsiSnapshotFacts,
  type DataUploadFacts,
  type PodVolumeBackupFacts,
  type SkipReason,
  type SnapshotOperationFacts,
  type VolumeFacts,
  type VolumeInfoInput,
} from './volume-info-inputs';

/** `dataMover` Velero writes for a DataUpload with an empty `spec.datamover`. */
export const defaultVolumeInfoDataMover = 'velero';

/** `uploaderType` Velero writes for every data-moved snapshot (even velero-block). */
export const dataMovementUploaderType = 'kopia';

const completedPhase = 'Completed';

/**
 * Velero's `SerializeSkipReasons`: `<approach>: <reason>;` for each approach in sorted order, one
 * reason per approach (the last given wins), an empty approach counting as `any`, empty reasons
 * ignored. `""` when no reason is left. Pure.
 */
export function skippedReasonText(reasons: readonly SkipReason[]): string {
  const byApproach = new Map<string, string>();
  for (const { approach, reason } of reasons) if (reason !== '') byApproach.set(approach || SkipApproach.Any, reason);
  return [...byApproach.keys()]
    .sort(compareGoStrings)
    .map((approach) => `${approach}: ${byApproach.get(approach) ?? ''};`)
    .join('');
}

/**
 * apimachinery's `Quantity.Value()` of a quantity's text (or a plain number): the integer value
 * rounded away from zero; 0 when absent or unparsable. Pure.
 */
export function quantityValue(text: string | number | undefined): number {
  if (text === undefined) return 0;
  const parsed = parseQuantity(String(text));
  if (!parsed.ok) return 0;
  const { negative, mantissa, exponent }: Quantity = parsed.quantity;
  const scale = 10n ** BigInt(Math.abs(exponent));
  const magnitude = exponent >= 0 ? mantissa * scale : (mantissa + scale - 1n) / scale;
  return Number(negative ? -magnitude : magnitude);
}

function claimFields(claim: ClaimRef | undefined, volume: VolumeFacts): Partial<BackupVolumeInfo> {
  return {
    pvcName: claim?.name,
    pvcNamespace: claim?.namespace,
    pvName: volume.name,
  };
}

function pvInfo(volume: VolumeFacts): NonNullable<BackupVolumeInfo['pvInfo']> {
  return { reclaimPolicy: volume.reclaimPolicy ?? '', labels: volume.labels ? { ...volume.labels } : null };
}

const resultOf = (succeeded: boolean): VolumeResult => (succeeded ? VolumeResult.Succeeded : VolumeResult.Failed);

function skippedInfo(claim: ClaimRef | undefined, volume: VolumeFacts, reasons: readonly SkipReason[]): BackupVolumeInfo | undefined {
  const skippedReason = skippedReasonText(reasons);
  // Velero's skip tracker ignores a volume without a reason, or without a PV (an unbound PVC).
  if (skippedReason === '' || volume.name === '') return undefined;
  return {
    ...claimFields(claim, volume),
    snapshotDataMoved: false,
    preserveLocalSnapshot: false,
    skipped: true,
    skippedReason,
    pvInfo: pvInfo(volume),
  };
}

function csiSnapshotInfo(
  claim: ClaimRef,
  volume: VolumeFacts,
  snapshot: CsiSnapshotFacts,
  operation?: SnapshotOperationFacts,
): BackupVolumeInfo {
  return {
    ...claimFields(claim, volume),
    backupMethod: VolumeInfoMethod.CSISnapshot,
    snapshotDataMoved: false,
    preserveLocalSnapshot: true,
    skipped: false,
    startTimestamp: snapshot.creationTime,
    completionTimestamp: operation?.updated,
    result: operation ? resultOf(!operation.error) : undefined,
    csiSnapshotInfo: {
      snapshotHandle: snapshot.snapshotHandle ?? '',
      size: quantityValue(snapshot.restoreSize),
      driver: snapshot.driver,
      vscName: snapshot.volumeSnapshotContentName,
      operationID: operation?.operationId,
      ReadyToUse: snapshot.readyToUse ?? null,
      volumeGroupSnapshotHandle: snapshot.volumeGroupSnapshotHandle,
    },
    pvInfo: pvInfo(volume),
  };
}

function dataMovementInfo(claim: ClaimRef, volume: VolumeFacts, operationId: string, upload: DataUploadFacts): BackupVolumeInfo {
  return {
    ...claimFields(claim, volume),
    backupMethod: VolumeInfoMethod.CSISnapshot,
    snapshotDataMoved: true,
    preserveLocalSnapshot: false,
    skipped: false,
    startTimestamp: upload.startTimestamp,
    completionTimestamp: upload.completionTimestamp,
    result: resultOf(upload.phase === completedPhase),
    csiSnapshotInfo: {
      snapshotHandle: VolumeInfoUnknownValue,
      size: 0,
      driver: upload.driver,
      vscName: VolumeInfoUnknownValue,
      operationID: VolumeInfoUnknownValue,
      ReadyToUse: null,
    },
    snapshotDataMovementInfo: {
      dataMover: upload.dataMover || defaultVolumeInfoDataMover,
      uploaderType: dataMovementUploaderType,
      retainedSnapshot: upload.volumeSnapshot,
      snapshotHandle: upload.snapshotId ?? '',
      operationID: operationId,
      size: upload.totalBytes ?? 0,
      incrementalSize: upload.incrementalBytes,
      Phase: upload.phase ?? '',
    },
    pvInfo: pvInfo(volume),
  };
}

function podVolumeBackupInfo(claim: { claim: ClaimRef; volume: VolumeFacts } | undefined, pvb: PodVolumeBackupFacts): BackupVolumeInfo {
  return {
    ...(claim ? claimFields(claim.claim, claim.volume) : {}),
    backupMethod: VolumeInfoMethod.PodVolumeBackup,
    snapshotDataMoved: false,
    preserveLocalSnapshot: false,
    skipped: false,
    startTimestamp: pvb.startTimestamp,
    completionTimestamp: pvb.completionTimestamp,
    result: resultOf(pvb.phase === completedPhase),
    pvbInfo: {
      snapshotHandle: pvb.snapshotId,
      size: pvb.totalBytes,
      incrementalSize: pvb.incrementalBytes,
      uploaderType: pvb.uploaderType,
      volumeName: pvb.volume,
      podName: pvb.pod.name,
      podNamespace: pvb.pod.namespace,
      nodeName: pvb.node,
      Phase: pvb.phase ?? '',
    },
    pvInfo: claim ? pvInfo(claim.volume) : undefined,
  };
}

const groupOrder: readonly VolumeInfoInput['kind'][] = ['skipped', 'csi-snapshot', 'fs-backup', 'data-movement'];

/** Velero's `pvcPvMap.retrieve` by claim: it finds nothing for an unnamed claim or a claim whose PV it did not back up. */
const located = (claim: ClaimRef, volume: VolumeFacts): boolean => claim.namespace !== '' && claim.name !== '' && volume.name !== '';

/** Velero skips a VolumeSnapshot without a bound content, or whose content it cannot find (a content always names its driver). */
const snapshotFound = (snapshot: CsiSnapshotFacts): boolean => snapshot.volumeSnapshotContentName !== '' && snapshot.driver !== '';

function infoOf(input: VolumeInfoInput): BackupVolumeInfo | undefined {
  switch (input.kind) {
    case 'skipped':
      return skippedInfo(input.claim, input.volume, input.reasons);
    case 'csi-snapshot':
      if (!located(input.claim, input.volume) || !snapshotFound(input.snapshot)) return undefined;
      return csiSnapshotInfo(input.claim, input.volume, input.snapshot, input.operation);
    case 'data-movement':
      if (!located(input.claim, input.volume)) return undefined;
      return dataMovementInfo(input.claim, input.volume, input.operationId, input.dataUpload);
    case 'fs-backup':
      if (input.claim && !located(input.claim.claim, input.claim.volume)) return undefined;
      return podVolumeBackupInfo(input.claim, input.podVolumeBackup);
  }
}

/**
 * The BackupVolumeInfo entries of a finished backup, in Velero's group order (skipped, CSI
 * snapshots, pod volume backups, data-moved snapshots; input order within a group):
 * - skipped: `skipped: true`, `skippedReason` by {@link skippedReasonText} (no entry when no
 *   reason is given or the PV name is empty, as Velero), `pvInfo`;
 * - no entry, as Velero, for a CSI snapshot, data movement or PVC-backed fs-backup whose claim is
 *   unnamed or whose PV name is empty (the backup did not back up its PV), nor for a CSI snapshot
 *   without a bound content name or without its content (empty `driver`);
 * - CSI snapshot: `preserveLocalSnapshot: true`, `csiSnapshotInfo` from the VolumeSnapshot and
 *   its content, start = snapshot creation, completion and result from the operation;
 * - data movement: `snapshotDataMoved: true`, `csiSnapshotInfo` with handle, VSC name and
 *   operation ID `unknown`, `snapshotDataMovementInfo` from the DataUpload (`dataMover` `velero`
 *   when empty, `uploaderType` `kopia`), result succeeded only for a Completed DataUpload;
 * - fs-backup: `pvbInfo` from the PodVolumeBackup, result succeeded only when Completed; PVC, PV
 *   and `pvInfo` only for PVC-backed pod volumes.
 * Encode with `encodeBackupVolumeInfos`. Pure.
 */
export function backupVolumeInfos(inputs: readonly VolumeInfoInput[]): BackupVolumeInfo[] {
  return groupOrder.flatMap((kind) =>
    inputs
      .filter((input) => input.kind === kind)
      .flatMap((input) => {
        const info = infoOf(input);
        return info ? [info] : [];
      }),
  );
}
