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
