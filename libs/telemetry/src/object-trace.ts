// One trace per Kubernetes object (a Backup, a Restore) across reconciles, restarts and leaders:
// the trace context of the object's root span is kept in its annotations (W3C `traceparent` and
// `tracestate` values), and every later step runs as a child of it. Objects the steps create (a
// DataUpload, a PodVolumeRestore) carry the context of the step that created them the same way.
import { context, ROOT_CONTEXT, trace, type Attributes, type Context, type Span, type SpanKind } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { withSpan } from './span-helper';

/** The annotations that carry an object's trace context. */
export const TraceAnnotation = {
  Traceparent: 'ferry.io/traceparent',
  Tracestate: 'ferry.io/tracestate',
} as const;

/** Annotations as Kubernetes objects hold them. */
export type ObjectAnnotations = Readonly<Record<string, string>> | null | undefined;

const propagator = new W3CTraceContextPropagator();
const headerOf: Readonly<Record<string, string>> = { traceparent: TraceAnnotation.Traceparent, tracestate: TraceAnnotation.Tracestate };

/** The annotations naming the span active in `ctx` (default: the active context); empty when there is none. */
export function traceAnnotations(ctx: Context = context.active()): Record<string, string> {
  const headers: Record<string, string> = {};
  propagator.inject(ctx, headers, { set: (carrier, key, value) => (carrier[key] = value) });
  return Object.fromEntries(Object.entries(headers).flatMap(([key, value]) => (headerOf[key] ? [[headerOf[key], value]] : [])));
}

/** The remote span context stored in `annotations`, or undefined when they hold none (or a malformed one). */
export function contextFromAnnotations(annotations: ObjectAnnotations): Context | undefined {
  if (!annotations?.[TraceAnnotation.Traceparent]) return undefined;
  const ctx = propagator.extract(ROOT_CONTEXT, annotations, {
    keys: () => Object.keys(headerOf),
    get: (carrier, key) => (headerOf[key] ? carrier[headerOf[key]] : undefined),
  });
  return trace.getSpanContext(ctx) ? ctx : undefined;
}

/** The trace id (32 hex digits) stored in `annotations`, or undefined. */
export function traceIdOf(annotations: ObjectAnnotations): string | undefined {
  const ctx = contextFromAnnotations(annotations);
  return ctx ? trace.getSpanContext(ctx)?.traceId : undefined;
}

/**
 * `object` with the active span's trace annotations added to `metadata.annotations` (unchanged
 * when no span is active). For objects a traced step creates, so their controllers join the trace.
 */
export function withTraceAnnotations<T extends { metadata?: { annotations?: Record<string, string> | undefined } | undefined }>(
  object: T,
): T {
  const annotations = traceAnnotations();
  if (Object.keys(annotations).length === 0) return object;
  return { ...object, metadata: { ...object.metadata, annotations: { ...object.metadata?.annotations, ...annotations } } };
}

/** Runs `fn` with the trace stored in `annotations` as the active context (no span of its own); as is when there is none. */
export function withAnnotatedContext<T>(annotations: ObjectAnnotations, fn: () => T): T {
  const ctx = contextFromAnnotations(annotations);
  return ctx ? context.with(ctx, fn) : fn();
}

/** Options of {@link withObjectSpan}. */
export interface ObjectSpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
}

/**
 * Runs `fn` in span `name` whose parent is the trace stored in `annotations`; without one, the
 * span starts a new trace (never a child of whatever else is active), so its context can be
 * stored as the object's. Failures are recorded and rethrown as by `withSpan`.
 */
export function withObjectSpan<T>(
  name: string,
  annotations: ObjectAnnotations,
  fn: (span: Span) => T | Promise<T>,
  options: ObjectSpanOptions = {},
): Promise<T> {
  const parent = contextFromAnnotations(annotations) ?? trace.deleteSpan(context.active());
  return context.with(parent, () => withSpan(name, fn, options));
}
