// Turns an invalid request into a terminal Failed status (the caller writes it and the Event) and
// a not-ready wait into a requeue; everything else rejects for the queue's retry with backoff.
import { hasSnapshotMoverCode, SnapshotMoverErrorCode } from './errors';
import { settled, type ReconcileContext, type ReconcileResult } from './reconcile-context';

/** Runs `pass`; an InvalidRequest calls `fail(message)` (its status write brings the key back, to clean up), NotReady requeues after `ctx.pollMs`. */
export async function failOnInvalid(
  ctx: ReconcileContext,
  pass: () => Promise<ReconcileResult>,
  fail: (message: string) => Promise<void>,
): Promise<ReconcileResult> {
  try {
    return await pass();
  } catch (error) {
    if (hasSnapshotMoverCode(error, SnapshotMoverErrorCode.InvalidRequest)) {
      await fail(error.message);
      return settled;
    }
    if (hasSnapshotMoverCode(error, SnapshotMoverErrorCode.NotReady)) return { requeueAfterMs: ctx.pollMs };
    throw error;
  }
}
