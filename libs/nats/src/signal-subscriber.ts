import type { Msg, Subscription } from '@nats-io/transport-node';
import type { ContractParams, CoreContract, JetStreamContract, MessageOf, SubjectParams } from '@ferry/contracts';
import { decodeLimitOf, decodeMessage } from './message-envelope';
import { messageAttributes, recordFailure, withConsumerSpan } from './message-tracing';
import type { NatsClient } from './nats-client';
import { subscriptionHandle, type SubscriptionHandle } from './subscription-handle';

/** A received core-NATS message, decoded and validated. */
export interface ReceivedSignal<C extends CoreContract | JetStreamContract> {
  readonly subject: string;
  readonly params: SubjectParams<ContractParams<C>>;
  readonly data: MessageOf<C>;
}

/** Options of {@link subscribe}. */
export interface SubscribeOptions<C extends CoreContract | JetStreamContract> {
  readonly contract: C;
  /** Parameters to fix (e.g. one node); the others match anything. Default: every subject of the contract. */
  readonly params?: Partial<SubjectParams<ContractParams<C>>>;
  /** Called one message at a time; a throw is logged and the next message handled. */
  readonly handler: (signal: ReceivedSignal<C>) => void | Promise<void>;
  /** Queue group: each message reaches one member. Default none (every subscriber gets each). */
  readonly queue?: string;
  /** Stops the subscription when aborted. */
  readonly signal?: AbortSignal;
}

/**
 * Subscribes to a core-NATS contract, or watches a JetStream contract's subjects live (a stored
 * message is also delivered to core subscribers when published; messages stored before the
 * subscription started are not: read those with `lastStoredMessage`). Returns at once; messages are handled in order, each in a
 * CONSUMER span parented by its trace context. Invalid payloads are logged and dropped (core
 * messages cannot be redelivered). The caller stops the handle before closing the client.
 */
export function subscribe<C extends CoreContract | JetStreamContract>(
  client: NatsClient,
  options: SubscribeOptions<C>,
): SubscriptionHandle {
  const { contract } = options;
  const filter = contract.subject.filter(options.params ?? {});
  const subscription: Subscription = client.connection.subscribe(filter, options.queue ? { queue: options.queue } : {});
  const handle = async (message: Msg): Promise<void> => {
    const attributes = messageAttributes(contract, message.subject, message.data.length);
    await withConsumerSpan(contract, message.headers, attributes, async (span) => {
      try {
        const params = contract.subject.parse(message.subject) as SubjectParams<ContractParams<C>>;
        const data = decodeMessage(contract, message.subject, message, contract.schema, decodeLimitOf(client)) as MessageOf<C>;
        await options.handler({ subject: message.subject, params, data });
      } catch (error) {
        recordFailure(span, error);
        client.logger.warn({ err: error, subject: message.subject }, 'core message dropped');
      }
    });
  };
  const done = (async () => {
    for await (const message of subscription) await handle(message);
  })().catch((error: unknown) => client.logger.warn({ err: error, subject: filter }, 'subscription ended'));
  return subscriptionHandle(subscription, done, options.signal);
}
