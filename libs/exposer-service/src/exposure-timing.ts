// Pure parts of the exposure job handler: Go-style durations (Velero's flags are Go durations, so
// `FERRY_PREPARE_TIMEOUT=30m` reads like `--data-mover-prepare-timeout=30m`), the prepare deadline
// counted from acceptance, and the result events. No IO.
import type { ExposureDiagnosis } from '@ferry/exposer';
import type { ExposedVolume, OperationRef } from './exposer-roles';

/** Velero's default `--data-mover-prepare-timeout`: 30 minutes. */
export const defaultPrepareTimeoutMs = 30 * 60_000;

const unitMs: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Parses a Go duration (`30m`, `90s`, `1h30m`, `1.5h`, `250ms`, `10m0s`) into milliseconds. Units
 * ns, us/µs, ms, s, m, h; at least one part; the total must be positive. Throws an `Error` naming `what` and the
 * accepted form when the text is malformed.
 */
export function parseGoDuration(text: string, what = 'duration'): number {
  const trimmed = text.trim();
  const part = /(\d+(?:\.\d+)?)(ns|us|µs|ms|h|m|s)/y;
  let total = 0;
  let index = 0;
  while (index < trimmed.length) {
    part.lastIndex = index;
    const match = part.exec(trimmed);
    if (!match) break;
    total += Number(match[1]) * (unitMs[match[2] ?? ''] ?? Number.NaN);
    index = part.lastIndex;
  }
  if (trimmed.length === 0 || index !== trimmed.length || !(total > 0) || !Number.isFinite(total)) {
    throw new Error(`${what}=${JSON.stringify(text)} is not a positive duration: use a Go duration such as 30m, 90s or 1h30m`);
  }
  return Math.round(total);
}

/** The instant (epoch ms) the prepare timeout ends: acceptance plus the timeout. Throws on an unparsable time. */
export function prepareDeadline(acceptedAt: string, timeoutMs: number): number {
  const accepted = Date.parse(acceptedAt);
  if (Number.isNaN(accepted)) throw new Error(`acceptedAt ${JSON.stringify(acceptedAt)} is not an RFC 3339 time`);
  return accepted + timeoutMs;
}

/** Milliseconds left until `deadline` at `now`; 0 once passed. */
export function remainingMs(deadline: number, now: number): number {
  return Math.max(0, deadline - now);
}

/** Direction of an exposure, from the operation's kind. */
export function directionOf(operation: OperationRef): 'backup' | 'restore' {
  return operation.kind === 'DataUpload' ? 'backup' : 'restore';
}

/** Velero's message for a prepare timeout (`timeout on preparing data upload|download`). */
export function timeoutMessage(operation: OperationRef): string {
  return `timeout on preparing data ${operation.kind === 'DataUpload' ? 'upload' : 'download'}`;
}

/** How an exposer job ended; the payload of the `expose.result` event, built by {@link buildExposeResult}. */
export type ExposeOutcome =
  | { readonly outcome: 'exposed'; readonly exposed: ExposedVolume }
  | { readonly outcome: 'failed' | 'timed-out'; readonly cause: string; readonly diagnosis?: ExposureDiagnosis }
  | { readonly outcome: 'cleaned' | 'completed' };

/** The `expose.result` payload (schema version 1). */
export interface ExposeResultPayload {
  readonly v: 1;
  readonly operation: OperationRef;
  readonly direction: 'backup' | 'restore';
  readonly outcome: ExposeOutcome['outcome'];
  readonly exposed?: ExposedVolume;
  readonly cause?: string;
  readonly diagnosis?: ExposureDiagnosis;
  readonly at: string;
}

/**
 * Builds the result event of a job. A timed-out or failed result's cause is the diagnosis's
 * one-line cause when it has one (e.g. `backupPVC Pending: storage class 'fast-ro' not found`),
 * else the given fallback.
 */
export function buildExposeResult(operation: OperationRef, ended: ExposeOutcome, at: Date): ExposeResultPayload {
  const base = { v: 1 as const, operation, direction: directionOf(operation), outcome: ended.outcome, at: at.toISOString() };
  switch (ended.outcome) {
    case 'exposed':
      return { ...base, exposed: ended.exposed };
    case 'failed':
    case 'timed-out':
      return { ...base, cause: ended.diagnosis?.cause ?? ended.cause, ...(ended.diagnosis ? { diagnosis: ended.diagnosis } : {}) };
    default:
      return base;
  }
}

/** A stable key of an operation (`kind/namespace/name`), for maps and logs. */
export function operationKey(operation: OperationRef): string {
  return `${operation.kind}/${operation.namespace}/${operation.name}`;
}
