import { checkContractRegistry } from './contract-registry-check';
import { consumerName, defineConsumer, type ConsumerDefinition } from './consumer-definition';
import { InvalidNameError } from './errors';
import {
  exposeCleanupJobSchema,
  exposeCompleteRestoreJobSchema,
  exposeDiagnoseReplySchema,
  exposeDiagnoseRequestSchema,
  exposeJobSchema,
  exposeResultSchema,
} from './expose-messages';
import { defineCoreContract, defineJetStreamContract, defineRequestContract } from './message-contract';
import { moveCancelSchema, moveJobSchema, moveProgressSchema, moveResultSchema } from './move-messages';
import { backupVolumePlanSchema, policyPlanRequestSchema } from './policy-messages';
import { repositoryClaimSchema, repositorySnapshotDeletionReplySchema, repositorySnapshotDeletionSchema } from './repository-messages';
import { defineStream, StreamRetention } from './stream-definition';
import {
  volumeInfoQueryReplySchema,
  volumeInfoQuerySchema,
  volumeInfoRecordSchema,
  volumeInfoSealReplySchema,
  volumeInfoSealSchema,
} from './volume-info-messages';
import { param, subjectTemplate } from './subject-template';
import { nodeNameToken } from './subject-token';

const minute = 60_000;
const day = 24 * 60 * minute;

/** Options of {@link createFerryContracts}. */
export interface FerryContractsOptions {
  /**
   * First subject token and stream-name prefix; default `ferry` (streams `FERRY_WORK`, …). Tests
   * pass a unique one to get an isolated copy of the whole topology on a shared server.
   */
  readonly namespace?: string;
}

/** Settings a caller may tune on a consumer built by the registry (tests shorten ack waits). */
export type ConsumerTuning = Partial<Pick<ConsumerDefinition, 'ackWaitMs' | 'maxDeliver' | 'maxAckPending'>>;

/** One subject template per message kind, under `ns` (the scheme is on {@link createFerryContracts}). */
function ferrySubjects(ns: string) {
  return {
    exposeJob: subjectTemplate([ns, 'job.expose.v1.request']),
    exposeCleanupJob: subjectTemplate([ns, 'job.expose.v1.cleanup']),
    exposeCompleteRestoreJob: subjectTemplate([ns, 'job.expose.v1.complete-restore']),
    moveJob: subjectTemplate([ns, 'job.move.v1', param('node', nodeNameToken)]),
    exposeResult: subjectTemplate([ns, 'event.expose.v1.result']),
    moveResult: subjectTemplate([ns, 'event.move.v1.result', param('node', nodeNameToken), param('job')]),
    moveCancel: subjectTemplate([ns, 'event.move.v1.cancel', param('job')]),
    volumeInfoRecord: subjectTemplate([ns, 'event.volumeinfo.v1.record', param('kind'), param('uid'), param('source')]),
    repositoryClaim: subjectTemplate([ns, 'event.repository.v1.claim', param('key')]),
    moveProgress: subjectTemplate([ns, 'signal.move.v1.progress', param('node', nodeNameToken)]),
    policyEvaluate: subjectTemplate([ns, 'rpc.policy.v1.evaluate']),
    exposeDiagnose: subjectTemplate([ns, 'rpc.expose.v1.diagnose']),
    volumeInfoQuery: subjectTemplate([ns, 'rpc.volumeinfo.v1.query']),
    volumeInfoSeal: subjectTemplate([ns, 'rpc.volumeinfo.v1.seal']),
    repositoryDeleteSnapshots: subjectTemplate([ns, 'rpc.repository.v1.delete-snapshots']),
  };
}

