// Reconciles one data-path resource from its own state (informer events, the resync, start-up):
// accept New ones Ferry serves, apply cancel (spec.cancel or deletion) with Velero's timing rules,
// send the expose job of Accepted DU/DD, locate the pod volume of Accepted PVB/PVR, and re-send what
// a restarted controller may have lost (idempotent on the receivers' side). Velero's phases and
// cancel timing: docs/velero-compatibility.md#data-path-phases and #cancel-timing.
import {
  acceptedCancelTimeoutMs,
  cancelingForceTimeoutMs,
  decideCancel,
  formatSpecProblems,
  isKnownPhase,
  isTerminalPhase,
  moveJobId,
  prepareTimeoutMessage,
  volumeRecordRefOf,
} from '@ferry/data-movement';
import type { ReconcileOutcome } from '@ferry/kube';
import { kubeTimestamp } from '@ferry/kube-values';
import { DataPathActions, type DataPathCollaborators } from './data-path-actions';
import { dataMoverDecisionOf, dataPathProfiles, specProblemsOf, volumeNamespaceOf, type DataPathResource } from './data-path-resources';
import { describeRef, refOf, type ResourceRef } from './data-path-store';
import { ControllerServiceError, ControllerServiceErrorCode } from './errors';
import { ControllerEventReason } from './event-reasons';
import { exposeOperationOf } from './job-publisher';
import type { PodVolumeLocator } from './pod-volume-locator';
import type { RepositoryProvisioner } from './repository-provisioner';
import { annotationOf, epochOf, FerryAnnotation, hasFinalizer, moveAttemptOf, moveTargetOf, phaseOf } from './resource-marks';

/** What the reconciler needs beyond the shared collaborators. */
export interface DataPathReconcilerCollaborators extends DataPathCollaborators {
  readonly repositories: RepositoryProvisioner;
  readonly locator: PodVolumeLocator;
  /** Names this controller run in expose job message ids, so a restarted controller's re-send is not deduplicated away. */
  readonly runId: string;
  /** Told when a resource is final or gone, so per-resource memory (progress, throttle) is dropped. */
  readonly onForget?: (ref: ResourceRef) => void;
}

/** What the cancel rules leave to the rest of the pass: nothing (handled) or the phase's own step, maybe with a due time. */
type CancelStep =
  { readonly handled: true; readonly outcome: ReconcileOutcome | void } | { readonly handled: false; readonly dueInMs?: number };

const invalid = (message: string) => ({ type: 'Warning' as const, reason: ControllerEventReason.InvalidSpec, message });

/** The reconciler of the four data-path kinds (one instance serves every kind's controller). */
export class DataPathReconciler {
  private readonly actions: DataPathActions;
  /** When this process first saw each live resource's cancel request (epoch ms), by {@link describeRef} key. */
  private readonly cancelSeen = new Map<string, number>();

  constructor(private readonly c: DataPathReconcilerCollaborators) {
    this.actions = new DataPathActions(c);
  }

  /**
   * One pass over one resource, read from the cache. Idempotent: it writes only when the resource
   * must change and sends only what this process has not sent. Resources Ferry does not serve are
   * never touched, nor are resources in a phase outside Velero's vocabulary (as Velero leaves them).
   * Asks to be called again when a timed rule (cancel timeouts, pod wait) is due.
   */
  async reconcile(ref: ResourceRef): Promise<ReconcileOutcome | void> {
    const resource = this.c.store.cached(ref);
    if (!resource || isTerminalPhase(phaseOf(resource))) this.forget(ref);
    if (!resource || !isKnownPhase(resource.status?.phase) || !this.actions.isServed(resource)) return;
    const phase = phaseOf(resource);
    if (isTerminalPhase(phase)) {
      if (hasFinalizer(resource)) await this.c.store.update(ref, () => ({ finalizer: false }), resource);
      return;
    }
    const cancel = await this.applyCancel(resource);
    if (cancel.handled) return cancel.outcome;
    const outcome = await this.advance(resource);
    return cancel.dueInMs === undefined ? outcome : { requeueAfterMs: Math.min(cancel.dueInMs, outcome?.requeueAfterMs ?? Infinity) };
  }

