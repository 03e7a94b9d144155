import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { withSpan } from './span-helper';

class CodedError extends Error {
  readonly code = 'MOVE_FAILED';
}

describe('span-helper - withSpan', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const manager = new AsyncLocalStorageContextManager();

  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
    trace.setGlobalTracerProvider(provider);
  });
  afterEach(() => exporter.reset());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('returns the result, ends the span and leaves status unset', async () => {
    await expect(withSpan('ok', () => 42, { kind: SpanKind.INTERNAL, attributes: { 'ferry.volume': 'v1' } })).resolves.toBe(42);
    const [span] = exporter.getFinishedSpans();
    expect(span).toMatchObject({ name: 'ok', ended: true, status: { code: SpanStatusCode.UNSET }, attributes: { 'ferry.volume': 'v1' } });
  });

  it('records the exception, sets ERROR and error.type, and rethrows the same error', async () => {
    const error = new CodedError('repository locked');
    await expect(withSpan('fails', async () => Promise.reject(error))).rejects.toBe(error);
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'repository locked' });
    expect(span?.attributes['error.type']).toBe('MOVE_FAILED');
    expect(span?.events.map((e) => e.name)).toEqual(['exception']);
    expect(span?.events[0]?.attributes?.['exception.message']).toBe('repository locked');
  });

  it('makes the span active, so nested spans are its children', async () => {
    await withSpan('outer', () => withSpan('inner', () => undefined));
    const [inner, outer] = exporter.getFinishedSpans();
    expect(inner?.name).toBe('inner');
    expect(inner?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(inner?.spanContext().traceId).toBe(outer?.spanContext().traceId);
  });
});
