// Byte progress from the movers' signals into `status.progress`, at most once per second per
// resource (the throttle); signals of resources not InProgress, or of an older attempt, are dropped.
import type { FerryContracts, MessageOf } from '@ferry/contracts';
import { moveJobAttempt, type StatusWriteThrottle } from '@ferry/data-movement';
import type { Clock } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import { describeRef, type DataPathStore, type ResourceRef } from './data-path-store';
import { moveAttemptOf, phaseOf } from './resource-marks';

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
  /** The latest progress of a resource, if any. */
  latest(ref: ResourceRef): LiveProgress | undefined;
  /** Drops what is kept of a resource (it is final or gone). */
  forget(ref: ResourceRef): void;
  /** Resolves once writes in flight are done. */
  idle(): Promise<void>;
}

/** What the progress writer needs. */
export interface ProgressWriterCollaborators {
  readonly store: DataPathStore;
  readonly throttle: StatusWriteThrottle;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** A writer over the store. */
export function createProgressWriter({ store, throttle, clock, logger }: ProgressWriterCollaborators): ProgressWriter {
  const latest = new Map<string, LiveProgress>();
  const writing = new Map<string, Promise<void>>();
  return {
    onSignal(signal) {
      const ref: ResourceRef = { ...signal.operation };
      const key = describeRef(ref);
      const cached = store.cached(ref);
      if (!cached || phaseOf(cached) !== 'InProgress') return;
      const attempt = moveJobAttempt(ref.kind, cached.metadata?.uid ?? '', signal.jobId);
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
      if (writing.has(key) || !throttle.tryAcquire(key, clock.now())) return;
      const write = store
        .update(ref, (current) => {
          if (phaseOf(current) !== 'InProgress') return undefined;
          const previous = current.status?.progress ?? {};
          if (previous.bytesDone === bytesDone && (totalBytes === undefined || previous.totalBytes === totalBytes)) return undefined;
          return { status: { progress: { ...previous, bytesDone, ...(totalBytes === undefined ? {} : { totalBytes }) } } };
        })
        .then(
          () => undefined,
          (error: unknown) => logger.warn({ err: error, resource: key }, 'progress not written'),
        )
        .finally(() => writing.delete(key));
      writing.set(key, write);
    },
    latest: (ref) => latest.get(describeRef(ref)),
    forget(ref) {
      latest.delete(describeRef(ref));
      throttle.forget(describeRef(ref));
    },
    async idle() {
      await Promise.allSettled([...writing.values()]);
    },
  };
}