  /** The step of the resource's phase. */
  private async advance(resource: DataPathResource): Promise<ReconcileOutcome | void> {
    const ref = refOf(resource);
    switch (phaseOf(resource)) {
      case 'New':
        return this.accept(resource);
      case 'Accepted':
        return dataPathProfiles[ref.kind].exposes ? this.requestExposure(resource) : this.preparePodVolume(resource);
      case 'Prepared':
        if (moveTargetOf(resource)) return this.actions.sendMove(resource, moveAttemptOf(resource));
        return dataPathProfiles[ref.kind].exposes ? this.requestExposure(resource) : undefined;
      case 'InProgress':
        if (annotationOf(resource, FerryAnnotation.DataWritten) && !this.actions.sentCompleteRestore(ref)) {
          await this.actions.sendCompleteRestore(ref);
        }
        return;
      default:
        return;
    }
  }

  private forget(ref: ResourceRef): void {
    this.c.sent.forget(describeRef(ref));
    this.cancelSeen.delete(describeRef(ref));
    this.c.onForget?.(ref);
  }

  /** Checks a New resource and accepts it (finalizer, label, Accepted, repository objects), or fails it naming the field. */
  private async accept(resource: DataPathResource): Promise<void> {
    const ref = refOf(resource);
    const problems = specProblemsOf(resource);
    const decision = dataMoverDecisionOf(resource, this.c.settings.role, this.c.classes());
    const problem = problems.length > 0 ? formatSpecProblems(problems) : decision.serve === 'invalid' ? decision.message : undefined;
    if (problem !== undefined) {
      await this.actions.finish(ref, { phase: 'Failed', message: problem, event: invalid(problem) });
      return;
    }
    const bsl = resource.spec?.backupStorageLocation ?? '';
    if (!(await this.c.repositories.findStorageLocation(ref.namespace, bsl))) {
      const message = `spec.backupStorageLocation: BackupStorageLocation "${bsl}" not found in namespace ${ref.namespace}`;
      await this.actions.finish(ref, { phase: 'Failed', message, event: invalid(message) });
      return;
    }
    await this.c.repositories.ensureRepository(ref.namespace, bsl, volumeNamespaceOf(resource), this.actions.uploaderOf(resource));
    const acceptedTimestamp = kubeTimestamp(this.actions.now());
    await this.c.store.update(
      ref,
      (current) => {
        if (phaseOf(current) !== 'New' || current.metadata?.deletionTimestamp) return undefined;
        return {
          finalizer: true,
          exposeOnGoing: true,
          status: { phase: 'Accepted', acceptedByNode: this.c.settings.identity, acceptedTimestamp },
        };
      },
      resource,
    );
  }

  /** Applies the cancel rules. */
  private async applyCancel(resource: DataPathResource): Promise<CancelStep> {
    const phase = phaseOf(resource);
    const now = this.c.clock.now();
    const cancelingSince = epochOf(annotationOf(resource, FerryAnnotation.CancelingSince)) ?? epochOf(resource.status?.startTimestamp);
    const cancelRequested = resource.spec?.cancel === true || Boolean(resource.metadata?.deletionTimestamp);
    const cancelSeenAt = cancelRequested ? this.cancelSeenAt(refOf(resource), now) : undefined;
    const action = decideCancel({
      phase,
      cancelRequested,
      now,
      ...(cancelSeenAt === undefined ? {} : { cancelSeenAt }),
      ...(cancelingSince ? { cancelingSince } : {}),
    });
    switch (action) {
      case 'cancel-now':
        return { handled: true, outcome: await this.cancelNow(resource) };
      case 'stop-transfer':
        return { handled: true, outcome: await this.stopTransfer(resource) };
      case 'wait':
        // Canceling waits for the mover, Accepted for its exposure (which the phase's step still
        // requests); each until its forced cancel is due.
        if (phase === 'Canceling')
          return { handled: true, outcome: { requeueAfterMs: Math.max(1, (cancelingSince ?? now) + cancelingForceTimeoutMs - now) } };
        return { handled: false, dueInMs: Math.max(1, (cancelSeenAt ?? now) + acceptedCancelTimeoutMs - now) };
      default:
        return { handled: false };
    }
  }

