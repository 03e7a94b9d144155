// What Ferry's describe adds for tracing (Velero has none): the trace id the controller keeps on a
// Backup or Restore, and its page in the trace UI when one is known. Pure.
import type { Describer } from './describer';

/** The trace of a described object: its id (32 hex digits) and, when a UI address is known, its page. */
export interface TraceLink {
  readonly id: string;
  readonly url?: string;
}

/** The link of trace `id` in the Jaeger UI at `uiUrl` (`<ui>/trace/<id>`); no URL without `uiUrl`. */
export function traceLink(id: string, uiUrl: string | undefined): TraceLink {
  return uiUrl ? { id, url: `${uiUrl.replace(/\/+$/, '')}/trace/${id}` } : { id };
}

/** `Trace ID:` and `Trace:` lines after a blank line; nothing when the object has no trace. */
export function describeTrace(d: Describer, trace: TraceLink | undefined): void {
  if (!trace) return;
  d.line();
  d.print(`Trace ID:\t${trace.id}\n`);
  if (trace.url) d.print(`Trace:\t${trace.url}\n`);
}
