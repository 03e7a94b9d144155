// What the VSB and VSR reconcilers share: the API, the Event recorder, a logger and the clock;
// and the result of one reconcile pass.
import type { EventRecorder, KubeLogger } from '@ferry/kube';
import type { SnapshotMoverApi } from './snapshot-mover-api';

/** Dependencies of a reconcile pass. */
export interface ReconcileContext {
  readonly api: SnapshotMoverApi;
  readonly events: EventRecorder;
  readonly logger: KubeLogger;
  readonly now: () => Date;
  /** How often to look again while waiting on something without an event (snapshot readiness, deletions). */
  readonly pollMs: number;
}

/** The outcome of one pass: done until the next event, or look again after `requeueAfterMs`. */
export interface ReconcileResult {
  readonly requeueAfterMs?: number;
}

/** Nothing more to do until an event arrives. */
export const settled: ReconcileResult = {};
