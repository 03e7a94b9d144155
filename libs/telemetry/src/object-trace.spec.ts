import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import {
  contextFromAnnotations,
  traceAnnotations,
  TraceAnnotation,
  traceIdOf,
  withAnnotatedContext,
  withObjectSpan,
  withTraceAnnotations,
} from './object-trace';
import { markSpanFailed, objectAttributes } from './trace-attributes';

const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('object-trace - a trace kept on an object', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterEach(() => exporter.reset());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it.each([
    [undefined, undefined],
    [null, undefined],
    [{}, undefined],
    [{ [TraceAnnotation.Traceparent]: 'garbage' }, undefined],
    [{ [TraceAnnotation.Traceparent]: traceparent }, '0af7651916cd43dd8448eb211c80319c'],
  ])('traceIdOf(%j) is %s', (annotations, expected) => {
    expect(traceIdOf(annotations)).toBe(expected);
  });

  it('writes no annotations when no span is active', () => {
    expect(traceAnnotations()).toEqual({});
    const object = { metadata: { name: 'du', annotations: { keep: 'me' } } };
    expect(withTraceAnnotations(object)).toBe(object);
  });

  it('starts a new trace for an object without one, and its annotations name that root span', async () => {
    const annotations = await trace.getTracer('t').startActiveSpan('unrelated', async (unrelated) => {
      const stored = await withObjectSpan('backup', undefined, () => traceAnnotations());
      unrelated.end();
      return stored;
    });
    const root = exporter.getFinishedSpans().find((span) => span.name === 'backup');
    expect(root?.parentSpanContext).toBeUndefined();
    expect(annotations).toEqual({ [TraceAnnotation.Traceparent]: `00-${root?.spanContext().traceId}-${root?.spanContext().spanId}-01` });
  });

  it('makes a later step a child of the stored span, and objects it creates carry the step', async () => {
    const created = await withObjectSpan('backup.collect', { [TraceAnnotation.Traceparent]: traceparent }, () =>
      withTraceAnnotations({ metadata: { annotations: { keep: 'me' } } }),
    );
    const [step] = exporter.getFinishedSpans();
    expect(step?.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(step?.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(created.metadata.annotations).toEqual({
      keep: 'me',
      [TraceAnnotation.Traceparent]: `00-0af7651916cd43dd8448eb211c80319c-${step?.spanContext().spanId}-01`,
    });
  });

  it('runs code in the stored context without a span of its own', () => {
    const active = withAnnotatedContext({ [TraceAnnotation.Traceparent]: traceparent }, () => trace.getActiveSpan()?.spanContext());
    expect(active).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', isRemote: true });
    expect(withAnnotatedContext(undefined, () => trace.getActiveSpan())).toBeUndefined();
    expect(contextFromAnnotations({ [TraceAnnotation.Traceparent]: traceparent })).toBeDefined();
  });

  it('marks the active span failed with an exception event for a failure written to a status', async () => {
    await withObjectSpan('backup.collect', undefined, () => markSpanFailed('backup already exists', 'BackupFailed'));
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'backup already exists' });
    expect(span?.events.map((event) => [event.name, event.attributes?.['exception.message']])).toEqual([
      ['exception', 'backup already exists'],
    ]);
    expect(span?.attributes['error.type']).toBe('BackupFailed');
  });

  it.each([
    [
      'backup',
      { name: 'b', uid: 'u', namespace: 'velero' },
      { 'velero.backup.name': 'b', 'velero.backup.uid': 'u', 'k8s.namespace.name': 'velero' },
    ],
    ['restore', { name: 'r' }, { 'velero.restore.name': 'r' }],
    ['restore', undefined, {}],
  ] as const)('objectAttributes(%s, %j)', (kind, metadata, expected) => {
    expect(objectAttributes(kind, metadata)).toEqual(expected);
  });
});
