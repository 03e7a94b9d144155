// What the VSB and VSR reconcilers share: the API, the Event recorder, a logger and the clock;
// the result of one reconcile pass; and the check that a status write starts from the phase the
// (informer-cached) object showed.
import { SnapshotMoverStep, snapshotMoverStep } from '@ferry/data-movement';
import type { EventRecorder, KubeLogger } from '@ferry/kube';
import { SnapshotMoverError, SnapshotMoverErrorCode } from './errors';
import type { SnapshotMoverApi } from './snapshot-mover-api';

/** Dependencies of a reconcile pass. */
export interface ReconcileContext {
  readonly api: SnapshotMoverApi;
  readonly events: EventRecorder;
  readonly logger: KubeLogger;
  readonly now: () => Date;
  /** How often to look again while waiting on something without an event (snapshot readiness, deletions). */
  readonly pollMs: number;
  /**
   * When set, only VSBs/VSRs whose `spec.protectedNamespace` is this namespace (or empty, to fail
   * them) are served: the DataUpload/DataDownload controller beside this service watches only it.
   */
  readonly namespace?: string;
}

/** True when `protectedNamespace` is served by this instance (see {@link ReconcileContext.namespace}). */
export function servesNamespace(ctx: ReconcileContext, protectedNamespace: string | undefined): boolean {
  const wanted = protectedNamespace?.trim();
  return !ctx.namespace || !wanted || wanted === ctx.namespace;
}

/** The outcome of one pass: done until the next event, or look again after `requeueAfterMs`. */
export interface ReconcileResult {
  readonly requeueAfterMs?: number;
}

/** Nothing more to do until an event arrives. */
export const settled: ReconcileResult = {};

/** Which current phases a status write accepts: by default exactly the phase the reconcile saw. */
export type PhaseCheck = (currentPhase: string | undefined) => boolean;

/** A failure may be written over any phase that has not reached clean-up. */
export const beforeCleanUp: PhaseCheck = (phase) => {
  const step = snapshotMoverStep(phase);
  return step === SnapshotMoverStep.Start || step === SnapshotMoverStep.Move;
};

/**
 * Wraps a status mutation so that it refuses (NotReady: looked at again after `pollMs`, and the
 * object's update event brings it back sooner) when the object on the server has moved past the
 * phase the reconcile decided on: the informer cache can lag behind our own last write, and
 * acting on it twice would repeat a step or move the phase backwards.
 */
export function fromSeenPhase<S extends { phase?: string }>(
  what: string,
  seenPhase: string | undefined,
  mutate: (current: S | undefined) => S,
  accepts: PhaseCheck = (phase) => (phase ?? '') === (seenPhase ?? ''),
): (current: { status?: S }) => S {
  return (current) => {
    const phase = current.status?.phase;
    if (!accepts(phase))
      throw new SnapshotMoverError(
        SnapshotMoverErrorCode.NotReady,
        `${what} is in phase ${phase ?? '(none)'} while the cache showed ${seenPhase ?? '(none)'}: reconciling again from the current state`,
      );
    return mutate(current.status);
  };
}
