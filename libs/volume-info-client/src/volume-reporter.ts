// The publishing side of volume-info: a run's per-volume records (durable, on the EVENTS stream,
// under the run's own subject) and the seal request that makes volume-info generate and write the
// run's document. Used by the Backup and Restore controllers; the exposer and movers publish their
// facts through `record` too.
import { createHash } from 'node:crypto';
import type { FerryContracts, MessageInput, ReplyOf } from '@ferry/contracts';
import { isRetryable } from '@ferry/errors';
import { publishToStream, request, type NatsClient } from '@ferry/nats';
import type { KeyedVolumeInput, VolumeRecordFacts } from '@ferry/volume-history';
import { VolumeReportError, VolumeReportErrorCode } from './errors';

/** The Backup or Restore a report is about (its uid tells runs of one name apart). */
export interface VolumeReportTarget {
  readonly kind: 'backup' | 'restore';
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

/** One record to publish: a document input (controller) and/or facts (whichever publisher). */
export interface VolumeReportItem {
  readonly volumeKey: string;
  readonly claim?: KeyedVolumeInput['claim'];
  readonly pvName?: string | undefined;
  readonly input?: KeyedVolumeInput['input'] | undefined;
  readonly facts?: VolumeRecordFacts | undefined;
}

/** A seal's answer: where the document is and how many entries it holds. */
export type VolumeSealAnswer = ReplyOf<FerryContracts['messages']['volumeInfoSeal']>;

/** Publishes records and seals reports. */
export interface VolumeReporter {
  /**
   * Stores one record per item (resolves once the stream acked each). An item this reporter
   * already stored unchanged for the run is not sent again. Rejects with a retryable
   * {@link VolumeReportError} `VOLUME_REPORT_RECORD_FAILED`.
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
  /** Who publishes (`controller`, `exposer`, `mover`). */
  readonly source: 'controller' | 'exposer' | 'mover';
  /** How long a seal waits for its answer; default 60 s (the service reads the records and writes the document). */
  readonly sealTimeoutMs?: number;
  readonly now?: () => Date;
}

type RecordInput = MessageInput<FerryContracts['messages']['volumeInfoRecord']>;

const runKey = (target: VolumeReportTarget) => `${target.kind}/${target.uid}`;
const what = (target: VolumeReportTarget) => `${target.kind} ${target.namespace}/${target.name}`;

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The reporter over NATS. Keeps, per run, what it stored until the run is sealed. */
export function createVolumeReporter(options: VolumeReporterOptions): VolumeReporter {
  const { nats, contracts, source } = options;
  const now = options.now ?? (() => new Date());
  const stored = new Map<string, Map<string, string>>();

  const publishOne = async (target: VolumeReportTarget, item: VolumeReportItem, held: Map<string, string>) => {
    const content = JSON.stringify(withoutUndefined({ claim: item.claim, pvName: item.pvName, input: item.input, facts: item.facts }));
    const digest = createHash('sha256').update(content).digest('hex').slice(0, 32);
    if (held.get(item.volumeKey) === digest) return;
    const record: RecordInput = withoutUndefined({
      v: 1 as const,
      target,
      volumeKey: item.volumeKey,
      claim: item.claim,
      pvName: item.pvName,
      source,
      recordedAt: now().toISOString(),
      facts: withoutUndefined({ ...item.facts }) as RecordInput['facts'],
      input: item.input,
    });
    try {
      // The id makes a re-sent identical record (a restarted controller) one stored message.
      await publishToStream(nats, contracts.messages.volumeInfoRecord, { kind: target.kind, uid: target.uid }, record, {
        messageId: `${target.uid}:${item.volumeKey}:${digest}`,
      });
    } catch (cause) {
      throw new VolumeReportError(
        VolumeReportErrorCode.RecordFailed,
        `cannot store the volume record ${item.volumeKey} of ${what(target)}`,
        {
          cause,
          retryable: true,
        },
      );
    }
    held.set(item.volumeKey, digest);
  };

  const record = async (target: VolumeReportTarget, items: readonly VolumeReportItem[]) => {
    const held = stored.get(runKey(target)) ?? new Map<string, string>();
    stored.set(runKey(target), held);
    for (const item of items) await publishOne(target, item, held);
  };

  return {
    record,
    async seal(target, inputs, signal) {
      await record(target, inputs);
      try {
        const answer = await request(
          nats,
          contracts.messages.volumeInfoSeal,
          {},
          { v: 1, target, volumeKeys: inputs.map((i) => i.volumeKey) },
          { timeoutMs: options.sealTimeoutMs ?? 60_000, ...(signal ? { signal } : {}) },
        );
        stored.delete(runKey(target));
        return answer;
      } catch (cause) {
        // Whatever went wrong, the next seal sends every record again (the stream drops duplicates).
        stored.delete(runKey(target));
        throw new VolumeReportError(
          VolumeReportErrorCode.SealFailed,
          `volume-info did not seal the volume report of ${what(target)}: ${cause instanceof Error ? cause.message : String(cause)}`,
          { cause, retryable: isRetryable(cause) },
        );
      }
    },
  };
}
