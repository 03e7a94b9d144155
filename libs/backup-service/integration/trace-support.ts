// What the trace specs share: the volume policy that moves one claim and fs-backs-up another,
// a traceparent's trace id, a span's ancestry, and reading a Backup's trace once it is whole: the services export in batches, so a trace that holds
// the spans a test waits for may still miss the last batch of another process. A trace is settled
// when it holds the expected span names and then stays the same for two seconds.
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually, readTrace, type ApplicationHarness, type TracedSpan } from '@ferry/devenv/testing';

/** The spans of trace `traceId` once every name of `expected` is in it and no batch arrived for 2 s (at most 60 s + 20 s). */
export async function settledTrace(h: ApplicationHarness, traceId: string, expected: readonly string[]): Promise<TracedSpan[]> {
  let spans = await eventually(
    `trace ${traceId} with spans ${expected.join(', ')}`,
    async () => {
      const found = await readTrace(h.info.jaeger, traceId);
      return expected.every((name) => found.some((span) => span.name === name)) ? found : undefined;
    },
    60_000,
  );
  for (let unchanged = 0, rounds = 0; unchanged < 2 && rounds < 20; rounds++) {
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
