// Reading traces back from the environment's Jaeger through its query API (`/api/traces`), as flat
// spans with their service, parent and tags, so a test can assert on a trace's shape.
import type { JaegerInfo } from '../servers/jaeger-server';

/** One span of a stored trace. */
export interface TracedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** The span's CHILD_OF parent; undefined for a root. */
  readonly parentId: string | undefined;
  readonly name: string;
  /** `service.name` of the process that sent it (`ferry-controller`, `ferry-mover`, …). */
  readonly service: string;
  readonly tags: Readonly<Record<string, unknown>>;
  /** Start in microseconds since the epoch. */
  readonly startTime: number;
  /** `service.instance.id` of the process that sent it (which replica, which restart); '' when not set. */
  readonly instance: string;
  /** The span's events (`exception`, …) with their attributes, in time order. */
  readonly events: readonly TracedEvent[];
}

/** One event of a span, as Jaeger stores it (a log whose `event` field is the name). */
export interface TracedEvent {
  readonly name: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

interface JaegerKeyValue {
  key: string;
  value: unknown;
}

interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references?: { refType: string; spanID: string }[];
  processID: string;
  startTime: number;
  tags?: JaegerKeyValue[];
  logs?: { fields?: JaegerKeyValue[] }[];
}

interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags?: JaegerKeyValue[] }>;
}

const keyValues = (pairs: readonly JaegerKeyValue[] | undefined): Record<string, unknown> =>
  Object.fromEntries((pairs ?? []).map((pair) => [pair.key, pair.value]));

function eventOf(fields: readonly JaegerKeyValue[] | undefined): TracedEvent {
  const { event, ...attributes } = keyValues(fields);
  return { name: typeof event === 'string' ? event : '', attributes };
}

function flatten(trace: JaegerTrace): TracedSpan[] {
  return trace.spans.map((span) => {
    const process = trace.processes[span.processID];
    const instance = keyValues(process?.tags)['service.instance.id'];
    return {
      traceId: span.traceID,
      spanId: span.spanID,
      parentId: span.references?.find((ref) => ref.refType === 'CHILD_OF')?.spanID,
      name: span.operationName,
      service: process?.serviceName ?? '',
      tags: keyValues(span.tags),
      startTime: span.startTime,
      instance: typeof instance === 'string' ? instance : '',
      events: (span.logs ?? []).map((log) => eventOf(log.fields)),
    };
  });
}

async function query<T>(url: string): Promise<T | undefined> {
  const response = await fetch(url);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`Jaeger answered ${response.status} to ${url}: ${await response.text()}`);
  return ((await response.json()) as { data: T }).data;
}

/** The spans of trace `traceId` stored so far (empty when Jaeger has none yet). */
export async function readTrace(jaeger: JaegerInfo, traceId: string): Promise<TracedSpan[]> {
  const traces = await query<JaegerTrace[]>(`${jaeger.queryUrl}/api/traces/${traceId}`);
  return (traces ?? []).flatMap(flatten);
}

/** The ids of the traces of `service` holding a span with every tag of `tags` (Jaeger's trace search). */
export async function findTraceIds(jaeger: JaegerInfo, service: string, tags: Readonly<Record<string, string>>): Promise<string[]> {
  const params = new URLSearchParams({ service, tags: JSON.stringify(tags), limit: '100', lookback: '1h' });
  const traces = await query<JaegerTrace[]>(`${jaeger.queryUrl}/api/traces?${params.toString()}`);
  return [...new Set((traces ?? []).map((trace) => trace.traceID))];
}