/** The two streams, named `<NS>_WORK` and `<NS>_EVENTS`. */
function ferryStreams(ns: string) {
  const prefix = ns.toUpperCase().replaceAll('-', '_');
  return {
    /** Jobs that must not be lost (expose, move): removed once acked; one consumer per filter. */
    work: defineStream({
      name: `${prefix}_WORK`,
      description: 'Ferry jobs: expose requests and per-node move jobs (work queue)',
      subjects: [`${ns}.job.>`],
      retention: StreamRetention.WorkQueue,
      maxAgeMs: 7 * day,
      duplicateWindowMs: 2 * minute,
    }),
    /** Completion events and volume-info records: kept so every durable reader sees each one. */
    events: defineStream({
      name: `${prefix}_EVENTS`,
      description: 'Ferry events: expose/move results, volume-info records and repository claims',
      subjects: [`${ns}.event.>`],
      retention: StreamRetention.Limits,
      maxAgeMs: 14 * day,
      duplicateWindowMs: 2 * minute,
    }),
  };
}

type FerrySubjects = ReturnType<typeof ferrySubjects>;
type FerryStreams = ReturnType<typeof ferryStreams>;

/** Request/reply contracts: answered by a queue group. */
function requestContracts(subjects: FerrySubjects) {
  return {
    /** Plan every volume decision of one Backup (controller → policy); error replies carry `POLICY_*` codes. */
    policyEvaluate: defineRequestContract({
      name: 'policy.evaluate',
      version: 1,
      subject: subjects.policyEvaluate,
      schema: policyPlanRequestSchema,
      replySchema: backupVolumePlanSchema,
      queueGroup: consumerName('policy', 'evaluate'),
    }),
    /** Diagnose an exposure now (any caller → exposer); read-only. */
    exposeDiagnose: defineRequestContract({
      name: 'expose.diagnose',
      version: 1,
      subject: subjects.exposeDiagnose,
      schema: exposeDiagnoseRequestSchema,
      replySchema: exposeDiagnoseReplySchema,
      queueGroup: consumerName('exposer', 'diagnose'),
    }),
  };
}

/** The exposer's jobs and their result event. */
function exposeContracts(subjects: FerrySubjects, streams: FerryStreams) {
  return {
    /** Expose an operation's volume (controller → exposer); answered by an `exposeResult` event. */
    exposeJob: defineJetStreamContract({
      name: 'expose.request',
      version: 1,
      subject: subjects.exposeJob,
      stream: streams.work,
      schema: exposeJobSchema,
    }),
    /** Delete an operation's intermediate objects (controller → exposer); answered with outcome `cleaned`. */
    exposeCleanupJob: defineJetStreamContract({
      name: 'expose.cleanup',
      version: 1,
      subject: subjects.exposeCleanupJob,
      stream: streams.work,
      schema: exposeCleanupJobSchema,
    }),
    /** Hand a restored PV over to the target PVC (controller → exposer); answered with outcome `completed`. */
    exposeCompleteRestoreJob: defineJetStreamContract({
      name: 'expose.complete-restore',
      version: 1,
      subject: subjects.exposeCompleteRestoreJob,
      stream: streams.work,
      schema: exposeCompleteRestoreJobSchema,
    }),
    /** What an exposer job ended with (exposer → controller). */
    exposeResult: defineJetStreamContract({
      name: 'expose.result',
      version: 1,
      subject: subjects.exposeResult,
      stream: streams.events,
      schema: exposeResultSchema,
    }),
  };
}

