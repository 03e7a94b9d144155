import { z } from 'zod';
import { volumeRecordRefSchema } from './volume-info-messages';

// Schemas of the mover's messages (version 1): move jobs from the controller to the mover of one
// node over JetStream, the result and cancel events (one subject per job, so the last of each can
// be looked up by subject; a result's subject also names the node), and progress signals over core NATS. Every payload carries `v`.

/** The resource a move belongs to: snapshot data movement (DU/DD) or fs-backup (PVB/PVR). */
export const moveOperationRefSchema = z.object({
  kind: z.enum(['DataUpload', 'DataDownload', 'PodVolumeBackup', 'PodVolumeRestore']),
  namespace: z.string().min(1),
  name: z.string().min(1),
});

/**
 * A job's identity, chosen by the sender and unique per attempt (e.g. `du-<uid>`); also a subject
 * token of the result and cancel events. A job re-sent with the same id is the same job: a mover
 * that finds its result already stored does not run it again.
 */
export const moveJobIdSchema = z
  .string()
  .regex(
    /^[a-z0-9]([a-z0-9-]{0,125}[a-z0-9])?$/,
    'job id must be 1-127 lower-case letters, digits or "-", starting and ending alphanumeric',
  );

/** The data mover tool of a job (Velero's `uploaderType`). */
export const uploaderTypeSchema = z.enum(['kopia', 'restic']);

/**
 * Where the volume is on the node: `<kubelet root>/pods/<podUid>/volumes/<plugin>/<volumeDir>`
 * (plus `/mount` for CSI volumes). `volumeDir` is the PV name for a PVC-backed volume (the
 * exposer's `pvName`), the pod's volume name otherwise.
 */
export const moveVolumeSchema = z.object({ podUid: z.string().min(1), volumeDir: z.string().min(1) });

/** The repository: one per backup storage location and volume namespace (docs/velero-compatibility.md#repository-location). */
export const moveRepositorySchema = z.object({
  backupStorageLocation: z.string().min(1),
  volumeNamespace: z.string().min(1),
});

const moveJobBase = {
  v: z.literal(1),
  jobId: moveJobIdSchema,
  operation: moveOperationRefSchema,
  uploader: uploaderTypeSchema,
  volume: moveVolumeSchema,
  repository: moveRepositorySchema,
  /** When the sender created the job (RFC 3339). */
  requestedAt: z.iso.datetime({ offset: true }),
  /** The run and volume the job serves: the mover records its result under it (absent: no record). */
  report: volumeRecordRefSchema.optional(),
};

/**
 * Job `move.<node>`: back up a volume into the repository, or restore a snapshot into it. A
 * backup's `sourceName` is the snapshot identity (`<ns>/<pvc>` for data movement) and
 * `parentSnapshot` follows Velero: empty or `auto` = the latest of the same source, `none` = full.
 */
export const moveJobSchema = z.discriminatedUnion('direction', [
  z.object({
    ...moveJobBase,
    direction: z.literal('backup'),
    sourceName: z.string().min(1),
    tags: z.record(z.string(), z.string()).default({}),
    parentSnapshot: z.string().optional(),
  }),
  z.object({ ...moveJobBase, direction: z.literal('restore'), snapshotId: z.string().min(1) }),
]);

/** How a move ended. */
export const moveOutcomeSchema = z.enum(['completed', 'failed', 'canceled']);

/** A classified failure: a stable `code` (`UPLOADER_*`, `MOVER_*`), whether a retry can help, and the cause. */
export const moveErrorSchema = z.object({ code: z.string().min(1), retryable: z.boolean(), message: z.string() });

/** What a completed move produced (DataUpload `snapshotID`, `path`, sizes; Velero's empty-volume case). */
export const moveSummarySchema = z.object({
  snapshotId: z.string(),
  /** The volume's path as the mover saw it (DataUpload `status.path`). */
  path: z.string(),
  totalBytes: z.number().int().nonnegative(),
  incrementalBytes: z.number().int().nonnegative().optional(),
  emptyVolume: z.boolean(),
});

/**
 * Event `move.result.<node>.<jobId>`: the end of a job, published by that node's mover.
 * `completed` carries `summary`, `failed` carries `error`; times are RFC 3339. Published before
 * the job is acked: a redelivered job whose result is stored is acked without running again, so
 * readers may see a result once per delivery.
 */
export const moveResultSchema = z.object({
  v: z.literal(1),
  jobId: moveJobIdSchema,
  operation: moveOperationRefSchema,
  direction: z.enum(['backup', 'restore']),
  node: z.string().min(1),
  outcome: moveOutcomeSchema,
  summary: moveSummarySchema.optional(),
  error: moveErrorSchema.optional(),
  startedAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }),
});

/**
 * Event `move.cancel.<jobId>`: stop the job. A running job stops its tool and ends `canceled`;
 * a job delivered later finds the cancel stored and ends `canceled` without running.
 */
export const moveCancelSchema = z.object({
  v: z.literal(1),
  jobId: moveJobIdSchema,
  operation: moveOperationRefSchema,
  at: z.iso.datetime({ offset: true }),
});

/**
 * Signal `move.progress.<node>`, about once a second per running job. `totalBytes` and
 * `etaSeconds` are absent while the tool does not know the total yet (restic at first);
 * `bytesPerSecond` is the recent rate.
 */
export const moveProgressSchema = z.object({
  v: z.literal(1),
  jobId: moveJobIdSchema,
  operation: moveOperationRefSchema,
  node: z.string().min(1),
  bytesDone: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative().optional(),
  bytesPerSecond: z.number().nonnegative(),
  etaSeconds: z.number().nonnegative().optional(),
  at: z.iso.datetime({ offset: true }),
});
