// What the exposer learnt exposing a volume, as the volume-info record of the job's run and volume
// (`report` of the expose job): the node, the intermediate pod and claim with their storage class and
// read-only mode, when the operation was accepted and exposed, and the waits by cause. Published
// once the volume is exposed; a job without `report` (a DataUpload made by hand) records nothing.
import type { FerryContracts, MessageOf } from '@ferry/contracts';
import type { Logger } from '@ferry/logger';
import type { VolumeRecordItem, VolumeRecordPublisher } from '@ferry/volume-record-publisher';
import type { ExposedVolume } from './exposer-roles';

/** An expose job's `report`. */
export type ExposeReport = NonNullable<MessageOf<FerryContracts['messages']['exposeJob']>['report']>;

/** When the exposure happened and what it waited for. */
export interface ExposureTimes {
  readonly acceptedAt: string;
  readonly exposedAt: Date;
  /** Milliseconds waited by cause. */
  readonly waitsMs: Readonly<Record<string, number>>;
}

/** The record item of an exposed volume. Pure. */
export function exposureRecordItem(report: ExposeReport, volume: ExposedVolume, times: ExposureTimes): VolumeRecordItem {
  const waits = Object.keys(times.waitsMs).length > 0 ? { waitsMs: { ...times.waitsMs } } : {};
  return {
    volumeKey: report.volumeKey,
    ...(report.claim ? { claim: report.claim } : {}),
    facts: {
      nodeName: volume.node,
      exposure: {
        node: volume.node,
        pod: volume.podName,
        claim: volume.pvcName,
        ...(volume.storageClass ? { storageClass: volume.storageClass } : {}),
        readOnly: volume.readOnly,
        acceptedAt: times.acceptedAt,
        exposedAt: times.exposedAt.toISOString(),
        ...waits,
      },
    },
  };
}

/**
 * Publishes the record of an exposed volume; never rejects: the record is informative (the
 * exposure and its result do not wait on it), so a failure is logged.
 */
export async function recordExposure(
  publisher: VolumeRecordPublisher,
  logger: Logger,
  report: ExposeReport | undefined,
  volume: ExposedVolume,
  times: ExposureTimes,
): Promise<void> {
  if (!report) return;
  try {
    await publisher.record(report.target, [exposureRecordItem(report, volume, times)]);
  } catch (error) {
    logger.warn(
      { err: error, run: `${report.target.kind} ${report.target.namespace}/${report.target.name}` },
      'exposure record not stored',
    );
  }
}
