// The controller's side of volume-info: a run's per-volume records (through
// @ferry/volume-record-publisher, as `controller`) and the seal request that makes volume-info
// generate and write the run's document. Used by the Backup and Restore controllers; the exposer
// and the movers publish their own records with the publisher alone.
import type { FerryContracts, ReplyOf } from '@ferry/contracts';
import { isRetryable } from '@ferry/errors';
import { request, type NatsClient } from '@ferry/nats';
import type { KeyedVolumeInput } from '@ferry/volume-history';
import { createVolumeRecordPublisher, type VolumeRecordItem, type VolumeRecordTarget } from '@ferry/volume-record-publisher';
import { VolumeReportError, VolumeReportErrorCode } from './errors';

/** The Backup or Restore a report is about (its uid tells runs of one name apart). */
export type VolumeReportTarget = VolumeRecordTarget;

/** One record to publish: a document input and/or facts. */
export type VolumeReportItem = VolumeRecordItem;

/** A seal's answer: where the document is and how many entries it holds. */
export type VolumeSealAnswer = ReplyOf<FerryContracts['messages']['volumeInfoSeal']>;

/** Publishes records and seals reports. */
export interface VolumeReporter {
  /**
   * Stores one record per item (resolves once the stream acked each). An item this reporter
   * already stored unchanged for the run is not sent again. Rejects with a retryable
   * `VolumeRecordError` `VOLUME_RECORD_PUBLISH_FAILED` (@ferry/volume-record-publisher).
   */
  record(target: VolumeReportTarget, items: readonly VolumeReportItem[]): Promise<void>;
  /**
   * Records `inputs`, then asks volume-info to seal the run from exactly their keys, in order;
   * resolves once the document is in the bucket. Rejects with {@link VolumeReportError}: the
   * service did not answer, or answered an error (both retryable: the caller keeps the run
   * Finalizing and seals again).
   */
  seal(target: VolumeReportTarget, inputs: readonly KeyedVolumeInput[], signal?: AbortSignal): Promise<VolumeSealAnswer>;
}

/** What {@link createVolumeReporter} publishes with. */
export interface VolumeReporterOptions {
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  /** Who publishes the records (the controller; tests stand in for the others). */
  readonly source: 'controller' | 'exposer' | 'mover';
  /** How long a seal waits for its answer; default 60 s (the service reads the records and writes the document). */
  readonly sealTimeoutMs?: number;
  readonly now?: () => Date;
}

const what = (target: VolumeReportTarget) => `${target.kind} ${target.namespace}/${target.name}`;

/** The reporter over NATS. Keeps, per run, what it stored until the run is sealed. */
export function createVolumeReporter(options: VolumeReporterOptions): VolumeReporter {
  const { nats, contracts } = options;
  const publisher = createVolumeRecordPublisher(options);
  return {
    record: (target, items) => publisher.record(target, items),
    async seal(target, inputs, signal) {
      await publisher.record(target, inputs);
      try {
        const answer = await request(
          nats,
          contracts.messages.volumeInfoSeal,
          {},
          { v: 1, target, volumeKeys: inputs.map((i) => i.volumeKey) },
          { timeoutMs: options.sealTimeoutMs ?? 60_000, ...(signal ? { signal } : {}) },
        );
        publisher.forget(target);
        return answer;
      } catch (cause) {
        // Whatever went wrong, the next seal sends every record again (the stream drops duplicates).
        publisher.forget(target);
        throw new VolumeReportError(
          VolumeReportErrorCode.SealFailed,
          `volume-info did not seal the volume report of ${what(target)}: ${cause instanceof Error ? cause.message : String(cause)}`,
          { cause, retryable: isRetryable(cause) },
        );
      }
    },
  };
}
