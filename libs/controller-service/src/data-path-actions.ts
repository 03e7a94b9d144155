// The steps every data-path transition is made of, shared by the reconciler and the result
// handler: whether Ferry serves a resource, ending it (cleanup, final phase, Event), recording where
// its volume is and sending a move attempt, and the DataDownload's PV hand-over.
import { NodeOS, type DataMoverClass } from '@ferry/api';
import { endingTimestamps, isTerminalPhase, type MoverUploader } from '@ferry/data-movement';
import type { Clock, EventRecorder } from '@ferry/kube';
import { kubeTimestamp } from '@ferry/kube-values';
import type { Logger } from '@ferry/logger';
import type { ControllerServiceSettings } from './controller-service-config';
import { ControllerServiceError, ControllerServiceErrorCode } from './errors';
import { dataMoverDecisionOf, moveJobOf, type DataPathResource, type DataPathStatus } from './data-path-resources';
import { describeRef, refOf, type DataPathStore, type ResourceRef } from './data-path-store';
import { exposeOperationOf, type DataPathJobPublisher } from './job-publisher';
import { FerryAnnotation, moveAttemptOf, moveTargetOf, phaseOf, type MoveTarget } from './resource-marks';
import type { SentJobLedger } from './sent-job-ledger';

/** The collaborators of the data-path reconciler and result handler. */
export interface DataPathCollaborators {
  readonly store: DataPathStore;
  readonly jobs: DataPathJobPublisher;
  readonly events: EventRecorder;
  readonly settings: ControllerServiceSettings;
  readonly clock: Clock;
  /** The DataMoverClasses known now (informer cache). */
  readonly classes: () => readonly DataMoverClass[];
  readonly logger: Logger;
  /** Jobs sent per live resource (see {@link SentJobLedger}). */
  readonly sent: SentJobLedger;
}

/** How a resource ends. */
export interface Ending {
  readonly phase: 'Completed' | 'Failed' | 'Canceled';
  readonly message?: string;
  /** Failed by the prepare timeout: Velero then writes no timestamps. */
  readonly prepareTimedOut?: boolean;
  /** More status fields (snapshotID, path, sizes, progress). */
  readonly status?: DataPathStatus;
  /** An Event to record on the resource. */
  readonly event?: { readonly type: 'Normal' | 'Warning'; readonly reason: string; readonly message: string };
}

/** The `ended` job name in the ledger: complete-restore of a DataDownload. */
export const completeRestoreJob = 'complete-restore';

/** The shared steps, over explicit collaborators. */
export class DataPathActions {
  constructor(private readonly c: DataPathCollaborators) {}

  /** The current time as a Date. */
  now(): Date {
    return new Date(this.c.clock.now());
  }

  /** Whether this controller serves `resource` at all (role, datamover, classes). */
  isServed(resource: DataPathResource): boolean {
    return dataMoverDecisionOf(resource, this.c.settings.role, this.c.classes()).serve !== false;
  }

  /** The uploader of a served resource (kopia when undecidable). */
  uploaderOf(resource: DataPathResource): MoverUploader {
    const decision = dataMoverDecisionOf(resource, this.c.settings.role, this.c.classes());
    return decision.serve === true ? decision.uploader : 'kopia';
  }

  /**
   * Ends a live resource: asks the exposer to clean up first (so a crash after it repeats an
   * idempotent cleanup rather than losing it), then writes the final phase, the timestamps Velero
   * writes for that ending ({@link endingTimestamps}) and the message, drops the finalizer and the
   * expose-on-going label in one write, and records the Event.
   * Nothing happens when the resource is gone or already final. Resolves with the written object.
   */
  async finish(ref: ResourceRef, ending: Ending): Promise<DataPathResource | undefined> {
    const current = await this.c.store.read(ref);
    if (!current || isTerminalPhase(phaseOf(current))) return undefined;
    const operation = exposeOperationOf(ref);
    if (operation) await this.c.jobs.cleanUp(operation);
    let wrote = false;
    const written = await this.c.store.update(
      ref,
      (resource) => {
        if (isTerminalPhase(phaseOf(resource))) return undefined;
        wrote = true;
        const message = ending.message === undefined ? {} : { message: ending.message };
        const stamps = endingTimestamps(ref.kind, ending.phase, ending.prepareTimedOut);
        const now = kubeTimestamp(this.now());
        return {
          status: {
            ...ending.status,
            phase: ending.phase,
            ...(stamps.start && !resource.status?.startTimestamp ? { startTimestamp: now } : {}),
            ...(stamps.completion ? { completionTimestamp: now } : {}),
            ...message,
          },
          finalizer: false,
          exposeOnGoing: false,
          annotations: { [FerryAnnotation.CancelingSince]: null },
        };
      },
      current,
    );
    if (!wrote || !written) return undefined;
    this.c.logger.info({ resource: describeRef(ref), phase: ending.phase, message: ending.message }, 'data path ended');
    if (ending.event) await this.c.events.record(written, ending.event.type, ending.event.reason, ending.event.message);
    return written;
  }

