// Every replica follows the `volumeinfo.record` events on its own: at start it reads every record
// the EVENTS stream still holds (14 days) into its claim history index, then reads on from where it
// stopped every `pollIntervalMs`. Reads are `STREAM.MSG.GET` lookups (`readStoredMessages`): no
// consumer is shared, so two replicas each fold every record (a shared durable would hand each
// only part of them), and a replica needs no consumer permission a reader does not have. Folding
// is idempotent, so a record read twice changes nothing; the stream is what keeps records durable
// while no replica runs.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FerryContracts } from '@ferry/contracts';
import { readStoredMessages, type NatsClient } from '@ferry/nats';
import type { ClaimHistoryIndex } from '@ferry/volume-history';
import { isOwnRecord } from './record-source-check';

/** What {@link startVolumeRecordFollower} needs. */
export interface VolumeRecordFollowerOptions {
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly index: ClaimHistoryIndex;
  /** Only records of this namespace's Backups and Restores are indexed; others are skipped. */
  readonly namespace: string;
  /** How long a caught-up follower waits before reading on; default 1 s. */
  readonly pollIntervalMs?: number;
}

/** A running follower. */
export interface VolumeRecordFollower {
  /** Stops reading and waits for a read under way. Idempotent; never rejects. */
  stop(): Promise<void>;
}

/**
 * Reads the stored records into `index`, then keeps following; resolves once the first read is
 * done (a restarted replica shows the records of unsealed runs again before it serves). Rejects
 * with the `ConsumeError` of that first read (stream missing or unreachable). Later failed reads
 * are logged and tried again at the next interval. The caller stops it before closing `nats`.
 */
export async function startVolumeRecordFollower(options: VolumeRecordFollowerOptions): Promise<VolumeRecordFollower> {
  const { nats, contracts, index, namespace } = options;
  const contract = contracts.messages.volumeInfoRecord;
  const intervalMs = options.pollIntervalMs ?? 1000;
  let nextSequence = 1;
  const readOn = async () => {
    const { read, nextSequence: next } = await readStoredMessages(
      nats,
      contract,
      ({ subject, data }) => {
        if (data.target.namespace === namespace && isOwnRecord(contract, subject, data)) index.addRecord(data);
      },
      { fromSequence: nextSequence },
    );
    nextSequence = next;
    return read;
  };
  const replayed = await readOn();
  nats.logger.info({ records: replayed, namespace }, 'volume-info records read from the stream; following');

  const stopping = new AbortController();
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      // Rejects on stop (abort): the loop then ends.
      await sleep(intervalMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      if (stopping.signal.aborted) break;
      await readOn().catch((error: unknown) =>
        nats.logger.warn({ err: error, namespace, nextSequence }, 'volume-info records not read; trying again'),
      );
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
