// Harness of the exposure job tests and the exposer benchmark: an isolated contract namespace on the
// environment's NATS, a reader of `expose.result` events, job publishing and `expose.diagnose` requests.
import type { FerryContracts, MessageOf, ReplyOf } from '@ferry/contracts';
import { connectTestContracts, type TestNatsEnvironment } from '@ferry/devenv/testing';
import type { Logger } from '@ferry/logger';
import {
  consume,
  ensureConsumer,
  publishToStream,
  readStoredMessages,
  request,
  streamRoute,
  type ConsumerHandle,
  type NatsClient,
} from '@ferry/nats';
import type { OperationRef } from '../src/index';

/** An `expose.result` event as read back. */
export type ExposeResultEvent = MessageOf<FerryContracts['messages']['exposeResult']>;
/** A reply of `expose.diagnose`. */
export type ExposeDiagnoseReply = ReplyOf<FerryContracts['messages']['exposeDiagnose']>;
/** An expose job's `report`: the run and volume the exposer records under. */
export type ExposeReport = NonNullable<MessageOf<FerryContracts['messages']['exposeJob']>['report']>;
/** A `volumeinfo.record` as stored, with its subject. */
export interface StoredRecord {
  readonly subject: string;
  readonly data: MessageOf<FerryContracts['messages']['volumeInfoRecord']>;
}

/** NATS with a private copy of Ferry's topology, and every result event seen so far. */
export interface JobHarness {
  readonly contracts: FerryContracts;
  readonly nats: NatsClient;
  readonly logger: Logger;
  readonly results: ExposeResultEvent[];
  /** Publishes an expose job accepted at `acceptedAt` (default now). */
  expose(operation: OperationRef, options?: { prepareTimeoutMs?: number; acceptedAt?: Date; report?: ExposeReport }): Promise<void>;
  /** The volume-info records the stream holds for the run `target`. */
  records(target: ExposeReport['target']): Promise<StoredRecord[]>;
  cleanUp(operation: OperationRef): Promise<void>;
  /** Publishes a complete-restore job (hand the restored PV over to the target PVC). */
  completeRestore(operation: OperationRef): Promise<void>;
  /** Asks `expose.diagnose` (request/reply, 10 s) about `operation`; rejects as `request` does. */
  diagnose(operation: OperationRef): Promise<ExposeDiagnoseReply>;
  /** Resolves with the first result of `operation` (after `skip` earlier ones) within `timeoutMs`. */
  nextResult(operation: OperationRef, skip?: number, timeoutMs?: number): Promise<ExposeResultEvent>;
  close(): Promise<void>;
}

const sameOperation = (a: OperationRef, b: OperationRef) => a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;

/** Connects to the environment's NATS with contracts in a namespace of the test pool and starts reading results. */
export async function startJobHarness(environment: TestNatsEnvironment): Promise<JobHarness> {
  const topology = await connectTestContracts('exposure-jobs-test', environment);
  const { contracts, nats, logger } = topology;
  const results: ExposeResultEvent[] = [];
  const reader = contracts.consumers.controllerEvents();
  await ensureConsumer(nats, reader);
  const handle: ConsumerHandle = await consume(nats, {
    consumer: reader,
    routes: [streamRoute(contracts.messages.exposeResult, async ({ data }) => void results.push(data))],
  });
  return {
    contracts,
    nats,
    logger,
    results,
    async expose(operation, options = {}) {
      await publishToStream(
        nats,
        contracts.messages.exposeJob,
        {},
        {
          v: 1,
          operation,
          direction: operation.kind === 'DataUpload' ? 'backup' : 'restore',
          acceptedAt: (options.acceptedAt ?? new Date()).toISOString(),
          ...(options.prepareTimeoutMs ? { prepareTimeoutMs: options.prepareTimeoutMs } : {}),
          ...(options.report ? { report: options.report } : {}),
        },
      );
    },
    async records(target) {
      const contract = contracts.messages.volumeInfoRecord;
      const stored: StoredRecord[] = [];
      await readStoredMessages(nats, contract, ({ subject, data }) => void stored.push({ subject, data }), {
        subjectFilter: contract.subject.filter({ kind: target.kind, uid: target.uid }),
      });
      return stored;
    },
    async cleanUp(operation) {
      await publishToStream(nats, contracts.messages.exposeCleanupJob, {}, { v: 1, operation });
    },
    async completeRestore(operation) {
      await publishToStream(nats, contracts.messages.exposeCompleteRestoreJob, {}, { v: 1, operation });
    },
    diagnose(operation) {
      return request(nats, contracts.messages.exposeDiagnose, {}, { v: 1, operation }, { timeoutMs: 10_000 });
    },
    async nextResult(operation, skip = 0, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = results.filter((r) => sameOperation(r.operation, operation))[skip];
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no expose result #${skip + 1} for ${operation.name} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close() {
      await handle.stop();
      await topology.dispose();
    },
  };
}
