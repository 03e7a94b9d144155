// What the workers report: the exposer's results move a DU/DD to Prepared and on to the mover, or
// fail it with the diagnosis's cause; the mover's results complete, retry, fail or cancel it. The
// controller applies a result inside the reconcile of its resource (one at a time per resource).
// Every handler is idempotent: a result delivered twice, late (the resource already final) or for
// an older attempt changes nothing.
import type { FerryContracts, MessageOf } from '@ferry/contracts';
import {
  decideMoveRetry,
  emptyPodVolumeMessage,
  emptyVolumeMessage,
  isTerminalPhase,
  moveJobAttempt,
  prepareTimeoutMessage,
  type DataPathKind,
} from '@ferry/data-movement';
import { DataPathActions, type DataPathCollaborators } from './data-path-actions';
import { dataPathProfiles, type DataPathResource, type DataPathStatus } from './data-path-resources';
import { refOf, type ResourceRef } from './data-path-store';
import { ControllerEventReason } from './event-reasons';
import { exposeOperationOf } from './job-publisher';
import { annotationOf, FerryAnnotation, moveAttemptOf, moveTargetOf, phaseOf } from './resource-marks';

/** An `expose.result` event. */
export type ExposeResultEvent = MessageOf<FerryContracts['messages']['exposeResult']>;
/** A `move.result` event. */
export type MoveResultEvent = MessageOf<FerryContracts['messages']['moveResult']>;

function completedStatus(result: MoveResultEvent, kind: DataPathKind): DataPathStatus {
  const summary = result.summary;
  if (!summary) return {};
  const progress = { totalBytes: summary.totalBytes, bytesDone: summary.totalBytes };
  if (dataPathProfiles[kind].direction === 'restore') return { progress };
  // Velero words the empty-volume message differently for DataUploads and PodVolumeBackups.
  const empty = kind === 'PodVolumeBackup' ? emptyPodVolumeMessage : emptyVolumeMessage;
  return {
    progress,
    snapshotID: summary.snapshotId,
    path: summary.path,
    ...(summary.incrementalBytes === undefined ? {} : { incrementalBytes: summary.incrementalBytes }),
    ...(summary.emptyVolume ? { message: empty } : {}),
  };
}

/** Applies the workers' results to the resources, over explicit collaborators. */
export class DataPathResultHandler {
  private readonly actions: DataPathActions;

  constructor(private readonly c: DataPathCollaborators) {
    this.actions = new DataPathActions(c);
  }

  /** Applies an exposer result. Throws (→ redelivery) only when a write or publish fails. */
  async applyExposeResult(result: ExposeResultEvent): Promise<void> {
    const ref: ResourceRef = { ...result.operation };
    const resource = await this.c.store.read(ref);
    if (!resource || !this.actions.isServed(resource)) return;
    const phase = phaseOf(resource);
    const waitingForExposure = phase === 'Accepted' || (phase === 'Prepared' && !moveTargetOf(resource));
    switch (result.outcome) {
      case 'exposed': {
        const operation = exposeOperationOf(ref);
        // A late exposure of a finished operation: make sure nothing stays behind.
        if (isTerminalPhase(phase)) return operation && this.c.jobs.cleanUp(operation);
        if (!waitingForExposure || !result.exposed) return;
        if (resource.spec?.cancel === true || resource.metadata?.deletionTimestamp) {
          await this.actions.finish(ref, {
            phase: 'Canceled',
            message: 'canceled before the data path started',
            event: { type: 'Normal', reason: ControllerEventReason.Canceled, message: 'canceled once prepared' },
          });
          return;
        }
        const { node, podUid, pvName } = result.exposed;
        return this.actions.prepareAndStartMove(ref, { node, podUid, volumeDir: pvName }, resource);
      }
      case 'failed':
      case 'timed-out': {
        if (!waitingForExposure) return;
        const cause = result.cause ?? 'no cause reported';
        const timedOut = result.outcome === 'timed-out';
        const what = ref.kind === 'DataUpload' ? 'upload' : 'download';
        const message = timedOut ? `${prepareTimeoutMessage(ref.kind)}: ${cause}` : `exposing the data ${what} failed: ${cause}`;
        const reason = timedOut ? ControllerEventReason.PrepareTimeout : ControllerEventReason.ExposeFailed;
        await this.actions.finish(ref, {
          phase: 'Failed',
          message,
          prepareTimedOut: timedOut,
          event: { type: 'Warning', reason, message },
        });
        return;
      }
      case 'completed': {
        // DataDownload: the restored PV is now bound to the target PVC.
        if ((phase !== 'InProgress' && phase !== 'Canceling') || !annotationOf(resource, FerryAnnotation.DataWritten)) return;
        await this.actions.finish(ref, { phase: 'Completed', message: '' });
        return;
      }
      default:
        return;
    }
  }

