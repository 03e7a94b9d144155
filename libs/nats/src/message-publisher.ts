import { headers as createHeaders, type MsgHdrs } from '@nats-io/transport-node';
import {
  FerryHeader,
  type ContractParams,
  type CoreContract,
  type JetStreamContract,
  type MessageContract,
  type MessageInput,
  type SubjectParams,
} from '@ferry/contracts';
import { PublishError } from './errors';
import { contractLabel, encodePayload } from './message-codec';
import { MessagingAttribute, messageAttributes, withProducerSpan } from './message-tracing';
import type { NatsClient } from './nats-client';

/** Fresh headers stamped with the contract label (trace context is added by the producer span). */
export function contractHeaders(contract: MessageContract): MsgHdrs {
  const h = createHeaders();
  h.set(FerryHeader.Contract, contractLabel(contract));
  return h;
}

/**
 * Publishes a core-NATS message (fire-and-forget: not persisted, lost when nobody listens). Does
 * not block (the client buffers and flushes). Throws {@link MessageEncodeError} for a payload
 * that violates the contract, {@link InvalidSubjectTokenError} for bad subject parameters, and
 * the client's error when the connection is closed.
 */
export function publish<C extends CoreContract>(
  client: NatsClient,
  contract: C,
  params: SubjectParams<ContractParams<C>>,
  payload: MessageInput<C>,
): void {
  const subject = contract.subject.build(params);
  const data = encodePayload(contract, subject, payload);
  const headers = contractHeaders(contract);
  withProducerSpan('publish', contract, subject, headers, messageAttributes(contract, subject, data.length), () =>
    client.connection.publish(subject, data, { headers }),
  );
}

/** Options of {@link publishToStream}. */
export interface StreamPublishOptions {
  /**
   * Deduplication id (`Nats-Msg-Id`): a second publish with the same id inside the stream's
   * duplicate window is stored once. Use a stable id (e.g. the DataUpload UID) to make retries safe.
   */
  readonly messageId?: string;
  /** How long to wait for the stream's ack; default the client's (5 s). */
  readonly timeoutMs?: number;
}

/** Where JetStream stored a message. */
export interface PublishReceipt {
  readonly stream: string;
  readonly sequence: number;
  /** True when the message id was seen before and this publish was dropped as a duplicate. */
  readonly duplicate: boolean;
}

/**
 * Publishes to the contract's stream and waits for the server's ack (the message is then stored).
 * Throws {@link MessageEncodeError} for an invalid payload (nothing sent) and {@link PublishError}
 * (retryable: publish again with the same `messageId`) when the ack does not come.
 */
export async function publishToStream<C extends JetStreamContract>(
  client: NatsClient,
  contract: C,
  params: SubjectParams<ContractParams<C>>,
  payload: MessageInput<C>,
  options: StreamPublishOptions = {},
): Promise<PublishReceipt> {
  const subject = contract.subject.build(params);
  const data = encodePayload(contract, subject, payload);
  const headers = contractHeaders(contract);
  const attributes = {
    ...messageAttributes(contract, subject, data.length),
    ...(options.messageId === undefined ? {} : { [MessagingAttribute.MessageId]: options.messageId }),
  };
  return withProducerSpan('publish', contract, subject, headers, attributes, async () => {
    try {
      const ack = await client.jetstream.publish(subject, data, {
        headers,
        ...(options.messageId === undefined ? {} : { msgID: options.messageId }),
        ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
      });
      return { stream: ack.stream, sequence: ack.seq, duplicate: ack.duplicate };
    } catch (cause) {
      throw new PublishError(subject, { cause });
    }
  });
}
