// What the trace specs share: the volume policy that moves one claim and fs-backs-up another,
// a traceparent's trace id, a span's ancestry, and reading a trace once it is whole: the services
// export in batches, so a trace that holds the spans a test waits for may still miss the last batch
// of another process (a parent whose child arrived first). A trace is settled when it holds the
// expected spans, every span's parent is in it, and two reads a second apart found the same spans.
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, readTrace, type ApplicationHarness, type TracedSpan } from '@ferry/devenv/testing';

/** The spans of `spans` whose parent span is not among them. */
export function orphansOf(spans: readonly TracedSpan[]): TracedSpan[] {
  const ids = new Set(spans.map((span) => span.spanId));
  return spans.filter((span) => span.parentId !== undefined && !ids.has(span.parentId));
}

/**
 * The spans of trace `traceId` once every name of `expected` is in it and `whole` (if given) holds
 * (at most 60 s), then once no parent is missing and no batch arrived for 2 s (at most 20 s more:
 * a parent still missing then is left for the test to report).
 */
export async function settledTrace(
  h: ApplicationHarness,
  traceId: string,
  expected: readonly string[],
  whole: (spans: readonly TracedSpan[]) => boolean = () => true,
): Promise<TracedSpan[]> {
  let spans = await eventually(
    `trace ${traceId} with spans ${expected.join(', ')}`,
    async () => {
      const found = await readTrace(h.info.jaeger, traceId);
      return expected.every((name) => found.some((span) => span.name === name)) && whole(found) ? found : undefined;
    },
    60_000,
  );
  for (let unchanged = 0, rounds = 0; (unchanged < 2 || orphansOf(spans).length > 0) && rounds < 20; rounds++) {
    await sleep(1000);
    const next = await readTrace(h.info.jaeger, traceId);
    unchanged = next.length === spans.length ? unchanged + 1 : 0;
    spans = next;
  }
  return spans;
}

/** Volume policy: claims labelled `protect: fs` get fs-backup, `protect: move` a CSI snapshot (moved when the backup says so). */
export const moveAndFsPolicyDocument = `version: v1
volumePolicies:
- conditions: {pvcLabels: {protect: fs}}
  action: {type: fs-backup}
- conditions: {pvcLabels: {protect: move}}
  action: {type: snapshot, parameters: {snapshotClass: ferry-snapclass}}
`;

/** The trace id of a W3C traceparent value. */
export const traceIdOf = (value: string | undefined): string => value?.split('-')[1] ?? '';

/** `span` and its ancestors within `spans`, nearest first. */
export function ancestry(spans: readonly TracedSpan[], span: TracedSpan): TracedSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: TracedSpan[] = [];
  for (let current: TracedSpan | undefined = span; current; current = current.parentId ? byId.get(current.parentId) : undefined) {
    chain.push(current);
  }
  return chain;
}
