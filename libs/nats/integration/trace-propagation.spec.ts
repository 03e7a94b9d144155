import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import {
  consume,
  ensureConsumer,
  publishToStream,
  request,
  serveRequests,
  streamRoute,
  type ConsumerHandle,
  type SubscriptionHandle,
} from '../src/index';
import { createTestTopology, waitFor, type TestTopology } from './nats-test-harness';

describe('trace context - across NATS', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new AsyncLocalStorageContextManager();
  const tracer = provider.getTracer('nats-it');
  let t: TestTopology;
  let running: (ConsumerHandle | SubscriptionHandle)[] = [];

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
  });
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });
  beforeEach(async () => {
    exporter.reset();
    t = await createTestTopology();
  });
  afterEach(async () => {
    for (const handle of running) await handle.stop();
    running = [];
    await t.dispose();
  });

  const finished = (kind: SpanKind): ReadableSpan[] => exporter.getFinishedSpans().filter((s) => s.kind === kind);

  it('continues the trace from publish to the JetStream consumer: producer span is the parent', async () => {
    const seenInHandler: { traceId?: string; spanId?: string } = {};
    const consumer = t.smoke.consumers.smoke('traced');
    await ensureConsumer(t.client, consumer);
    running.push(
      await consume(t.client, {
        consumer,
        routes: [
          streamRoute(t.smoke.messages.smokeJob, async () => {
            const active = trace.getActiveSpan()?.spanContext();
            Object.assign(seenInHandler, { traceId: active?.traceId, spanId: active?.spanId });
          }),
        ],
      }),
    );
    const parent = await tracer.startActiveSpan('backup', async (span) => {
      await publishToStream(t.client, t.smoke.messages.smokeJob, { lane: 'traced' }, { id: 'tr-1', sentAt: new Date().toISOString() });
      span.end();
      return span.spanContext();
    });
    await waitFor('the consumer span', () => finished(SpanKind.CONSUMER).length === 1);

    const [producer] = finished(SpanKind.PRODUCER);
    const [consumerSpan] = finished(SpanKind.CONSUMER);
    expect(producer?.name).toBe(`publish ${t.smoke.messages.smokeJob.subject.pattern}`);
    expect(producer?.spanContext().traceId).toBe(parent.traceId);
    expect(producer?.parentSpanContext?.spanId).toBe(parent.spanId);
    expect(consumerSpan?.spanContext().traceId).toBe(parent.traceId);
    expect(consumerSpan?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
    expect(consumerSpan?.parentSpanContext?.isRemote).toBe(true);
    expect(consumerSpan?.attributes).toMatchObject({
      'messaging.system': 'nats',
      'messaging.operation.type': 'process',
      'messaging.destination.name': t.smoke.messages.smokeJob.subject.build({ lane: 'traced' }),
      'messaging.consumer.group.name': consumer.durableName,
      'messaging.nats.delivery_count': 1,
    });
    expect(seenInHandler).toEqual({ traceId: parent.traceId, spanId: consumerSpan?.spanContext().spanId });
  });

  it('continues the trace from request to the responder and back', async () => {
    running.push(
      serveRequests(t.client, {
        contract: t.smoke.messages.smokePing,
        handler: async (req) => ({ id: req.data.id, responder: trace.getActiveSpan()?.spanContext().traceId ?? 'none' }),
      }),
    );
    const { parent, reply } = await tracer.startActiveSpan('explain-policy', async (span) => {
      const answer = await request(t.client, t.smoke.messages.smokePing, {}, { id: 'rq-1' });
      span.end();
      return { parent: span.spanContext(), reply: answer };
    });
    await waitFor('the responder span', () => finished(SpanKind.CONSUMER).length === 1);

    const [producer] = finished(SpanKind.PRODUCER);
    const [responder] = finished(SpanKind.CONSUMER);
    expect(reply).toEqual({ id: 'rq-1', responder: parent.traceId });
    expect(producer?.name).toBe(`request ${t.smoke.messages.smokePing.subject.pattern}`);
    expect(producer?.parentSpanContext?.spanId).toBe(parent.spanId);
    expect(responder?.spanContext().traceId).toBe(parent.traceId);
    expect(responder?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
    expect(responder?.attributes['messaging.consumer.group.name']).toBe(t.smoke.messages.smokePing.queueGroup);
  });
});
