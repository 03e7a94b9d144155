import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/transport-node';
import type { MessageContract } from '@ferry/contracts';
import { contractLabel } from './message-codec';

/** Instrumentation scope of this adapter's spans. */
export const tracerName = '@ferry/nats';

/** Messaging semantic-convention attribute names (copied, not imported: they are incubating). */
export const MessagingAttribute = {
  System: 'messaging.system',
  DestinationName: 'messaging.destination.name',
  DestinationTemplate: 'messaging.destination.template',
  OperationType: 'messaging.operation.type',
  OperationName: 'messaging.operation.name',
  BodySize: 'messaging.message.body.size',
  MessageId: 'messaging.message.id',
  ConsumerGroup: 'messaging.consumer.group.name',
  DeliveryCount: 'messaging.nats.delivery_count',
  Contract: 'ferry.contract',
} as const;

const headerSetter: TextMapSetter<MsgHdrs> = {
  set: (carrier, key, value) => carrier.set(key, value),
};

const headerGetter: TextMapGetter<MsgHdrs | undefined> = {
  keys: (carrier) => carrier?.keys() ?? [],
  get: (carrier, key) => (carrier?.has(key) ? carrier.get(key) : undefined),
};

/** The attributes every span of a message carries. Pure. */
export function messageAttributes(contract: MessageContract, subject: string, bodySize: number): Attributes {
  return {
    [MessagingAttribute.System]: 'nats',
    [MessagingAttribute.DestinationName]: subject,
    [MessagingAttribute.DestinationTemplate]: contract.subject.pattern,
    [MessagingAttribute.BodySize]: bodySize,
    [MessagingAttribute.Contract]: contractLabel(contract),
  };
}

/** Marks `span` failed with `error`, keeping the original error for the caller. */
export function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  span.setAttribute('error.type', typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown');
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/**
 * Runs `send` inside a PRODUCER span (child of the active context) after injecting that span's
 * W3C trace context into `headers`, so the receiver's span becomes its child. Works for
 * synchronous and promise-returning `send`; ends the span when it settles and rethrows its error.
 */
export function withProducerSpan<T>(
  operation: 'publish' | 'request',
  contract: MessageContract,
  subject: string,
  headers: MsgHdrs,
  attributes: Attributes,
  send: () => T,
): T {
  const span = trace.getTracer(tracerName).startSpan(`${operation} ${contract.subject.pattern}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      ...attributes,
      [MessagingAttribute.OperationType]: 'send',
      [MessagingAttribute.OperationName]: operation,
    },
  });
  const spanContext = trace.setSpan(context.active(), span);
  propagation.inject(spanContext, headers, headerSetter);
  const fail = (error: unknown): never => {
    recordFailure(span, error);
    span.end();
    throw error;
  };
  let result: T;
  try {
    result = context.with(spanContext, send);
  } catch (error) {
    return fail(error);
  }
  if (result instanceof Promise) {
    return result.then((value: unknown) => {
      span.end();
      return value;
    }, fail) as T;
  }
  span.end();
  return result;
}

/** The remote parent carried in `headers`, on an empty context (never the receiver's own). */
export function extractContext(headers: MsgHdrs | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, headers, headerGetter);
}

/**
 * Runs `process` as the active CONSUMER span whose parent is the trace context extracted from the
 * message headers. `process` decides the span's status; the span ends when it settles.
 */
export function withConsumerSpan<T>(
  contract: MessageContract,
  headers: MsgHdrs | undefined,
  attributes: Attributes,
  process: (span: Span) => Promise<T>,
): Promise<T> {
  return trace.getTracer(tracerName).startActiveSpan(
    `process ${contract.subject.pattern}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...attributes,
        [MessagingAttribute.OperationType]: 'process',
        [MessagingAttribute.OperationName]: 'process',
      },
    },
    extractContext(headers),
    async (span) => {
      try {
        return await process(span);
      } finally {
        span.end();
      }
    },
  );
}
