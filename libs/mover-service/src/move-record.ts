// What a mover learnt moving a volume, as the volume-info record of the job's run and volume
// (`report` of the move job): the snapshot handle, the bytes, the node, the uploader, the result and
// when the transfer started and ended. Published once the job ended, before its result; a job
// without `report` (sent by hand) or a canceled one records nothing.
import type { Logger } from '@ferry/logger';
import type { VolumeRecordItem, VolumeRecordPublisher } from '@ferry/volume-record-publisher';
import type { MoveJob, MoveSummary } from './move-job-runner';

/** How a job ended, as far as its record goes. */
export type RecordedMoveEnding =
  { readonly outcome: 'completed'; readonly summary: MoveSummary } | { readonly outcome: 'failed' | 'canceled' };

/** Where and when the job ran. */
export interface MoveTimes {
  readonly node: string;
  readonly startedAt: string;
  readonly completedAt: string;
}

/** The record item of an ended job (undefined without `report`, or canceled). Pure. */
export function moveRecordItem(job: MoveJob, times: MoveTimes, ended: RecordedMoveEnding): VolumeRecordItem | undefined {
  const { report } = job;
  if (!report || ended.outcome === 'canceled') return undefined;
  const common = {
    nodeName: times.node,
    uploaderType: job.uploader,
    startTimestamp: times.startedAt,
    completionTimestamp: times.completedAt,
  };
  const outcome =
    ended.outcome === 'completed'
      ? {
          result: 'succeeded' as const,
          snapshotHandle: job.direction === 'backup' ? ended.summary.snapshotId : job.snapshotId,
          bytes: ended.summary.totalBytes,
          ...(ended.summary.incrementalBytes === undefined ? {} : { incrementalBytes: ended.summary.incrementalBytes }),
        }
      : { result: 'failed' as const };
  return { volumeKey: report.volumeKey, ...(report.claim ? { claim: report.claim } : {}), facts: { ...common, ...outcome } };
}

/**
 * Publishes the record of an ended job; never rejects: the record is informative (the result,
 * which the controller waits for, does not depend on it), so a failure is logged.
 */
export async function recordMove(
  publisher: VolumeRecordPublisher,
  logger: Logger,
  job: MoveJob,
  times: MoveTimes,
  ended: RecordedMoveEnding,
): Promise<void> {
  const item = moveRecordItem(job, times, ended);
  if (!item || !job.report) return;
  try {
    await publisher.record(job.report.target, [item]);
  } catch (error) {
    logger.warn({ err: error, jobId: job.jobId }, 'move record not stored');
  }
}
