// One reconcile pass of a VolumeSnapshotBackup or VolumeSnapshotRestore: the step its phase calls
// for (start, move, clean up; a final owner only has its leftovers removed). An invalid request
// ends in a terminal Failed status (the owner's `fail` writes it and the Event), a not-ready wait
// requeues; everything else rejects for the queue's retry with backoff.
import { SnapshotMoverStep, snapshotMoverStep } from '@ferry/data-movement';
import { hasSnapshotMoverCode, SnapshotMoverErrorCode } from './errors';
import { deleteOwnedObjects } from './owned-objects';
import { settled, type ReconcileContext, type ReconcileResult } from './reconcile-context';

/** The steps of one owner kind, bound to the owner being reconciled. */
export interface OwnerSteps {
  readonly start: () => Promise<ReconcileResult>;
  readonly move: () => Promise<ReconcileResult>;
  readonly cleanUp: () => Promise<ReconcileResult>;
  /** Writes the Failed status of an invalid request and records its Warning Event; the write brings the key back to clean up. */
  readonly fail: (message: string) => Promise<void>;
}

/** Runs the step for `phase` of the owner with UID `ownerUid`; see the file comment for failures. */
export async function runOwnerStep(
  ctx: ReconcileContext,
  phase: string | undefined,
  ownerUid: string,
  steps: OwnerSteps,
): Promise<ReconcileResult> {
  try {
    switch (snapshotMoverStep(phase)) {
      case SnapshotMoverStep.Start:
        return await steps.start();
      case SnapshotMoverStep.Move:
        return await steps.move();
      case SnapshotMoverStep.CleanUp:
        return await steps.cleanUp();
      default: {
        const remaining = await deleteOwnedObjects(ctx.api, ownerUid, ctx.namespace);
        return remaining > 0 ? { requeueAfterMs: ctx.pollMs } : settled;
      }
    }
  } catch (error) {
    if (hasSnapshotMoverCode(error, SnapshotMoverErrorCode.InvalidRequest)) {
      await steps.fail(error.message);
      return settled;
    }
    if (hasSnapshotMoverCode(error, SnapshotMoverErrorCode.NotReady)) return { requeueAfterMs: ctx.pollMs };
    throw error;
  }
}
