import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import type { JetStreamContract } from '@ferry/contracts';
import { ConsumeError } from './errors';
import type { NatsClient } from './nats-client';
import type { ConsumeOptions, StreamDeliveryHandler, StreamRoute } from './stream-consumer-types';
import { createDeliveryCounter } from './consumer-metrics';
import { processDelivery } from './stream-delivery';

/** Pairs a contract with its handler; a consumer whose filters span several kinds takes several. */
export function streamRoute<C extends JetStreamContract>(contract: C, handler: StreamDeliveryHandler<C>): StreamRoute {
  return { contract, handler: handler as StreamDeliveryHandler<JetStreamContract> };
}

/** A running consumer. */
export interface ConsumerHandle {
  /**
   * Graceful stop: takes no new messages, hands back ones received but not started (nak, no
   * delay), waits for running handlers to settle and ack. Idempotent.
   */
  stop(): Promise<void>;
  /** Settles when the consumer has stopped; rejects with {@link ConsumeError} if the server ended it. */
  readonly done: Promise<void>;
}

/**
 * Starts pulling from a durable consumer and returns once bound (throws {@link ConsumeError} if
 * the consumer does not exist). Handlers run concurrently, at most the consumer's
 * `maxAckPending` at a time (the server withholds more until some are acked). Each message is
 * decoded and validated; an invalid payload is terminated and logged, never redelivered. The
 * caller owns the handle and stops it (or aborts `signal`) before closing the client.
 */
export async function consume(client: NatsClient, options: ConsumeOptions): Promise<ConsumerHandle> {
  const { consumer: definition } = options;
  const foreign = options.routes.find((r) => r.contract.stream.name !== definition.stream.name);
  if (options.routes.length === 0 || foreign !== undefined) {
    throw new ConsumeError(
      `consumer ${definition.durableName} needs routes for contracts of stream ${definition.stream.name}` +
        (foreign ? `; ${foreign.contract.name} belongs to ${foreign.contract.stream.name}` : ''),
    );
  }
  let messages: ConsumerMessages;
  try {
    const consumer = await client.jetstream.consumers.get(definition.stream.name, definition.durableName);
    messages = await consumer.consume({ max_messages: definition.maxAckPending });
  } catch (cause) {
    throw new ConsumeError(
      `cannot bind to consumer ${definition.durableName} of stream ${definition.stream.name}; run ensureStream/ensureConsumer first`,
      { cause },
    );
  }
  const cancel = new AbortController();
  const counter = createDeliveryCounter(definition.stream.name, definition.durableName);
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  const start = (message: JsMsg): void => {
    counter.delivered(message.info.deliveryCount);
    const running = processDelivery(client, options, message, cancel.signal)
      .catch((error: unknown) =>
        client.logger.error({ err: error, subject: message.subject }, 'could not settle message; it will be redelivered'),
      )
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  };
  const loop = (async () => {
    for await (const message of messages) {
      if (stopping) message.nak();
      else start(message);
    }
  })();
  const done = loop
    .catch((cause: unknown) => {
      throw new ConsumeError(`consumer ${definition.durableName} of stream ${definition.stream.name} stopped`, { cause });
    })
    .finally(() => Promise.allSettled([...inFlight]).then(() => undefined));
  done.catch((error: unknown) => client.logger.error({ err: error }, 'JetStream consumer ended'));

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      stopping = true;
      await messages.close();
      await done.catch(() => undefined);
    })();
    return stopped;
  };
  if (options.signal) {
    const onAbort = (): void => {
      cancel.abort(options.signal?.reason);
      void stop();
    };
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
  }
  return { stop, done };
}