  /** Applies a mover result. Throws (→ redelivery) only when a write or publish fails. */
  async applyMoveResult(result: MoveResultEvent): Promise<void> {
    const ref: ResourceRef = { ...result.operation };
    const resource = await this.c.store.read(ref);
    if (!resource || !this.actions.isServed(resource)) return;
    const attempt = moveJobAttempt(ref.kind, resource.metadata?.uid ?? '', result.jobId);
    const phase = phaseOf(resource);
    // An older attempt's result is stale. A newer one than recorded means the controller stopped
    // between sending that attempt and recording it: the result is still the current one.
    if (attempt === undefined || attempt < moveAttemptOf(resource) || (phase !== 'InProgress' && phase !== 'Canceling')) return;
    switch (result.outcome) {
      case 'completed':
        return this.completed(resource, result);
      case 'canceled':
        await this.actions.finish(ref, {
          phase: 'Canceled',
          message: 'data path canceled',
          event: { type: 'Normal', reason: ControllerEventReason.Canceled, message: 'the mover stopped the transfer' },
        });
        return;
      default:
        return this.failed(resource, result, attempt);
    }
  }

  private async completed(resource: DataPathResource, result: MoveResultEvent): Promise<void> {
    const ref = refOf(resource);
    const status = completedStatus(result, ref.kind);
    if (ref.kind !== 'DataDownload') {
      await this.actions.finish(ref, { phase: 'Completed', message: status.message ?? '', status });
      return;
    }
    await this.c.store.update(
      ref,
      (current) =>
        annotationOf(current, FerryAnnotation.DataWritten) ? undefined : { annotations: { [FerryAnnotation.DataWritten]: 'true' }, status },
      resource,
    );
    return this.actions.sendCompleteRestore(ref);
  }

  private async failed(resource: DataPathResource, result: MoveResultEvent, attempt: number): Promise<void> {
    const ref = refOf(resource);
    const error = result.error ?? { code: 'MOVER_UNKNOWN', retryable: false, message: 'the mover reported a failure without details' };
    if (phaseOf(resource) === 'Canceling') {
      await this.actions.finish(ref, { phase: 'Canceled', message: `data path canceled (the mover ended with ${error.code})` });
      return;
    }
    const decision = decideMoveRetry(error, attempt, this.c.settings.maxMoveAttempts);
    if (decision.retry) {
      await this.c.events.record(
        resource,
        'Normal',
        ControllerEventReason.MoveRetried,
        `attempt ${attempt} failed (${error.code}): ${error.message}; sending attempt ${decision.nextAttempt}`,
      );
      return this.actions.sendMove(resource, decision.nextAttempt);
    }
    const message = `data path ${dataPathProfiles[ref.kind].direction} failed: ${error.code}: ${error.message}`;
    await this.actions.finish(ref, {
      phase: 'Failed',
      message,
      event: { type: 'Warning', reason: ControllerEventReason.MoveFailed, message },
    });
  }
}