  /** When this process first saw the cancel of `ref`, recording `now` the first time (as Velero's in-memory record). */
  private cancelSeenAt(ref: ResourceRef, now: number): number {
    const key = describeRef(ref);
    const seen = this.cancelSeen.get(key) ?? now;
    this.cancelSeen.set(key, seen);
    return seen;
  }

  private async cancelNow(resource: DataPathResource): Promise<void> {
    const ref = refOf(resource);
    const phase = phaseOf(resource);
    if (phase === 'New' && !hasFinalizer(resource)) {
      // Never accepted: nothing to clean up; a deleted one just goes.
      if (!resource.metadata?.deletionTimestamp)
        await this.actions.finish(ref, { phase: 'Canceled', message: 'canceled before it was accepted' });
      return;
    }
    const message = `canceled in phase ${phase}`;
    await this.actions.finish(ref, {
      phase: 'Canceled',
      message,
      event: { type: 'Normal', reason: ControllerEventReason.Canceled, message },
    });
  }

  private async stopTransfer(resource: DataPathResource): Promise<ReconcileOutcome> {
    const ref = refOf(resource);
    await this.actions.cancelMove(resource, moveJobId(ref.kind, resource.metadata?.uid ?? '', moveAttemptOf(resource)));
    const since = kubeTimestamp(this.actions.now());
    await this.c.store.update(
      ref,
      (current) =>
        phaseOf(current) === 'InProgress'
          ? { annotations: { [FerryAnnotation.CancelingSince]: since }, status: { phase: 'Canceling' } }
          : undefined,
      resource,
    );
    return { requeueAfterMs: cancelingForceTimeoutMs };
  }

  /** PVB/PVR in Accepted: find the pod volume; start the move, fail a missing one, or fail after the prepare timeout. */
  private async preparePodVolume(resource: DataPathResource): Promise<ReconcileOutcome | void> {
    if (resource.kind !== 'PodVolumeBackup' && resource.kind !== 'PodVolumeRestore') return;
    const ref = refOf(resource);
    const { pod, volume } = resource.spec ?? { pod: {}, volume: '' };
    try {
      const target = await this.c.locator.locate(pod.namespace ?? '', pod.name ?? '', volume);
      await this.actions.prepareAndStartMove(ref, target, resource);
      return;
    } catch (error) {
      if (!(error instanceof ControllerServiceError)) throw error;
      const acceptedAt = epochOf(resource.status?.acceptedTimestamp) ?? this.c.clock.now();
      const remainingMs = acceptedAt + this.c.settings.prepareTimeoutMs - this.c.clock.now();
      const notReady = error.code === ControllerServiceErrorCode.PodNotReady;
      if (notReady && remainingMs > 0) return { requeueAfterMs: Math.min(this.c.settings.resyncIntervalMs, remainingMs) };
      const message = notReady ? `${prepareTimeoutMessage(ref.kind)}: ${error.message}` : error.message;
      const reason = notReady ? ControllerEventReason.PrepareTimeout : ControllerEventReason.InvalidSpec;
      await this.actions.finish(ref, { phase: 'Failed', message, prepareTimedOut: notReady, event: { type: 'Warning', reason, message } });
    }
  }

  /** Sends the expose job of an Accepted (or location-less Prepared) DU/DD once per process. */
  private async requestExposure(resource: DataPathResource): Promise<void> {
    const ref = refOf(resource);
    const operation = exposeOperationOf(ref);
    const uid = resource.metadata?.uid ?? ref.name;
    const key = describeRef(ref);
    if (!operation || this.c.sent.has(key, 'expose')) return;
    const report = volumeRecordRefOf(resource);
    await this.c.jobs.expose(
      {
        v: 1,
        operation,
        direction: ref.kind === 'DataUpload' ? 'backup' : 'restore',
        acceptedAt: resource.status?.acceptedTimestamp ?? this.actions.now().toISOString(),
        prepareTimeoutMs: this.c.settings.prepareTimeoutMs,
        ...(report ? { report } : {}),
      },
      `expose-${uid}-${this.c.runId}`,
    );
    this.c.sent.record(key, 'expose');
  }
}