  /**
   * Records where the volume is (Prepared, `status.node`), then sends the move job of the current
   * attempt and writes InProgress. Called for Accepted (fresh exposure) and Prepared (a restart
   * between the two writes); the job id dedupes a second send. No-op in other phases.
   */
  async prepareAndStartMove(ref: ResourceRef, target: MoveTarget, from?: DataPathResource): Promise<void> {
    const prepared = await this.c.store.update(
      ref,
      (resource) => {
        const phase = phaseOf(resource);
        if (phase === 'Prepared' && moveTargetOf(resource)) return undefined;
        if (phase !== 'Accepted' && phase !== 'Prepared') return undefined;
        return { status: { phase: 'Prepared', node: target.node }, annotations: { [FerryAnnotation.MoveVolume]: JSON.stringify(target) } };
      },
      from,
    );
    if (!prepared || phaseOf(prepared) !== 'Prepared') return;
    await this.sendMove(prepared, moveAttemptOf(prepared));
  }

  /** Sends attempt `attempt` of the move to the recorded node and writes InProgress (or keeps it, with the new attempt). */
  async sendMove(resource: DataPathResource, attempt: number): Promise<void> {
    const ref = refOf(resource);
    const target = moveTargetOf(resource);
    if (!target) {
      throw new ControllerServiceError(
        ControllerServiceErrorCode.MoveTargetMissing,
        `${describeRef(ref)} has no recorded volume location: its expose result is lost; cancel it and create it again`,
      );
    }
    const job = moveJobOf(resource, {
      uploader: this.uploaderOf(resource),
      volume: { podUid: target.podUid, volumeDir: target.volumeDir },
      attempt,
      now: this.now(),
      ...(target.claimName ? { claimName: target.claimName } : {}),
    });
    const key = describeRef(ref);
    if (!this.c.sent.has(key, job.jobId)) {
      await this.c.jobs.move(target.node, job);
      this.c.sent.record(key, job.jobId);
      this.c.logger.info({ resource: key, jobId: job.jobId, node: target.node }, 'move job sent');
    }
    await this.c.store.update(
      ref,
      (current) => {
        const phase = phaseOf(current);
        if (phase !== 'Prepared' && phase !== 'InProgress') return undefined;
        if (phase === 'InProgress' && moveAttemptOf(current) === attempt) return undefined;
        return {
          annotations: { [FerryAnnotation.MoveAttempt]: attempt === 1 ? null : String(attempt) },
          exposeOnGoing: false,
          status: {
            phase: 'InProgress',
            startTimestamp: current.status?.startTimestamp ?? kubeTimestamp(this.now()),
            ...(current.kind === 'DataUpload' ? { nodeOS: NodeOS.Linux } : {}),
          },
        };
      },
      resource,
    );
  }

  /** DataDownload: asks the exposer to hand the restored PV over to the target PVC (idempotent), once per process. */
  async sendCompleteRestore(ref: ResourceRef): Promise<void> {
    const operation = exposeOperationOf(ref);
    if (!operation) return;
    await this.c.jobs.completeRestore(operation);
    this.c.sent.record(describeRef(ref), completeRestoreJob);
  }

  /** Whether the complete-restore job of `ref` was sent by this process. */
  sentCompleteRestore(ref: ResourceRef): boolean {
    return this.c.sent.has(describeRef(ref), completeRestoreJob);
  }

  /** Cancels the resource's current move attempt. */
  async cancelMove(resource: DataPathResource, jobId: string): Promise<void> {
    await this.c.jobs.cancelMove(jobId, refOf(resource), this.now().toISOString());
  }
}
