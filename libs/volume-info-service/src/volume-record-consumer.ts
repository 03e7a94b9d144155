// The durable reader of `volumeinfo.record` events (JetStream, consumer `volume-info-records`):
// each record is folded into the claim history index, where it shows until its Backup's or
// Restore's document is indexed. Acked once folded; folding is idempotent, so a redelivery changes
// nothing. The records are kept in the EVENTS stream (14 days): a restarted service reads them
// again from the start of its durable's unacked window.
import type { ConsumerTuning, FerryContracts } from '@ferry/contracts';
import { consume, ensureConsumer, streamRoute, type ConsumerHandle, type NatsClient } from '@ferry/nats';
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

/** Ensures the durable and starts consuming; resolves once bound. The caller stops the handle before closing `nats`. */
export async function startVolumeRecordConsumer(options: VolumeRecordConsumerOptions): Promise<ConsumerHandle> {
  const { nats, contracts, index, namespace } = options;
  const consumer = contracts.consumers.volumeInfoRecords(options.tuning);
  await ensureConsumer(nats, consumer);
  return consume(nats, {
    consumer,
    routes: [
      streamRoute(contracts.messages.volumeInfoRecord, async ({ data }) => {
        if (data.target.namespace === namespace) index.addRecord(data);
        return Promise.resolve();
      }),
    ],
  });
}