/** The mover's jobs, results, cancels, repository claims and progress. */
function moveContracts(subjects: FerrySubjects, streams: FerryStreams) {
  return {
    /** Move one volume's data on the exposed node (controller → mover of `node`); answered by `moveResult`. */
    moveJob: defineJetStreamContract({
      name: 'move.job',
      version: 1,
      subject: subjects.moveJob,
      stream: streams.work,
      schema: moveJobSchema,
    }),
    /**
     * How a move job ended (mover → controller); subject per node and job, so the last one can be
     * looked up and only the job's node's mover may publish it.
     */
    moveResult: defineJetStreamContract({
      name: 'move.result',
      version: 1,
      subject: subjects.moveResult,
      stream: streams.events,
      schema: moveResultSchema,
    }),
    /** Cancel a move job (controller → movers); stored, so a job delivered later is canceled too. */
    moveCancel: defineJetStreamContract({
      name: 'move.cancel',
      version: 1,
      subject: subjects.moveCancel,
      stream: streams.events,
      schema: moveCancelSchema,
    }),
    /**
     * "I create this repository" (mover → movers): deduplicated by message id within the EVENTS
     * duplicate window, so exactly one mover per window creates a new repository; no consumer reads it.
     */
    repositoryClaim: defineJetStreamContract({
      name: 'repository.claim',
      version: 1,
      subject: subjects.repositoryClaim,
      stream: streams.events,
      schema: repositoryClaimSchema,
    }),
    /** Byte progress, rate and ETA of a running move, about once a second (mover → anyone). */
    moveProgress: defineCoreContract({ name: 'move.progress', version: 1, subject: subjects.moveProgress, schema: moveProgressSchema }),
    /**
     * Delete snapshots from a repository (controller → any mover, for a DeleteBackupRequest):
     * request/reply, as the deletion waits for it; idempotent, so a timed-out request is asked again.
     */
    repositoryDeleteSnapshots: defineRequestContract({
      name: 'repository.delete-snapshots',
      version: 1,
      subject: subjects.repositoryDeleteSnapshots,
      schema: repositorySnapshotDeletionSchema,
      replySchema: repositorySnapshotDeletionReplySchema,
      queueGroup: consumerName('mover', 'delete-snapshots'),
    }),
  };
}

/** The volume-info service's records, seal and queries. */
function volumeInfoContracts(subjects: FerrySubjects, streams: FerryStreams) {
  return {
    /**
     * Per-volume facts of a running Backup/Restore (controller, exposer, movers → volume-info); the
     * last token names the publisher, so each may publish only its own records (see `natsPermissions`).
     */
    volumeInfoRecord: defineJetStreamContract({
      name: 'volumeinfo.record',
      version: 1,
      subject: subjects.volumeInfoRecord,
      stream: streams.events,
      schema: volumeInfoRecordSchema,
    }),
    /** "This report is final" (controller → volume-info); answered once the document is in the bucket and indexed. */
    volumeInfoSeal: defineRequestContract({
      name: 'volumeinfo.seal',
      version: 1,
      subject: subjects.volumeInfoSeal,
      schema: volumeInfoSealSchema,
      replySchema: volumeInfoSealReplySchema,
      queueGroup: consumerName('volume-info', 'seal'),
    }),
    /** A backup's or restore's volumes, or a claim's history (anyone → volume-info); read-only. */
    volumeInfoQuery: defineRequestContract({
      name: 'volumeinfo.query',
      version: 1,
      subject: subjects.volumeInfoQuery,
      schema: volumeInfoQuerySchema,
      replySchema: volumeInfoQueryReplySchema,
      queueGroup: consumerName('volume-info', 'query'),
    }),
  };
}

function ferryMessages(subjects: FerrySubjects, streams: FerryStreams) {
  const requests = requestContracts(subjects);
  // Same key order as before the split (policy first, diagnose last): the registry check reports in it.
  return {
    policyEvaluate: requests.policyEvaluate,
    ...exposeContracts(subjects, streams),
    ...moveContracts(subjects, streams),
    exposeDiagnose: requests.exposeDiagnose,
    ...volumeInfoContracts(subjects, streams),
  };
}

/**
 * Every subject of a template's domain, whatever kind or version (`<ns>.<class>.<domain>.>`). A
 * reader filtered so gets a message of a kind or version it has no route for and terminates it
 * with a log line naming the subject, instead of the message lying unread in the stream.
 */
function domainFilter(template: { readonly wildcard: string }): string {
  return `${template.wildcard.split('.').slice(0, 3).join('.')}.>`;
}

/**
 * Every subject under a template's fixed tokens (`<ns>.event.move.v1.result.>`), whatever its
 * parameters: a message missing one, or carrying one too many, is delivered and terminated with a
 * log line instead of lying unread.
 */
function paramsFilter(template: { readonly wildcard: string }): string {
  return `${template.wildcard.replace(/(\.\*)+$/, '')}.>`;
}

