import type { ContractParams, CoreContract, JetStreamContract, MessageInput, SubjectParams } from '@ferry/contracts';
import { PublishError } from './errors';
import { assertFitsServer, headerLineBytes, outgoingMessage } from './message-envelope';
import { MessagingAttribute, messageAttributes, withProducerSpan } from './message-tracing';
import type { NatsClient } from './nats-client';

/**
 * Publishes a core-NATS message (fire-and-forget: not persisted, lost when nobody listens). Does
 * not block (the client buffers and flushes); a large payload is compressed synchronously first.
 * Throws {@link MessageEncodeError} for a payload that violates the contract,
 * {@link PayloadTooLargeError} for one over the server's `max_payload` even compressed (nothing
 * sent), {@link InvalidSubjectTokenError} for bad subject parameters, and the client's error
 * when the connection is closed.
 */
export function publish<C extends CoreContract>(
  client: NatsClient,
  contract: C,
  params: SubjectParams<ContractParams<C>>,
  payload: MessageInput<C>,
): void {
  const subject = contract.subject.build(params);
  const message = outgoingMessage(contract, subject, payload);
  const { data, headers } = message;
  withProducerSpan('publish', contract, subject, headers, messageAttributes(contract, subject, data.length), () => {
    assertFitsServer(client, message);
    client.connection.publish(subject, data, { headers });
  });
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
 * Throws {@link MessageEncodeError} for an invalid payload and {@link PayloadTooLargeError} for
 * one over the server's `max_payload` even compressed (nothing sent in either case), and
 * {@link PublishError} (retryable: publish again with the same `messageId`) when the ack does not come.
 */
export async function publishToStream<C extends JetStreamContract>(
  client: NatsClient,
  contract: C,
  params: SubjectParams<ContractParams<C>>,
  payload: MessageInput<C>,
  options: StreamPublishOptions = {},
): Promise<PublishReceipt> {
  const subject = contract.subject.build(params);
  const message = outgoingMessage(contract, subject, payload);
  const { data, headers } = message;
  const attributes = {
    ...messageAttributes(contract, subject, data.length),
    ...(options.messageId === undefined ? {} : { [MessagingAttribute.MessageId]: options.messageId }),
  };
  return withProducerSpan('publish', contract, subject, headers, attributes, async () => {
    // The JetStream client adds the Nats-Msg-Id header itself.
    assertFitsServer(client, message, options.messageId === undefined ? 0 : headerLineBytes('Nats-Msg-Id', options.messageId));
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
