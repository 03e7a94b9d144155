import { SpanStatusCode, trace, type Attributes, type Span, type SpanKind } from '@opentelemetry/api';

/** Options of {@link withSpan}. */
export interface WithSpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** Instrumentation scope name of the tracer; default `ferry`. */
  readonly tracerName?: string;
}

function errorType(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (error instanceof Error) return error.name;
  }
  return 'unknown';
}

/**
 * Runs `fn` inside a new active span `name` (child of the active span) and ends the span when `fn`
 * settles. On failure it records the exception, sets status ERROR and `error.type` (the error's
 * `code` or class name) and rethrows the original error unchanged. On success the status stays
 * UNSET, as the OpenTelemetry spec asks of instrumentation. Uses `@opentelemetry/api` only: a
 * no-op (but still runs `fn`) when no SDK is registered.
 */
export async function withSpan<T>(name: string, fn: (span: Span) => T | Promise<T>, options: WithSpanOptions = {}): Promise<T> {
  const tracer = trace.getTracer(options.tracerName ?? 'ferry');
  return tracer.startActiveSpan(name, { kind: options.kind, attributes: options.attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setAttribute('error.type', errorType(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
