import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { ContractParams, JetStreamContract, MessageOf, SubjectParams } from '@ferry/contracts';
import { ConsumeError } from './errors';
import { decodeLimitOf, decodeMessage } from './message-envelope';
import type { NatsClient } from './nats-client';

/** A message read back from its stream, decoded and validated. */
export interface StoredMessage<C extends JetStreamContract> {
  readonly subject: string;
  readonly data: MessageOf<C>;
  readonly streamSequence: number;
  /** When the stream stored it. */
  readonly storedAt: Date;
}

/**
 * The last message the contract's stream holds on the subject built from `params` (e.g. the
 * result event of one job), decoded and validated like a consumed one; `undefined` when the
 * stream holds none on that subject. One request to the stream leader (`STREAM.MSG.GET` with
 * `last_by_subj`); blocks until it answers. Throws {@link MessageDecodeError} for a stored
 * payload that violates the contract, and {@link ConsumeError} (retryable) when the stream
 * cannot be asked (no stream, no connection).
 */
export async function lastStoredMessage<C extends JetStreamContract>(
  client: NatsClient,
  contract: C,
  params: SubjectParams<ContractParams<C>>,
): Promise<StoredMessage<C> | undefined> {
  const subject = contract.subject.build(params);
  let stored;
  try {
    const jsm = await client.manager();
    stored = await jsm.streams.getMessage(contract.stream.name, { last_by_subj: subject });
  } catch (cause) {
    const missingStream = cause instanceof JetStreamApiError && cause.code === JetStreamApiCodes.StreamNotFound;
    throw new ConsumeError(
      `cannot read the last message on ${subject} from stream ${contract.stream.name}${missingStream ? ': the stream does not exist (run ensureStream)' : ''}`,
      { cause },
    );
  }
  if (!stored) return undefined;
  const data = decodeMessage(
    contract,
    subject,
    { data: stored.data, headers: stored.header },
    contract.schema,
    decodeLimitOf(client),
  ) as MessageOf<C>;
  return { subject, data, streamSequence: stored.seq, storedAt: stored.time };
}

/** Options of {@link readStoredMessages}. */
export interface ReadStoredOptions {
  /** Messages asked for per fetch; default 256. */
  readonly batchSize?: number;
  /** How long one fetch waits for its batch; default 5 s. */
  readonly fetchTimeoutMs?: number;
  /** Only the subjects this filter of the contract's template matches (`contract.subject.filter(…)`); default all of them. */
  readonly subjectFilter?: string;
}

/**
 * Every message the contract's stream holds on the contract's subjects (or `subjectFilter`), oldest first, handed to
 * `onMessage` decoded and validated (a stored payload that violates the contract is logged and
 * skipped). Reads through an ordered consumer that acks nothing and disappears on its own, so
 * durable consumers and other readers are not affected; stops at the last message stored when it
 * started. Resolves with the number handed over. For rebuilding in-memory state after a restart.
 * Throws {@link ConsumeError} (retryable) when the stream cannot be read.
 */
export async function readStoredMessages<C extends JetStreamContract>(
  client: NatsClient,
  contract: C,
  onMessage: (message: StoredMessage<C>) => void,
  options: ReadStoredOptions = {},
): Promise<number> {
  const filter = options.subjectFilter ?? contract.subject.wildcard;
  const where = `${filter} of stream ${contract.stream.name}`;
  try {
    const consumer = await client.jetstream.consumers.get(contract.stream.name, { filter_subjects: filter });
    let pending = (await consumer.info()).num_pending;
    let read = 0;
    while (pending > 0) {
      const batch = await consumer.fetch({
        max_messages: Math.min(pending, options.batchSize ?? 256),
        expires: options.fetchTimeoutMs ?? 5000,
      });
      let received = 0;
      for await (const message of batch) {
        received += 1;
        pending = message.info.pending;
        try {
          const data = decodeMessage(contract, message.subject, message) as MessageOf<C>;
          onMessage({ subject: message.subject, data, streamSequence: message.seq, storedAt: new Date(message.info.timestampNanos / 1e6) });
          read += 1;
        } catch (error) {
          client.logger.warn(
            { err: error, subject: message.subject, seq: message.seq },
            'stored message skipped: it violates its contract',
          );
        }
      }
      if (received === 0) break;
    }
    return read;
  } catch (cause) {
    if (cause instanceof ConsumeError) throw cause;
    throw new ConsumeError(`cannot read the stored messages on ${where}`, { cause });
  }
}
