import { backupVolumeInfoSchema, restoreVolumeInfoSchema, VolumeInfoMethod } from '@ferry/api';
import { z } from 'zod';
import { volumeDocumentInputSchema } from './volume-info-inputs';

// Schemas of the volume-info service (version 1): per-volume records (event, JetStream), the seal of
// a backup's or restore's report (request/reply) and the queries (request/reply). The query replies
// are also the bodies of the service's HTTP API, so both answer the same JSON.

const name = z.string().min(1);
const time = z.iso.datetime({ offset: true });
/** A namespaced object or claim by namespace and name. */
export const volumeInfoObjectRefSchema = z.object({ namespace: name, name });

/**
 * The Backup or Restore a record or seal is about; `uid` tells a run from an earlier one of the
 * same name (records are kept 14 days) and is a token of the record's subject.
 */
export const volumeInfoTargetSchema = z.object({ kind: z.enum(['backup', 'restore']), namespace: name, name, uid: name });

const volumeMethodSchema = z.enum(VolumeInfoMethod);

/** How a record names a volume in its run (`volumeKey`); the controller's keys name its document inputs. */
export const VolumeKey = {
  /** A claim's volume (snapshot, data movement, skipped, restored claim). */
  claim: (claim: { namespace: string; name: string }) => `claim:${claim.namespace}/${claim.name}`,
  /** A pod volume (fs-backup, PodVolumeRestore). */
  podVolume: (pod: { namespace: string; name: string }, volume: string) => `pod:${pod.namespace}/${pod.name}/${volume}`,
  /** A PV without claim. */
  volume: (pvName: string) => `pv:${pvName}`,
  /** A DataDownload of a restore, by its target claim. */
  download: (claim: { namespace: string; name: string }) => `download:${claim.namespace}/${claim.name}`,
} as const;

/**
 * Which volume of which run a job serves (expose and move jobs carry it): the worker keys the
 * volume-info records it publishes with it. `claim` is given when the volume is a claim's.
 */
export const volumeRecordRefSchema = z.object({
  target: volumeInfoTargetSchema,
  volumeKey: name,
  claim: volumeInfoObjectRefSchema.optional(),
});

/**
 * What the exposer learnt exposing a volume for its move: the node, the intermediate pod and claim
 * (backupPod/backupPVC, restorePod/restorePVC), the storage class and read-only mode they got,
 * when the operation was accepted and when the volume was exposed, and the milliseconds waited by
 * cause (`snapshot-ready`, `pvc-bound`, `pod-running`…).
 */
export const volumeExposureSchema = z.object({
  node: name,
  pod: name,
  claim: name,
  storageClass: z.string().optional(),
  readOnly: z.boolean(),
  acceptedAt: time.optional(),
  exposedAt: time,
  waitsMs: z.record(z.string(), z.number().int().nonnegative()).optional(),
});

/**
 * Event `volumeinfo.record.<kind>.<uid>.<source>`: what one publisher (`controller`, `exposer`,
 * `mover`, also the subject's last token) learnt about one volume of a Backup or Restore at `recordedAt`. `volumeKey` names the volume in
 * its run (`claim:<ns>/<pvc>`, `pod:<ns>/<pod>/<volume>`, …); `claim` is given when the volume is
 * a claim's. Every fact is optional; the service keeps, per fact, the value of the newest record,
 * so redelivered and reordered records are harmless. `input` is the controller's part of the
 * run's document for this volume; the newest one per `volumeKey` is what the seal generates from
 * (only from `controller` subjects). `exposure` comes from the exposer; the mover's facts are the
 * snapshot handle, sizes, node, uploader, result and transfer timestamps.
 */
export const volumeInfoRecordSchema = z.object({
  v: z.literal(1),
  target: volumeInfoTargetSchema,
  volumeKey: name,
  claim: volumeInfoObjectRefSchema.optional(),
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
    exposure: volumeExposureSchema.optional(),
  }),
  input: volumeDocumentInputSchema.optional(),
});

/**
 * Request `volumeinfo.seal` (controller → volume-info, during Finalizing): "the report of this
 * Backup/Restore is final: it is made of the inputs recorded under `volumeKeys`, in this order".
 * The service generates the document from the newest record with an input per key, writes it to
 * the run's bucket, indexes it and answers; sealing again writes the same bytes. An error reply
 * `VOLUMEINFO_RECORDS_INCOMPLETE` (retryable) names keys whose input the stream does not hold.
 */
export const volumeInfoSealSchema = z.object({ v: z.literal(1), target: volumeInfoTargetSchema, volumeKeys: z.array(name) });

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
  /** From the exposer's records (a moved volume): where and how it was exposed. */
  exposure: volumeExposureSchema.optional(),
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
