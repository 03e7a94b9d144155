import type { JsMsg } from '@nats-io/jetstream';
import type { Logger } from '@ferry/logger';
import { decodeLimitOf, decodeMessage } from './message-envelope';
import { MessagingAttribute, messageAttributes, recordFailure, withConsumerSpan } from './message-tracing';
import type { NatsClient } from './nats-client';
import { defaultRetryDelayMs, settleFailure } from './settlement-policy';
import type { ConsumeOptions, StreamRoute } from './stream-consumer-types';

function findRoute(routes: readonly StreamRoute[], subject: string): { route: StreamRoute; params: Record<string, string> } | undefined {
  for (const candidate of routes) {
    const params = candidate.contract.subject.parse(subject);
    if (params !== undefined) return { route: candidate, params };
  }
  return undefined;
}

function terminate(message: JsMsg, logger: Logger, reason: string, details: object): void {
  message.term(reason.slice(0, 256));
  logger.error({ ...details, subject: message.subject, streamSequence: message.seq }, `message terminated: ${reason}`);
}

/**
 * Runs one JetStream delivery through decode → handler → ack/nak/term inside a CONSUMER span
 * parented by the message's trace context. Every handler outcome settles the message; it rejects
 * only when settling itself fails (connection closed), and the caller logs that.
 */
export function processDelivery(client: NatsClient, options: ConsumeOptions, message: JsMsg, signal: AbortSignal): Promise<void> {
  const found = findRoute(options.routes, message.subject);
  const deliveryCount = message.info.deliveryCount;
  const logger = client.logger;
  if (found === undefined) {
    terminate(message, logger, `no route for subject ${message.subject}`, { consumer: options.consumer.durableName });
    return Promise.resolve();
  }
  const { contract } = found.route;
  const attributes = {
    ...messageAttributes(contract, message.subject, message.data.length),
    [MessagingAttribute.ConsumerGroup]: options.consumer.durableName,
    [MessagingAttribute.DeliveryCount]: deliveryCount,
  };
  return withConsumerSpan(contract, message.headers, attributes, async (span) => {
    let data: unknown;
    try {
      data = decodeMessage(contract, message.subject, message, contract.schema, decodeLimitOf(client));
    } catch (error) {
      recordFailure(span, error);
      terminate(message, logger, error instanceof Error ? error.message : String(error), { err: error });
      return;
    }
    const heartbeat = options.extendAckEveryMs ? setInterval(() => message.working(), options.extendAckEveryMs) : undefined;
    try {
      await found.route.handler({
        subject: message.subject,
        params: found.params,
        data,
        deliveryCount,
        redelivered: message.redelivered,
        streamSequence: message.seq,
        signal,
        extendAck: () => message.working(),
      });
      message.ack();
    } catch (error) {
      recordFailure(span, error);
      const settlement = settleFailure({
        error,
        deliveryCount,
        maxDeliver: options.consumer.maxDeliver,
        cancelled: signal.aborted,
        retryDelayMs: options.retryDelayMs ?? defaultRetryDelayMs,
      });
      if (settlement.kind === 'term') {
        terminate(message, logger, settlement.reason, { err: error });
      } else {
        message.nak(settlement.delayMs);
        logger.warn(
          { err: error, subject: message.subject, deliveryCount, retryInMs: settlement.delayMs },
          'handler failed; message will be redelivered',
        );
      }
    } finally {
      if (heartbeat) clearInterval(heartbeat);
    }
  });
}
