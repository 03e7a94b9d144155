// Byte progress from the movers' signals into `status.progress`, at most once per second per
// resource (the throttle); signals of resources not InProgress, or of an older attempt, are dropped.
import type { FerryContracts, MessageOf } from '@ferry/contracts';
import { moveJobAttempt } from '@ferry/data-movement';
import { phaseOf, type DataPathContext } from './data-path-context';
import { moveAttemptOf, resourceKey } from './resource-marks';

/** A `move.progress` signal. */
export type MoveProgressSignal = MessageOf<FerryContracts['messages']['moveProgress']>;

/** The last progress seen of a resource (what `GET /v1/operations` shows). */
export interface LiveProgress {
  readonly jobId: string;
  readonly node: string;
  readonly bytesDone: number;
  readonly totalBytes?: number;
  readonly bytesPerSecond: number;
  readonly etaSeconds?: number;
  readonly at: string;
}

/** Writes progress; keeps the latest per resource. */
export interface ProgressWriter {
  /** Takes one signal; writes at once when the throttle allows, else keeps it for the view only. Never throws. */
  onSignal(signal: MoveProgressSignal): void;
  /** The latest progress of `kind/namespace/name`, if any. */
  latest(key: string): LiveProgress | undefined;
  /** Resolves once writes in flight are done. */
  idle(): Promise<void>;
}

/** A writer over `ctx`. */
export function createProgressWriter(ctx: DataPathContext): ProgressWriter {
  const latest = new Map<string, LiveProgress>();
  const writing = new Map<string, Promise<void>>();
  return {
    onSignal(signal) {
      const { kind, namespace, name } = signal.operation;
      const key = resourceKey(kind, namespace, name);
      const cached = ctx.cached(kind, namespace, name);
      if (!cached || phaseOf(cached) !== 'InProgress') return;
      const attempt = moveJobAttempt(kind, cached.metadata?.uid ?? '', signal.jobId);
      if (attempt === undefined || attempt < moveAttemptOf(cached)) return;
      const { jobId, node, bytesDone, totalBytes, bytesPerSecond, etaSeconds, at } = signal;
      latest.set(key, {
        jobId,
        node,
        bytesDone,
        bytesPerSecond,
        at,
        ...(totalBytes === undefined ? {} : { totalBytes }),
        ...(etaSeconds === undefined ? {} : { etaSeconds }),
      });
      if (writing.has(key) || !ctx.throttle.tryAcquire(key, ctx.now().getTime())) return;
      const write = ctx.stores[kind]
        .mutate(namespace, name, (current) => {
          if (phaseOf(current) !== 'InProgress') return undefined;
          const previous = current.status?.progress ?? {};
          if (previous.bytesDone === bytesDone && (totalBytes === undefined || previous.totalBytes === totalBytes)) return undefined;
          current.status = { ...current.status, progress: { ...previous, bytesDone, ...(totalBytes === undefined ? {} : { totalBytes }) } };
          return current;
        })
        .then(
          () => undefined,
          (error: unknown) => ctx.logger.warn({ err: error, resource: key }, 'progress not written'),
        )
        .finally(() => writing.delete(key));
      writing.set(key, write);
    },
    latest: (key) => latest.get(key),
    async idle() {
      await Promise.allSettled([...writing.values()]);
    },
  };
}
