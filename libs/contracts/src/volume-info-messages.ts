import { backupVolumeInfoSchema, restoreVolumeInfoSchema, VolumeInfoMethod } from '@ferry/api';
import { z } from 'zod';

// Schemas of the volume-info service (version 1): per-volume records (event, JetStream), the seal of
// a backup's or restore's report (request/reply) and the queries (request/reply). The query replies
// are also the bodies of the service's HTTP API, so both answer the same JSON.

const name = z.string().min(1);
const time = z.iso.datetime({ offset: true });
/** A namespaced object or claim by namespace and name. */
export const volumeInfoObjectRefSchema = z.object({ namespace: name, name });

/** The Backup or Restore a record or seal is about. */
export const volumeInfoTargetSchema = z.object({ kind: z.enum(['backup', 'restore']), namespace: name, name });

const volumeMethodSchema = z.enum(VolumeInfoMethod);

/**
 * Event `volumeinfo.record`: what one publisher (`controller`, `exposer`, `mover`) learnt about one
 * claim's volume of a Backup or Restore at `recordedAt`. Every fact is optional; the service keeps,
 * per fact, the value of the newest record, so redelivered and reordered records are harmless.
 */
export const volumeInfoRecordSchema = z.object({
  v: z.literal(1),
  target: volumeInfoTargetSchema,
  claim: volumeInfoObjectRefSchema,
  pvName: z.string().optional(),
  source: z.enum(['controller', 'exposer', 'mover']),
  recordedAt: time,
  facts: z.object({
    method: volumeMethodSchema.optional(),
    snapshotDataMoved: z.boolean().optional(),
    snapshotHandle: z.string().optional(),
    bytes: z.number().int().nonnegative().optional(),
    incrementalBytes: z.number().int().nonnegative().optional(),
    uploaderType: z.string().optional(),
    dataMover: z.string().optional(),
    nodeName: z.string().optional(),
    result: z.enum(['succeeded', 'failed']).optional(),
    startTimestamp: time.optional(),
    completionTimestamp: time.optional(),
    skipped: z.boolean().optional(),
    skippedReason: z.string().optional(),
  }),
});

/**
 * Request `volumeinfo.seal` (controller → volume-info, during Finalizing): "the report of this
 * Backup/Restore is final". The service answers once the document is in the bucket and indexed;
 * an error reply `VOLUMEINFO_DOCUMENT_MISSING` (retryable) means it is not there yet.
 */
export const volumeInfoSealSchema = z.object({ v: z.literal(1), target: volumeInfoTargetSchema });

/** Reply of `volumeinfo.seal`: where the document is and how many volume entries it holds. */
export const volumeInfoSealReplySchema = z.object({
  target: volumeInfoTargetSchema,
  key: z.string().min(1),
  volumes: z.number().int().nonnegative(),
  sealedAt: time,
});

/** One volume entry read for people: claim, method, handle, bytes, duration (see @ferry/volume-history). */
export const volumeSummarySchema = z.object({
  claim: volumeInfoObjectRefSchema.optional(),
  sourceClaim: volumeInfoObjectRefSchema.optional(),
  pvName: z.string().optional(),
  method: volumeMethodSchema.optional(),
  snapshotDataMoved: z.boolean(),
  snapshotHandle: z.string().optional(),
  bytes: z.number().optional(),
  incrementalBytes: z.number().optional(),
  uploaderType: z.string().optional(),
  dataMover: z.string().optional(),
  nodeName: z.string().optional(),
  skipped: z.boolean().optional(),
  skippedReason: z.string().optional(),
  result: z.string().optional(),
  startTimestamp: z.string().optional(),
  completionTimestamp: z.string().optional(),
  durationMs: z.number().optional(),
});

/** Query answer: a backup's volume document, each entry as written plus its summary. */
export const backupVolumesAnswerSchema = z.object({
  kind: z.literal('backup-volumes'),
  backup: volumeInfoObjectRefSchema,
  phase: z.string(),
  storageLocation: z.string(),
  time: z.string().optional(),
  documentKey: z.string().optional(),
  volumes: z.array(z.object({ info: backupVolumeInfoSchema, summary: volumeSummarySchema })),
});

/** Query answer: a restore's volume document, each entry as written plus its summary. */
export const restoreVolumesAnswerSchema = z.object({
  kind: z.literal('restore-volumes'),
  restore: volumeInfoObjectRefSchema,
  phase: z.string(),
  backupName: z.string(),
  time: z.string().optional(),
  documentKey: z.string().optional(),
  volumes: z.array(z.object({ info: restoreVolumeInfoSchema, summary: volumeSummarySchema })),
});

const historySource = z.enum(['document', 'records']);

/** Query answer: every backup holding a claim and every restore of it, oldest first. */
export const claimHistoryAnswerSchema = z.object({
  kind: z.literal('claim-history'),
  claim: volumeInfoObjectRefSchema,
  backups: z.array(
    z.object({
      backup: volumeInfoObjectRefSchema,
      phase: z.string().optional(),
      storageLocation: z.string().optional(),
      time: z.string().optional(),
      source: historySource,
      volume: volumeSummarySchema,
    }),
  ),
  restores: z.array(
    z.object({
      restore: volumeInfoObjectRefSchema,
      phase: z.string().optional(),
      backupName: z.string().optional(),
      time: z.string().optional(),
      source: historySource,
      volume: volumeSummarySchema,
    }),
  ),
});

/**
 * Request `volumeinfo.query`: a backup's or restore's volumes, or a claim's history. Error replies
 * carry `VOLUMEINFO_*` codes (not found: not retryable; not loaded yet: retryable).
 */
export const volumeInfoQuerySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('backup-volumes'), namespace: name, name }),
  z.object({ kind: z.literal('restore-volumes'), namespace: name, name }),
  z.object({ kind: z.literal('claim-history'), namespace: name, pvc: name }),
]);

/** Reply of `volumeinfo.query`: the answer of the query's `kind`. */
export const volumeInfoQueryReplySchema = z.discriminatedUnion('kind', [
  backupVolumesAnswerSchema,
  restoreVolumesAnswerSchema,
  claimHistoryAnswerSchema,
]);
