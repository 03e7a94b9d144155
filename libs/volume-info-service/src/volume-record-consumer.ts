// The reader of `volumeinfo.record` events: at start, every record the EVENTS stream still holds
// (14 days) is replayed into the claim history index — the index is in memory, so a restarted
// service shows the records of unsealed runs again —, then the durable consumer
// `volume-info-records` delivers the new ones. Each record shows until its Backup's or Restore's
// document is indexed. Acked once folded; folding is idempotent, so a record seen by both the
// replay and the durable, or redelivered, changes nothing.
import type { ConsumerTuning, FerryContracts, MessageOf } from '@ferry/contracts';
import { consume, ensureConsumer, readStoredMessages, streamRoute, type ConsumerHandle, type NatsClient } from '@ferry/nats';
import type { ClaimHistoryIndex } from '@ferry/volume-history';

/** What {@link startVolumeRecordConsumer} needs. */
export interface VolumeRecordConsumerOptions {
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly index: ClaimHistoryIndex;
  /** Only records of this namespace's Backups and Restores are indexed; others are acked and dropped. */
  readonly namespace: string;
  readonly tuning?: ConsumerTuning;
}

/**
 * Ensures the durable (records published from then on wait in it), replays the stored records,
 * then consumes; resolves once the replay is done and the durable is bound. The caller stops the handle before closing `nats`.
 */
export async function startVolumeRecordConsumer(options: VolumeRecordConsumerOptions): Promise<ConsumerHandle> {
  const { nats, contracts, index, namespace } = options;
  const contract = contracts.messages.volumeInfoRecord;
  const fold = (record: MessageOf<typeof contract>) => {
    if (record.target.namespace === namespace) index.addRecord(record);
  };
  const consumer = contracts.consumers.volumeInfoRecords(options.tuning);
  await ensureConsumer(nats, consumer);
  const replayed = await readStoredMessages(nats, contract, ({ data }) => fold(data));
  nats.logger.info({ records: replayed, namespace }, 'volume-info records replayed from the stream');
  return consume(nats, {
    consumer,
    routes: [streamRoute(contract, ({ data }) => Promise.resolve(fold(data)))],
  });
}
