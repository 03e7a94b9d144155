import { headers as createHeaders, type Msg } from '@nats-io/transport-node';
import {
  FerryHeader,
  type ContractParams,
  type MessageOf,
  type ReplyInput,
  type RequestContract,
  type SubjectParams,
} from '@ferry/contracts';
import { errorCode, isRetryable } from '@ferry/errors';
import { assertFitsServer, decodeLimitOf, decodeMessage, outgoingMessage } from './message-envelope';
import { MessagingAttribute, messageAttributes, recordFailure, withConsumerSpan } from './message-tracing';
import type { NatsClient } from './nats-client';
import { subscriptionHandle, type SubscriptionHandle } from './subscription-handle';

/** A received request, decoded and validated. */
export interface ReceivedRequest<C extends RequestContract> {
  readonly subject: string;
  readonly params: SubjectParams<ContractParams<C>>;
  readonly data: MessageOf<C>;
}

/** Options of {@link serveRequests}. */
export interface ServeOptions<C extends RequestContract> {
  readonly contract: C;
  /**
   * Returns the reply; a throw becomes an error reply: the error's `code` (`INTERNAL` if none), message,
   * and `isRetryable(error)` from @ferry/errors (true for an error without a `retryable` flag).
   */
  readonly handler: (request: ReceivedRequest<C>) => Promise<ReplyInput<C>>;
  /** Stops serving when aborted. */
  readonly signal?: AbortSignal;
}

function errorHeaders(error: unknown): ReturnType<typeof createHeaders> {
  const h = createHeaders();
  const code = errorCode(error, 'INTERNAL');
  // The one rule of @ferry/errors: an error without a `retryable` flag (a bug, a third-party failure) is retryable.
  const retryable = isRetryable(error);
  // Header values cannot hold line breaks.
  const message = (error instanceof Error ? error.message : String(error)).replace(/[\r\n]+/g, ' ').slice(0, 1024);
  h.set(FerryHeader.ErrorCode, code);
  h.set(FerryHeader.ErrorMessage, message);
  h.set(FerryHeader.ErrorRetryable, String(retryable));
  return h;
}

/**
 * Answers requests of a contract as a member of its queue group (one replica answers each).
 * Returns at once; requests are handled concurrently, each in a CONSUMER span parented by the
 * requester's span. Invalid requests get an error reply naming the schema path; a reply over the
 * server's `max_payload` even compressed gets a `NATS_PAYLOAD_TOO_LARGE` error reply. The caller stops
 * the handle (drains, then waits for running handlers) before closing the client.
 */
export function serveRequests<C extends RequestContract>(client: NatsClient, options: ServeOptions<C>): SubscriptionHandle {
  const { contract } = options;
  const subscription = client.connection.subscribe(contract.subject.wildcard, { queue: contract.queueGroup });
  const inFlight = new Set<Promise<void>>();
  const answer = (message: Msg): Promise<void> => {
    const attributes = {
      ...messageAttributes(contract, message.subject, message.data.length),
      [MessagingAttribute.ConsumerGroup]: contract.queueGroup,
    };
    return withConsumerSpan(contract, message.headers, attributes, async (span) => {
      try {
        const params = contract.subject.parse(message.subject) as SubjectParams<ContractParams<C>>;
        const data = decodeMessage(contract, message.subject, message, contract.schema, decodeLimitOf(client)) as MessageOf<C>;
        const reply = outgoingMessage(
          contract,
          message.subject,
          await options.handler({ subject: message.subject, params, data }),
          contract.replySchema,
        );
        assertFitsServer(client, reply);
        message.respond(reply.data, { headers: reply.headers });
      } catch (error) {
        recordFailure(span, error);
        client.logger.warn({ err: error, subject: message.subject }, 'request failed; error reply sent');
        message.respond(undefined, { headers: errorHeaders(error) });
      }
    });
  };
  const done = (async () => {
    for await (const message of subscription) {
      const running = answer(message)
        .catch((error: unknown) => client.logger.warn({ err: error, subject: message.subject }, 'could not send reply'))
        .finally(() => inFlight.delete(running));
      inFlight.add(running);
    }
  })()
    .catch((error: unknown) => client.logger.warn({ err: error, subject: contract.subject.pattern }, 'responder ended'))
    .finally(() => Promise.allSettled([...inFlight]).then(() => undefined));
  return subscriptionHandle(subscription, done, options.signal);
}