/** `<ns>.job.expose.v1.*`: every expose job kind (they differ in the last token only). */
function exposeJobsFilter(subjects: FerrySubjects): string {
  return `${subjects.exposeJob.wildcard.split('.').slice(0, -1).join('.')}.*`;
}

/** Consumer builders: each takes the caller's tuning over the registry's defaults. */
function ferryConsumers(subjects: FerrySubjects, streams: FerryStreams) {
  return {
    /**
     * The exposer's shared durable: all expose jobs (`…job.expose.v1.*`: request, cleanup,
     * complete-restore), a handful at a time. One filter, so the server holds the durable to it
     * (see `natsPermissions`).
     */
    exposer: (tuning: ConsumerTuning = {}) =>
      defineConsumer({
        stream: streams.work,
        durableName: consumerName('exposer', 'jobs'),
        description: 'exposer: expose, cleanup and complete-restore jobs',
        filterSubjects: [exposeJobsFilter(subjects)],
        ackWaitMs: minute,
        maxDeliver: 10,
        maxAckPending: 16,
        ...tuning,
      }),
    /** The mover on `nodeName`: only that node's move jobs, at most `loadConcurrency` at once. */
    mover: (nodeName: string, loadConcurrency: number, tuning: ConsumerTuning = {}) =>
      defineConsumer({
        stream: streams.work,
        durableName: consumerName('mover', 'jobs', nodeNameToken.encode(nodeName, 'mover consumer node')),
        description: `mover on node ${nodeName}: move jobs`,
        filterSubjects: [subjects.moveJob.filter({ node: nodeName })],
        ackWaitMs: minute,
        maxDeliver: 20,
        maxAckPending: loadConcurrency,
        ...tuning,
      }),
    /** The controller's reader of every event (it alone writes resource status). */
    controllerEvents: (tuning: ConsumerTuning = {}) =>
      defineConsumer({
        stream: streams.events,
        durableName: consumerName('controller', 'events'),
        description: 'controller: expose/move results',
        // Every expose event (an unknown version is terminated and logged) and every move result
        // subject (one with a token missing too); not the movers' cancels and claims beside them.
        filterSubjects: [domainFilter(subjects.exposeResult), paramsFilter(subjects.moveResult)],
        ackWaitMs: 30_000,
        maxDeliver: -1,
        maxAckPending: 64,
        ...tuning,
      }),
  };
}

/**
 * The registry of every NATS name Ferry uses. Subjects follow
 * `<namespace>.<class>.<domain>.v<version>.<name>[.<param>…]`, where the class decides transport:
 * `job` (stream WORK, work-queue retention, deleted on ack), `event` (stream EVENTS, kept for
 * every durable reader), `signal` (core NATS) and `rpc` (request/reply). New message kinds add a
 * subject here and a contract with `define*Contract`; `checkContractRegistry` rejects collisions.
 * Test-only contracts are not here: see `createSmokeContracts` in `@ferry/contracts/testing`.
 * Pure: creates no connection and needs no cleanup. Throws {@link InvalidNameError} for a bad namespace.
 */
export function createFerryContracts(options: FerryContractsOptions = {}) {
  const ns = options.namespace ?? 'ferry';
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(ns)) {
    throw new InvalidNameError(`contract namespace ${JSON.stringify(ns)} must be 1-32 lower-case letters, digits or "-"`);
  }
  const subjects = ferrySubjects(ns);
  const streams = ferryStreams(ns);
  const messages = ferryMessages(subjects, streams);
  const consumers = ferryConsumers(subjects, streams);
  checkContractRegistry({ subjects, streams, messages });
  return { namespace: ns, subjects, streams, messages, consumers };
}

/** The shape of a contract registry (see {@link createFerryContracts}). */
export type FerryContracts = ReturnType<typeof createFerryContracts>;

/** Ferry's production registry (namespace `ferry`). Immutable; import it, never respell a subject. */
export const ferryContracts: FerryContracts = createFerryContracts();
