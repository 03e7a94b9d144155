import { z } from 'zod';
import { volumeRecordRefSchema } from './volume-info-messages';

// Schemas of the exposer's messages (version 1): jobs from the controller (expose, clean up,
// complete a restore) over JetStream, the result event it reads back, and diagnose over
// request/reply. Every payload carries `v`, the schema version, so a reader can refuse a newer one.

/** The operation an exposure belongs to (a DataUpload for backups, a DataDownload for restores). */
export const operationRefSchema = z.object({
  kind: z.enum(['DataUpload', 'DataDownload']),
  namespace: z.string().min(1),
  name: z.string().min(1),
});

/** Direction of an exposure: `backup` (snapshot → backupPVC/pod) or `restore` (restorePVC/pod). */
export const exposeDirectionSchema = z.enum(['backup', 'restore']);

/**
 * Job `expose.request`: expose the operation's volume. `acceptedAt` (RFC 3339) is when the
 * operation was accepted: the prepare timeout counts from it, so a redelivered job keeps its
 * deadline. `prepareTimeoutMs` overrides the exposer's default (30 min). A DataUpload is always a
 * backup, a DataDownload a restore. `report` names the run and volume the operation serves: the
 * exposer records what it learnt under it (absent: no record).
 */
export const exposeJobSchema = z
  .object({
    v: z.literal(1),
    operation: operationRefSchema,
    direction: exposeDirectionSchema,
    acceptedAt: z.iso.datetime({ offset: true }),
    prepareTimeoutMs: z.number().int().positive().optional(),
    report: volumeRecordRefSchema.optional(),
  })
  .refine((job) => (job.operation.kind === 'DataUpload') === (job.direction === 'backup'), {
    message: 'direction must be backup for a DataUpload and restore for a DataDownload',
    path: ['direction'],
  });

/** Job `expose.cleanup`: delete every intermediate object of the operation (idempotent). */
export const exposeCleanupJobSchema = z.object({ v: z.literal(1), operation: operationRefSchema });

/** Job `expose.complete-restore`: hand the restored PV over to the target PVC (DataDownload only). */
export const exposeCompleteRestoreJobSchema = z.object({
  v: z.literal(1),
  operation: operationRefSchema.refine((op) => op.kind === 'DataDownload', { message: 'complete-restore takes a DataDownload' }),
});

/** Where a mover finds the exposed volume (mirrors `ExposedVolume` of the exposer service). */
export const exposedVolumeSchema = z.object({
  node: z.string(),
  podName: z.string(),
  podUid: z.string(),
  pvName: z.string(),
  pvcName: z.string(),
  volumeName: z.string(),
  readOnly: z.boolean(),
  /** The storage class of the intermediate claim, when it has one. */
  storageClass: z.string().optional(),
});

/** What a diagnosis saw on one object (mirrors `DiagnosisFinding` of `@ferry/exposer`). */
export const diagnosisFindingSchema = z.object({
  object: z.enum(['Pod', 'PersistentVolumeClaim', 'PersistentVolume', 'VolumeSnapshot', 'VolumeSnapshotContent', 'Node']),
  name: z.string().optional(),
  state: z.string(),
  problem: z.string().optional(),
  details: z.array(z.string()),
});

/** A structured diagnosis: findings in object order and the one-line cause, if any. */
export const exposureDiagnosisSchema = z.object({
  findings: z.array(diagnosisFindingSchema),
  cause: z.string().optional(),
});

/** Outcomes of an exposer job, as reported in `expose.result`. */
export const exposeOutcomeSchema = z.enum(['exposed', 'failed', 'timed-out', 'cleaned', 'completed']);

/**
 * Event `expose.result`: what a job ended with. `exposed` carries `exposed`; `failed` and
 * `timed-out` carry the one-line `cause` (for the status message and an Event) and the
 * `diagnosis`; `cleaned` and `completed` carry nothing more. A redelivered job publishes the
 * same result again: readers must treat results as idempotent.
 */
export const exposeResultSchema = z.object({
  v: z.literal(1),
  operation: operationRefSchema,
  direction: exposeDirectionSchema,
  outcome: exposeOutcomeSchema,
  exposed: exposedVolumeSchema.optional(),
  cause: z.string().optional(),
  diagnosis: exposureDiagnosisSchema.optional(),
  /** RFC 3339 time the result was produced. */
  at: z.iso.datetime({ offset: true }),
});

/** Request `expose.diagnose`: diagnose the operation's exposure now (reads only). */
export const exposeDiagnoseRequestSchema = z.object({ v: z.literal(1), operation: operationRefSchema });

/** Reply of `expose.diagnose`. */
export const exposeDiagnoseReplySchema = z.object({
  v: z.literal(1),
  operation: operationRefSchema,
  diagnosis: exposureDiagnosisSchema,
});
