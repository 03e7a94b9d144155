// The `<backup>-volumeinfo.json.gz` text exactly as Velero writes it: Go's struct field order,
// omitempty where Go has it (empty strings, zeros, false, nil pointers left out), the untagged
// `ReadyToUse` (null when unknown) and `Phase` ("" when unknown) always written, `pvInfo.labels`
// null for a PV without labels, trailing newline. The `<restore>-volumeinfo.json.gz` text shares
// the sub-objects (Velero's RestoreVolumeInfo reuses the same Go structs).
import type { BackupVolumeInfo, RestoreVolumeInfo } from '@ferry/api';
import { encodeGoJson, goMap, type GoJsonValue } from '../encoding/go-json';

type CsiInfo = NonNullable<BackupVolumeInfo['csiSnapshotInfo']>;
type MovementInfo = NonNullable<BackupVolumeInfo['snapshotDataMovementInfo']>;
type NativeInfo = NonNullable<BackupVolumeInfo['nativeSnapshotInfo']>;
type PodInfo = NonNullable<BackupVolumeInfo['pvbInfo']>;
type PvInfo = NonNullable<BackupVolumeInfo['pvInfo']>;

/** Go's omitempty: the zero value of a string, number or boolean is left out. */
const omitEmpty = <T extends string | number | boolean>(value: T | undefined): T | undefined =>
  value === '' || value === 0 || value === false ? undefined : value;

const csiJson = (info: CsiInfo): GoJsonValue => ({
  snapshotHandle: info.snapshotHandle,
  size: info.size,
  driver: info.driver,
  vscName: info.vscName,
  operationID: omitEmpty(info.operationID),
  ReadyToUse: info.ReadyToUse ?? null,
  volumeGroupSnapshotHandle: omitEmpty(info.volumeGroupSnapshotHandle),
});

const movementJson = (info: MovementInfo): GoJsonValue => ({
  dataMover: info.dataMover,
  uploaderType: info.uploaderType,
  retainedSnapshot: omitEmpty(info.retainedSnapshot),
  snapshotHandle: info.snapshotHandle,
  operationID: info.operationID,
  size: info.size,
  incrementalSize: omitEmpty(info.incrementalSize),
  Phase: info.Phase ?? '',
});

const nativeJson = (info: NativeInfo): GoJsonValue => ({
  snapshotHandle: info.snapshotHandle,
  volumeType: info.volumeType,
  volumeAZ: info.volumeAZ,
  iops: info.iops,
  Phase: info.Phase ?? '',
});

const podJson = (info: PodInfo): GoJsonValue => ({
  snapshotHandle: omitEmpty(info.snapshotHandle),
  size: omitEmpty(info.size),
  incrementalSize: omitEmpty(info.incrementalSize),
  uploaderType: info.uploaderType,
  volumeName: info.volumeName,
  podName: info.podName,
  podNamespace: info.podNamespace,
  nodeName: omitEmpty(info.nodeName),
  Phase: info.Phase ?? '',
});

const pvJson = (info: PvInfo): GoJsonValue => ({ reclaimPolicy: info.reclaimPolicy, labels: goMap(info.labels ?? undefined) });

const optional = <T>(value: T | undefined, encode: (value: T) => GoJsonValue): GoJsonValue =>
  value === undefined ? undefined : encode(value);

/** One entry in Go's field order. */
function volumeInfoJson(info: BackupVolumeInfo): GoJsonValue {
  return {
    pvcName: omitEmpty(info.pvcName),
    pvcNamespace: omitEmpty(info.pvcNamespace),
    pvName: omitEmpty(info.pvName),
    backupMethod: omitEmpty(info.backupMethod),
    snapshotDataMoved: info.snapshotDataMoved,
    preserveLocalSnapshot: info.preserveLocalSnapshot,
    skipped: info.skipped,
    skippedReason: omitEmpty(info.skippedReason),
    startTimestamp: info.startTimestamp ?? undefined,
    completionTimestamp: info.completionTimestamp ?? undefined,
    result: omitEmpty(info.result),
    csiSnapshotInfo: optional(info.csiSnapshotInfo, csiJson),
    snapshotDataMovementInfo: optional(info.snapshotDataMovementInfo, movementJson),
    nativeSnapshotInfo: optional(info.nativeSnapshotInfo, nativeJson),
    pvbInfo: optional(info.pvbInfo, podJson),
    pvInfo: optional(info.pvInfo, pvJson),
  };
}

/**
 * The volume-info document text, byte for byte as Velero's `json.NewEncoder(gz).Encode(infos)`
 * writes it (`[]` when there are no volumes); the writer only gzips it. Pure.
 */
export function encodeBackupVolumeInfos(infos: readonly BackupVolumeInfo[]): string {
  return encodeGoJson(infos.map(volumeInfoJson));
}

/** One restore entry in Go's field order (`RestoreVolumeInfo`). */
function restoreVolumeInfoJson(info: RestoreVolumeInfo): GoJsonValue {
  return {
    pvcName: omitEmpty(info.pvcName),
    pvcNamespace: omitEmpty(info.pvcNamespace),
    pvName: omitEmpty(info.pvName),
    restoreMethod: omitEmpty(info.restoreMethod),
    snapshotDataMoved: info.snapshotDataMoved,
    csiSnapshotInfo: optional(info.csiSnapshotInfo, csiJson),
    snapshotDataMovementInfo: optional(info.snapshotDataMovementInfo, movementJson),
    nativeSnapshotInfo: optional(info.nativeSnapshotInfo, nativeJson),
    pvrInfo: optional(info.pvrInfo, podJson),
  };
}

/**
 * The restore volume-info document text, byte for byte as Velero's `putRestoreVolumeInfoList`
 * (`json.NewEncoder(gz).Encode(infos)`) writes it (`[]` when there are no volumes); the writer
 * only gzips it. Pure.
 */
export function encodeRestoreVolumeInfos(infos: readonly RestoreVolumeInfo[]): string {
  return encodeGoJson(infos.map(restoreVolumeInfoJson));
}
