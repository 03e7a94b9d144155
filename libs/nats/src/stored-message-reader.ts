import { JetStreamApiCodes, JetStreamApiError, type MsgRequest } from '@nats-io/jetstream';
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
  /** Only the subjects this filter of the contract's template matches (`contract.subject.filter(…)`); default all of them. */
  readonly subjectFilter?: string;
  /** The first stream sequence to look at (a follower reads on from after the last one it saw); default 1. */
  readonly fromSequence?: number;
}

/** What a {@link readStoredMessages} call went through. */
export interface StoredRead {
  /** Messages handed to `onMessage`. */
  readonly read: number;
  /** Where a later read goes on from: after the stream's last message when the read started. */
  readonly nextSequence: number;
}

/**
 * Every message the contract's stream holds on the contract's subjects (or `subjectFilter`) from
 * `fromSequence` on, oldest first, handed to `onMessage` decoded and validated (a stored payload
 * that violates the contract is logged and skipped); stops at the last message stored when it
 * started. Resolves with the count handed over and the sequence to go on from (a follower reads
 * again from there, seeing each message once). For rebuilding in-memory state after a restart.
 * One `STREAM.MSG.GET` (`next_by_subj`) per message: a read-only lookup that creates no consumer,
 * so a service allowed to look up a stream's messages (`readers` in @ferry/contracts) can replay
 * it, and durable consumers and other readers are not affected. Throws {@link ConsumeError}
 * (retryable) when the stream cannot be read.
 */
export async function readStoredMessages<C extends JetStreamContract>(
  client: NatsClient,
  contract: C,
  onMessage: (message: StoredMessage<C>) => void,
  options: ReadStoredOptions = {},
): Promise<StoredRead> {
  const filter = options.subjectFilter ?? contract.subject.wildcard;
  const where = `${filter} of stream ${contract.stream.name}`;
  try {
    const jsm = await client.manager();
    const { last_seq: lastSequence } = (await jsm.streams.info(contract.stream.name)).state;
    let read = 0;
    for (let sequence = Math.max(1, options.fromSequence ?? 1); sequence <= lastSequence;) {
      // The server answers the first message at or after `seq` on the subject filter (`MsgRequest` lacks the field).
      const query = { seq: sequence, next_by_subj: filter } as unknown as MsgRequest;
      const stored = await jsm.streams.getMessage(contract.stream.name, query);
      if (!stored || stored.seq > lastSequence) break;
      sequence = stored.seq + 1;
      try {
        const data = decodeMessage(
          contract,
          stored.subject,
          { data: stored.data, headers: stored.header },
          contract.schema,
          decodeLimitOf(client),
        ) as MessageOf<C>;
        onMessage({ subject: stored.subject, data, streamSequence: stored.seq, storedAt: stored.time });
        read += 1;
      } catch (error) {
        // Named like a consumer's termination (subject, stream sequence, reason): the same message, read instead of consumed.
        const reason = error instanceof Error ? error.message : String(error);
        client.logger.error({ subject: stored.subject, streamSequence: stored.seq }, `stored message skipped: ${reason}`);
      }
    }
    return { read, nextSequence: Math.max(lastSequence + 1, options.fromSequence ?? 1) };
  } catch (cause) {
    throw new ConsumeError(`cannot read the stored messages on ${where}`, { cause });
  }
}
