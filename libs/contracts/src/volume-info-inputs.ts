import { z } from 'zod';

// The inputs of a volume document as `volumeinfo.record` carries them (version 1): for a backup,
// one volume and what was done with it (`@ferry/backup`'s VolumeInfoInput); for a restore, one
// restored claim, one ended PodVolumeRestore or one DataDownload (`@ferry/restore`'s
// RestoreVolumeInfoInputs, item by item). The field names and meanings are those types'; the
// volume-info service generates the document from them.

const optionalText = z.string().optional();
const count = z.number().int().nonnegative().optional();
const quantity = z.union([z.string(), z.number()]).optional();
const claimRef = z.object({ namespace: z.string(), name: z.string() });

const volumeFactsSchema = z.object({
  name: z.string(),
  reclaimPolicy: optionalText,
  labels: z.record(z.string(), z.string()).nullable().optional(),
});

const skipReasonSchema = z.object({
  approach: z.enum(['podvolume', 'csiSnapshot', 'volumeSnapshot', 'vsphereSnapshot', 'any', '']),
  reason: z.string(),
});

const csiSnapshotFactsSchema = z.object({
  volumeSnapshotContentName: z.string(),
  restoreSize: quantity,
  readyToUse: z.boolean().nullable().optional(),
  creationTime: optionalText,
  driver: z.string(),
  snapshotHandle: optionalText,
  volumeGroupSnapshotHandle: optionalText,
});

const dataUploadFactsSchema = z.object({
  driver: z.string(),
  volumeSnapshot: optionalText,
  dataMover: optionalText,
  phase: optionalText,
  snapshotId: optionalText,
  totalBytes: count,
  incrementalBytes: count,
  startTimestamp: optionalText,
  completionTimestamp: optionalText,
});

const podVolumeBackupFactsSchema = z.object({
  uploaderType: z.string(),
  volume: z.string(),
  pod: claimRef,
  node: optionalText,
  phase: optionalText,
  snapshotId: optionalText,
  totalBytes: count,
  incrementalBytes: count,
  startTimestamp: optionalText,
  completionTimestamp: optionalText,
});

/** One volume of a backup and what was done with it (`@ferry/backup` VolumeInfoInput). */
export const backupVolumeInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('skipped'),
    claim: claimRef.optional(),
    volume: volumeFactsSchema,
    reasons: z.array(skipReasonSchema).readonly(),
  }),
  z.object({
    kind: z.literal('csi-snapshot'),
    claim: claimRef,
    volume: volumeFactsSchema,
    snapshot: csiSnapshotFactsSchema,
    operation: z.object({ operationId: z.string(), updated: optionalText, error: optionalText }).optional(),
  }),
  z.object({
    kind: z.literal('data-movement'),
    claim: claimRef,
    volume: volumeFactsSchema,
    operationId: z.string(),
    dataUpload: dataUploadFactsSchema,
  }),
  z.object({
    kind: z.literal('fs-backup'),
    claim: z.object({ claim: claimRef, volume: volumeFactsSchema }).optional(),
    podVolumeBackup: podVolumeBackupFactsSchema,
  }),
]);

/** A claim the restore created (`@ferry/restore` RestoredClaim). */
export const restoredClaimInputSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  boundVolume: optionalText,
  snapshot: z
    .object({
      annotations: z.record(z.string(), z.string()).optional(),
      volumeSnapshotContentName: optionalText,
      restoreSize: quantity,
    })
    .optional(),
});

/** An ended PodVolumeRestore (`@ferry/restore` PodVolumeRestoreFacts). */
export const podVolumeRestoreInputSchema = z.object({
  pod: claimRef,
  volume: z.string(),
  uploaderType: z.string(),
  snapshotId: optionalText,
  totalBytes: count,
  podVolumes: z
    .array(z.object({ name: z.string(), persistentVolumeClaim: z.object({ claimName: z.string() }).optional() }))
    .readonly()
    .optional(),
});

/** A DataDownload of the restore (`@ferry/restore` DataDownloadFacts). */
export const dataDownloadInputSchema = z.object({
  targetVolume: z.object({ namespace: z.string(), pvc: z.string(), pv: optionalText }),
  snapshotId: optionalText,
  dataMover: optionalText,
  operationId: optionalText,
});

/**
 * What a record contributes to its run's document: a backup volume, or one item of a restore's
 * inputs. A newer record of the same `volumeKey` replaces it.
 */
export const volumeDocumentInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('backup-volume'), value: backupVolumeInputSchema }),
  z.object({ kind: z.literal('restored-claim'), value: restoredClaimInputSchema }),
  z.object({ kind: z.literal('pod-volume-restore'), value: podVolumeRestoreInputSchema }),
  z.object({ kind: z.literal('data-download'), value: dataDownloadInputSchema }),
]);
