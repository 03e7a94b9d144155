// Types shared by the JetStream consumer (stream-consumer.ts) and the per-delivery pipeline
// (stream-delivery.ts). Kept apart so neither module imports the other's types back.
import type { ConsumerDefinition, ContractParams, JetStreamContract, MessageOf, SubjectParams } from '@ferry/contracts';

/** One delivery of a JetStream message, decoded and validated, as a handler sees it. */
export interface StreamDelivery<C extends JetStreamContract> {
  readonly subject: string;
  /** Decoded subject parameters (e.g. the real node name). */
  readonly params: SubjectParams<ContractParams<C>>;
  readonly data: MessageOf<C>;
  /** 1 on first delivery; > 1 after a nak, an ack timeout or a crashed consumer. */
  readonly deliveryCount: number;
  readonly redelivered: boolean;
  readonly streamSequence: number;
  /** Aborted when the consumer is cancelled through its `signal`: stop work and throw. */
  readonly signal: AbortSignal;
  /** Tells the server the work goes on (restarts the ack wait). Call it from long handlers. */
  extendAck(): void;
}

/**
 * Handles one delivery. Resolve → ack. Throw → nak with delay when the error is retryable
 * (errors without `retryable` count as retryable; `retryAfterMs` on the error overrides the
 * delay), term when not. Must be idempotent: a delivery can repeat.
 */
export type StreamDeliveryHandler<C extends JetStreamContract> = (delivery: StreamDelivery<C>) => Promise<void>;

/** A contract and its handler, as `streamRoute` builds it. */
export interface StreamRoute {
  readonly contract: JetStreamContract;
  readonly handler: StreamDeliveryHandler<JetStreamContract>;
}

/** Options of `consume`. */
export interface ConsumeOptions {
  /** The durable to bind to; create it first with `ensureConsumer`. */
  readonly consumer: ConsumerDefinition;
  /** Handlers by contract; a message whose subject matches none is terminated and logged. */
  readonly routes: readonly StreamRoute[];
  /** Cancels the consumer: handlers see it aborted, in-flight messages are handed back at once. */
  readonly signal?: AbortSignal;
  /** Nak delay for a retryable failure by delivery count; default 1 s doubling to 60 s. */
  readonly retryDelayMs?: (deliveryCount: number) => number;
  /** When set, calls `extendAck` for the handler this often; for long jobs. Default off. */
  readonly extendAckEveryMs?: number;
}
