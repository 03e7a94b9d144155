// The jobs the controller sends to the workers: expose, clean up and complete-restore to the
// exposer, move and cancel to the movers. The reconcilers take the role interface; production
// publishes to JetStream (a stored message survives a worker restart), unit tests record them.
import type { FerryContracts, MessageInput } from '@ferry/contracts';
import type { MoveJobInput } from '@ferry/data-movement';
import { publishToStream, type NatsClient } from '@ferry/nats';
import type { ResourceRef } from './data-path-store';

/** The operation of an exposure: a DataUpload or DataDownload. */
export interface ExposeOperation {
  readonly kind: 'DataUpload' | 'DataDownload';
  readonly namespace: string;
  readonly name: string;
}

/** The exposure operation of `ref`, or undefined for the kinds without one (PVB/PVR). */
export function exposeOperationOf(ref: ResourceRef): ExposeOperation | undefined {
  const { kind, namespace, name } = ref;
  return kind === 'DataUpload' || kind === 'DataDownload' ? { kind, namespace, name } : undefined;
}

/** An expose job's payload. */
export type ExposeJob = MessageInput<FerryContracts['messages']['exposeJob']>;

/** Sends the controller's jobs. Every method resolves once the job is stored; rejects when it is not (retry). */
export interface DataPathJobPublisher {
  /** Asks the exposer to expose the volume; `messageId` dedupes a re-send within the stream's window. */
  expose(job: ExposeJob, messageId: string): Promise<void>;
  /** Asks the exposer to remove what it created for `operation` (idempotent on its side). */
  cleanUp(operation: ExposeOperation): Promise<void>;
  /** DataDownload: asks the exposer to hand the restored PV over to the target PVC (idempotent). */
  completeRestore(operation: ExposeOperation): Promise<void>;
  /** Sends a move job to the mover of `node`; the job id is the message id (a re-send is the same job). */
  move(node: string, job: MoveJobInput): Promise<void>;
  /** Cancels move job `jobId` (stored: a job delivered later ends canceled too). */
  cancelMove(jobId: string, operation: ResourceRef, at: string): Promise<void>;
}

/** The publisher over JetStream. */
export function createNatsJobPublisher(nats: NatsClient, contracts: FerryContracts): DataPathJobPublisher {
  const { messages } = contracts;
  return {
    async expose(job, messageId) {
      await publishToStream(nats, messages.exposeJob, {}, job, { messageId });
    },
    async cleanUp(operation) {
      await publishToStream(nats, messages.exposeCleanupJob, {}, { v: 1, operation });
    },
    async completeRestore(operation) {
      await publishToStream(nats, messages.exposeCompleteRestoreJob, {}, { v: 1, operation });
    },
    async move(node, job) {
      await publishToStream(nats, messages.moveJob, { node }, job, { messageId: job.jobId });
    },
    async cancelMove(jobId, operation, at) {
      const { kind, namespace, name } = operation;
      await publishToStream(
        nats,
        messages.moveCancel,
        { job: jobId },
        { v: 1, jobId, operation: { kind, namespace, name }, at },
        { messageId: `cancel-${jobId}` },
      );
    },
  };
}
