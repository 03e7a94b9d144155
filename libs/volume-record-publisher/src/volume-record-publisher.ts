// The publishing side of volume-info records: what the controller, the exposer and the movers learn
// about one volume of a Backup or Restore, stored on the EVENTS stream under the run's subject and
// the publisher's own name (`…record.<kind>.<uid>.<source>`: NATS lets each service publish only its
// own). A record waits for the stream's ack and carries `Nats-Msg-Id` `<uid>:<key>:<digest>`, so a
// re-sent identical record is stored once; one unchanged since this process stored it is not sent.
import { createHash } from 'node:crypto';
import type { FerryContracts, MessageInput } from '@ferry/contracts';
import { publishToStream, type NatsClient } from '@ferry/nats';
import { VolumeRecordError, VolumeRecordErrorCode } from './errors';

type RecordInput = MessageInput<FerryContracts['messages']['volumeInfoRecord']>;

/** The Backup or Restore a record is about (its uid tells runs of one name apart). */
export type VolumeRecordTarget = RecordInput['target'];

/** Who publishes: one of the record's sources. */
export type VolumeRecordSource = RecordInput['source'];

/** One record to publish: a document input (controller) and/or facts (every publisher). */
export interface VolumeRecordItem {
  readonly volumeKey: string;
  readonly claim?: RecordInput['claim'];
  readonly pvName?: string | undefined;
  readonly input?: RecordInput['input'];
  readonly facts?: RecordInput['facts'] | undefined;
}

/** Publishes records of one source. */
export interface VolumeRecordPublisher {
  /**
   * Stores one record per item, in order (resolves once the stream acked each). An item this
   * publisher already stored unchanged for the run is not sent again. Rejects with a retryable
   * {@link VolumeRecordError} `VOLUME_RECORD_PUBLISH_FAILED`.
   */
  record(target: VolumeRecordTarget, items: readonly VolumeRecordItem[]): Promise<void>;
  /** Forgets what was stored for the run (sealed, or to be sent again in full). */
  forget(target: VolumeRecordTarget): void;
}

/** What {@link createVolumeRecordPublisher} publishes with. */
export interface VolumeRecordPublisherOptions {
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly source: VolumeRecordSource;
  /** `recordedAt` of the records; default the system clock. */
  readonly now?: () => Date;
}

const runKey = (target: VolumeRecordTarget) => `${target.kind}/${target.uid}`;

/** `value` without its undefined keys (records compare and serialise without empty keys). Pure. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A record ready to store: its payload and the digest of its content (the same for the same content, whenever recorded). */
export interface BuiltVolumeRecord {
  readonly record: RecordInput;
  readonly digest: string;
}

/** The record of `item` by `source` at `at`, without undefined keys, and its content digest. Pure. */
export function buildVolumeRecord(
  target: VolumeRecordTarget,
  item: VolumeRecordItem,
  source: VolumeRecordSource,
  at: Date,
): BuiltVolumeRecord {
  const content = JSON.stringify(withoutUndefined({ claim: item.claim, pvName: item.pvName, input: item.input, facts: item.facts }));
  const record: RecordInput = withoutUndefined({
    v: 1 as const,
    target,
    volumeKey: item.volumeKey,
    claim: item.claim,
    pvName: item.pvName,
    source,
    recordedAt: at.toISOString(),
    facts: withoutUndefined({ ...item.facts }),
    input: item.input,
  });
  return { record, digest: createHash('sha256').update(content).digest('hex').slice(0, 32) };
}

/** The publisher over NATS. Keeps, per run, the digest of what it stored until `forget`. */
export function createVolumeRecordPublisher(options: VolumeRecordPublisherOptions): VolumeRecordPublisher {
  const { nats, contracts, source } = options;
  const now = options.now ?? (() => new Date());
  const stored = new Map<string, Map<string, string>>();

  const publishOne = async (target: VolumeRecordTarget, item: VolumeRecordItem, held: Map<string, string>) => {
    const { record, digest } = buildVolumeRecord(target, item, source, now());
    if (held.get(item.volumeKey) === digest) return;
    try {
      await publishToStream(nats, contracts.messages.volumeInfoRecord, { kind: target.kind, uid: target.uid, source }, record, {
        messageId: `${target.uid}:${source}:${item.volumeKey}:${digest}`,
      });
    } catch (cause) {
      const what = `${target.kind} ${target.namespace}/${target.name}`;
      throw new VolumeRecordError(VolumeRecordErrorCode.PublishFailed, `cannot store the ${source} record ${item.volumeKey} of ${what}`, {
        cause,
        retryable: true,
      });
    }
    held.set(item.volumeKey, digest);
  };

  return {
    async record(target, items) {
      const held = stored.get(runKey(target)) ?? new Map<string, string>();
      stored.set(runKey(target), held);
      for (const item of items) await publishOne(target, item, held);
    },
    forget(target) {
      stored.delete(runKey(target));
    },
  };
}
