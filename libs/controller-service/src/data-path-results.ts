// What the workers report (DESIGN data flow steps 3-5): the exposer's results move a DU/DD to
// Prepared and on to the mover, or fail it with the diagnosis's cause; the mover's results complete,
// retry, fail or cancel it. Every handler is idempotent: a result delivered twice, late (the
// resource already final) or for an older attempt changes nothing.
import type { FerryContracts, MessageOf } from '@ferry/contracts';
import { decideMoveRetry, emptyVolumeMessage, isTerminalPhase, moveJobAttempt } from '@ferry/data-movement';
import { finish, phaseOf, publishCleanup, type DataPathContext, type ResourceRef } from './data-path-context';
import type { DataPathStatus } from './data-path-resources';
import { ControllerEventReason } from './event-reasons';
import { isServed } from './data-path-reconciler';
import { prepareAndStartMove, sendCompleteRestore, sendMove } from './move-dispatch';
import { FerryAnnotation, moveAttemptOf, moveTargetOf, setAnnotation } from './resource-marks';

/** An `expose.result` event. */
export type ExposeResultEvent = MessageOf<FerryContracts['messages']['exposeResult']>;
/** A `move.result` event. */
export type MoveResultEvent = MessageOf<FerryContracts['messages']['moveResult']>;

/** Handles an exposer result. Throws (→ redelivery) only when a write or publish fails. */
export async function handleExposeResult(ctx: DataPathContext, result: ExposeResultEvent): Promise<void> {
  const ref: ResourceRef = { ...result.operation };
  const resource = await ctx.stores[ref.kind].find(ref.namespace, ref.name);
  if (!resource || !isServed(ctx, ref.kind, resource)) return;
  const phase = phaseOf(resource);
  const waitingForExposure = phase === 'Accepted' || (phase === 'Prepared' && !moveTargetOf(resource));
  switch (result.outcome) {
    case 'exposed': {
      // A late exposure of a finished operation: make sure nothing stays behind.
      if (isTerminalPhase(phase)) return publishCleanup(ctx, ref);
      if (!waitingForExposure || !result.exposed) return;
      if (resource.spec?.cancel === true || resource.metadata?.deletionTimestamp) {
        await finish(ctx, ref, {
          phase: 'Canceled',
          message: 'canceled before the data path started',
          event: { type: 'Normal', reason: ControllerEventReason.Canceled, message: 'canceled once prepared' },
        });
        return;
      }
      const { node, podUid, pvName } = result.exposed;
      return prepareAndStartMove(ctx, ref, { node, podUid, volumeDir: pvName });
    }
    case 'failed':
    case 'timed-out': {
      if (!waitingForExposure) return;
      const cause = result.cause ?? 'no cause reported';
      const timedOut = result.outcome === 'timed-out';
      const what = ref.kind === 'DataUpload' ? 'upload' : 'download';
      const message = timedOut ? `timeout on preparing data ${what}: ${cause}` : `exposing the data ${what} failed: ${cause}`;
      const reason = timedOut ? ControllerEventReason.PrepareTimeout : ControllerEventReason.ExposeFailed;
      await finish(ctx, ref, { phase: 'Failed', message, event: { type: 'Warning', reason, message } });
      return;
    }
    case 'completed': {
      // DataDownload: the restored PV is now bound to the target PVC.
      if ((phase !== 'InProgress' && phase !== 'Canceling') || !resource.metadata?.annotations?.[FerryAnnotation.DataWritten]) return;
      await finish(ctx, ref, { phase: 'Completed', message: '' });
      return;
    }
    default:
      return;
  }
}

function completedStatus(result: MoveResultEvent, direction: 'backup' | 'restore'): DataPathStatus {
  const summary = result.summary;
  if (!summary) return {};
  const progress = { totalBytes: summary.totalBytes, bytesDone: summary.totalBytes };
  if (direction === 'restore') return { progress };
  return {
    progress,
    snapshotID: summary.snapshotId,
    path: summary.path,
    ...(summary.incrementalBytes === undefined ? {} : { incrementalBytes: summary.incrementalBytes }),
    ...(summary.emptyVolume ? { message: emptyVolumeMessage } : {}),
  };
}

/** Handles a mover result. Throws (→ redelivery) only when a write or publish fails. */
export async function handleMoveResult(ctx: DataPathContext, result: MoveResultEvent): Promise<void> {
  const ref: ResourceRef = { ...result.operation };
  const store = ctx.stores[ref.kind];
  const resource = await store.find(ref.namespace, ref.name);
  if (!resource || !isServed(ctx, ref.kind, resource)) return;
  const attempt = moveJobAttempt(ref.kind, resource.metadata?.uid ?? '', result.jobId);
  const phase = phaseOf(resource);
  // An older attempt's result is stale. A newer one than recorded means the controller stopped
  // between sending that attempt and recording it: the result is still the current one.
  if (attempt === undefined || attempt < moveAttemptOf(resource) || (phase !== 'InProgress' && phase !== 'Canceling')) return;
  const direction = store.profile.direction;
  switch (result.outcome) {
    case 'completed': {
      const status = completedStatus(result, direction);
      if (ref.kind !== 'DataDownload') {
        await finish(ctx, ref, { phase: 'Completed', message: status.message ?? '', status });
        return;
      }
      await store.mutate(ref.namespace, ref.name, (current) => {
        if (current.metadata?.annotations?.[FerryAnnotation.DataWritten]) return undefined;
        setAnnotation(current, FerryAnnotation.DataWritten, 'true');
        current.status = { ...current.status, ...status };
        return current;
      });
      return sendCompleteRestore(ctx, ref);
    }
    case 'canceled':
      await finish(ctx, ref, {
        phase: 'Canceled',
        message: 'data path canceled',
        event: { type: 'Normal', reason: ControllerEventReason.Canceled, message: 'the mover stopped the transfer' },
      });
      return;
    default: {
      const error = result.error ?? { code: 'MOVER_UNKNOWN', retryable: false, message: 'the mover reported a failure without details' };
      if (phase === 'Canceling') {
        await finish(ctx, ref, { phase: 'Canceled', message: `data path canceled (the mover ended with ${error.code})` });
        return;
      }
      const decision = decideMoveRetry(error, attempt, ctx.settings.maxMoveAttempts);
      if (decision.retry) {
        await ctx.events.record(
          resource,
          'Normal',
          ControllerEventReason.MoveRetried,
          `attempt ${attempt} failed (${error.code}): ${error.message}; sending attempt ${decision.nextAttempt}`,
        );
        return sendMove(ctx, ref, resource, decision.nextAttempt);
      }
      const message = `data path ${direction} failed: ${error.code}: ${error.message}`;
      await finish(ctx, ref, { phase: 'Failed', message, event: { type: 'Warning', reason: ControllerEventReason.MoveFailed, message } });
      return;
    }
  }
}
