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
