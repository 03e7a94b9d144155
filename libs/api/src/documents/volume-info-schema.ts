// BackupVolumeInfo / RestoreVolumeInfo: the `<backup>-volumeinfo.json.gz` and
// `<restore>-volumeinfo.json.gz` arrays Velero writes to object storage. Key spellings are Go's
// JSON tags, including the untagged (hence capitalised) `ReadyToUse` and `Phase`. Keys Go always
// writes (no omitempty) are required, so documents Ferry writes are complete, except `ReadyToUse`
// and `Phase`, which newer Velero releases added: volume infos of older backups lack them.
import { z } from 'zod';
import { dateTime, integer } from '../schema/crd-extensions';

/** `backupMethod` / `restoreMethod` values. */
export const VolumeInfoMethod = {
  NativeSnapshot: 'NativeSnapshot',
  PodVolumeBackup: 'PodVolumeBackup',
  CSISnapshot: 'CSISnapshot',
  PodVolumeRestore: 'PodVolumeRestore',
} as const;
/** One of {@link VolumeInfoMethod}. */
export type VolumeInfoMethod = (typeof VolumeInfoMethod)[keyof typeof VolumeInfoMethod];

/** `result` of a BackupVolumeInfo. */
export const VolumeResult = { Succeeded: 'succeeded', Failed: 'failed' } as const;
/** One of {@link VolumeResult}. */
export type VolumeResult = (typeof VolumeResult)[keyof typeof VolumeResult];

/** Value Velero writes for handle/VSC name/operation ID of data-moved CSI snapshots. */
export const VolumeInfoUnknownValue = 'unknown';

/** `csiSnapshotInfo`. `ReadyToUse` is capitalised and written as null when unknown. */
export const csiSnapshotInfoSchema = z.object({
  snapshotHandle: z.string(),
  size: integer(),
  driver: z.string(),
  vscName: z.string(),
  operationID: z.string().optional(),
  ReadyToUse: z.boolean().nullish(),
  volumeGroupSnapshotHandle: z.string().optional(),
});
/** `csiSnapshotInfo`. */
export type CsiSnapshotInfo = z.infer<typeof csiSnapshotInfoSchema>;

/** `snapshotDataMovementInfo`. `Phase` is capitalised (the DataUpload phase). */
export const snapshotDataMovementInfoSchema = z.object({
  dataMover: z.string(),
  uploaderType: z.string(),
  retainedSnapshot: z.string().optional(),
  snapshotHandle: z.string(),
  operationID: z.string(),
  size: integer(),
  incrementalSize: integer().optional(),
  Phase: z.string().optional(),
});
/** `snapshotDataMovementInfo`. */
export type SnapshotDataMovementInfo = z.infer<typeof snapshotDataMovementInfoSchema>;

/** `nativeSnapshotInfo` (`iops` is a string; `Phase` capitalised). */
export const nativeSnapshotInfoSchema = z.object({
  snapshotHandle: z.string(),
  volumeType: z.string(),
  volumeAZ: z.string(),
  iops: z.string(),
  Phase: z.string().optional(),
});
/** `nativeSnapshotInfo`. */
export type NativeSnapshotInfo = z.infer<typeof nativeSnapshotInfoSchema>;

/** `pvbInfo` / `pvrInfo` (`Phase` capitalised; nodeName empty for restores). */
export const podVolumeInfoSchema = z.object({
  snapshotHandle: z.string().optional(),
  size: integer().optional(),
  incrementalSize: integer().optional(),
  uploaderType: z.string(),
  volumeName: z.string(),
  podName: z.string(),
  podNamespace: z.string(),
  nodeName: z.string().optional(),
  Phase: z.string().optional(),
});
/** `pvbInfo` / `pvrInfo`. */
export type PodVolumeInfo = z.infer<typeof podVolumeInfoSchema>;

/** `pvInfo`: PV facts lost when the PV is recreated (labels may be null). */
export const pvInfoSchema = z.object({
  reclaimPolicy: z.string(),
  labels: z.record(z.string(), z.string()).nullable(),
});

/** One BackupVolumeInfo. */
export const backupVolumeInfoSchema = z.object({
  pvcName: z.string().optional(),
  pvcNamespace: z.string().optional(),
  pvName: z.string().optional(),
  backupMethod: z.enum([VolumeInfoMethod.NativeSnapshot, VolumeInfoMethod.PodVolumeBackup, VolumeInfoMethod.CSISnapshot]).optional(),
  snapshotDataMoved: z.boolean(),
  preserveLocalSnapshot: z.boolean(),
  skipped: z.boolean(),
  /** `<approach>: <reason>;` repeated; approaches podvolume, csiSnapshot, volumeSnapshot, vsphereSnapshot, any. */
  skippedReason: z.string().optional(),
  startTimestamp: dateTime().optional(),
  completionTimestamp: dateTime().optional(),
  result: z.enum(VolumeResult).optional(),
  csiSnapshotInfo: csiSnapshotInfoSchema.optional(),
  snapshotDataMovementInfo: snapshotDataMovementInfoSchema.optional(),
  nativeSnapshotInfo: nativeSnapshotInfoSchema.optional(),
  pvbInfo: podVolumeInfoSchema.optional(),
  pvInfo: pvInfoSchema.optional(),
});
/** One BackupVolumeInfo (an entry of `<backup>-volumeinfo.json.gz`). */
export type BackupVolumeInfo = z.infer<typeof backupVolumeInfoSchema>;

/** One RestoreVolumeInfo. */
export const restoreVolumeInfoSchema = z.object({
  pvcName: z.string().optional(),
  pvcNamespace: z.string().optional(),
  pvName: z.string().optional(),
  restoreMethod: z.enum([VolumeInfoMethod.PodVolumeRestore, VolumeInfoMethod.NativeSnapshot, VolumeInfoMethod.CSISnapshot]).optional(),
  snapshotDataMoved: z.boolean(),
  csiSnapshotInfo: csiSnapshotInfoSchema.optional(),
  snapshotDataMovementInfo: snapshotDataMovementInfoSchema.optional(),
  nativeSnapshotInfo: nativeSnapshotInfoSchema.optional(),
  pvrInfo: podVolumeInfoSchema.optional(),
});
/** One RestoreVolumeInfo (an entry of `<restore>-volumeinfo.json.gz`). */
export type RestoreVolumeInfo = z.infer<typeof restoreVolumeInfoSchema>;

/** The backup volume-info document: a JSON array. */
export const backupVolumeInfosSchema = z.array(backupVolumeInfoSchema);
/** The restore volume-info document: a JSON array. */
export const restoreVolumeInfosSchema = z.array(restoreVolumeInfoSchema);
