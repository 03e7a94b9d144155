// The exposer's job layer (docs/architecture.md#data-flow-of-one-moved-volume step 3): expose,
// cleanup and complete-restore jobs from the durable `exposer-jobs` consumer, acked only once the
// job's result event is stored; diagnose over request/reply. The exposers are idempotent and keyed
// by the operation, so a redelivered job (after a crash, an ack timeout or a nak) finishes what was
// started and creates nothing twice.
import { defaultPrepareTimeoutMs, prepareTimeoutMessage } from '@ferry/data-movement';
import type { ConsumerTuning, FerryContracts } from '@ferry/contracts';
import type { Logger } from '@ferry/logger';
import {
  consume,
  ensureConsumer,
  publishToStream,
  serveRequests,
  streamRoute,
  type NatsClient,
  type StreamDelivery,
  type StreamRoute,
} from '@ferry/nats';
import { createVolumeRecordPublisher, type VolumeRecordPublisher } from '@ferry/volume-record-publisher';
import type { ExposureChangeFeed } from './exposure-change-feed';
import { recordExposure, type ExposeReport } from './exposure-record';
import type { ExposureState, OperationRef, RestoreExposer, SnapshotExposer } from './exposer-roles';
import { buildExposeResult, directionOf, operationKey, prepareDeadline, remainingMs, type ExposeOutcome } from './exposure-timing';
import { meterExposureWaits, type ExposerMetrics, type ExposureWaits } from './exposure-wait-meter';

/** An exposure the handler is working on, as `GET /v1/exposures` shows it. */
export interface ExposureInFlight {
  readonly operation: OperationRef;
  readonly direction: 'backup' | 'restore';
  /** `exposing` (creating objects), `waiting: <what>` (polling the state), `diagnosing`, `cleaning up`. */
  readonly state: string;
  /** When this delivery started (RFC 3339). */
  readonly since: string;
  /** When the prepare timeout ends (RFC 3339). */
  readonly deadline: string;
}

/** Options of {@link startExposureJobHandler}. */
export interface ExposureJobHandlerOptions {
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly snapshotExposer: SnapshotExposer;
  readonly restoreExposer: RestoreExposer;
  readonly logger: Logger;
  /** Prepare timeout of jobs that name none; default 30 min (Velero's default). */
  readonly prepareTimeoutMs?: number;
  /**
   * Wakes a waiting exposure when its pod or PVC changes (event-driven); without it the state is
   * re-read every `pollIntervalMs`.
   */
  readonly changes?: ExposureChangeFeed;
  /**
   * Longest wait between two reads of a waiting exposure's state: the poll interval without
   * `changes`, the fallback re-read with it (objects outside the watched namespace, such as a
   * restore's target PVC, or a missed event). Default 250 ms without `changes`, 1 s with.
   */
  readonly pollIntervalMs?: number;
  /** Tunes the durable consumer (tests shorten the ack wait). */
  readonly consumerTuning?: ConsumerTuning;
  /** Clock (tests). */
  readonly now?: () => number;
  /** Exposure wait by cause; none when absent. */
  readonly metrics?: ExposerMetrics;
}

/** A running job handler. */
export interface ExposureJobHandler {
  /** The exposures being worked on right now. */
  inFlight(): ExposureInFlight[];
  /** Stops taking jobs; a running job is aborted and handed back (redelivered later). Idempotent. */
  stop(): Promise<void>;
}

type Contracts = FerryContracts['messages'];
type JobContract = Contracts['exposeJob'] | Contracts['exposeCleanupJob'] | Contracts['exposeCompleteRestoreJob'];

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// Errors that say a retry cannot help end the job with a `failed` result instead of a redelivery.
function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retryable' in error && error.retryable === false;
}

/** What every job of one handler shares: its collaborators, its clock and the in-flight list. */
interface JobContext {
  readonly options: ExposureJobHandlerOptions;
  readonly messages: Contracts;
  readonly logger: Logger;
  readonly now: () => number;
  /** Longest wait between two reads of a waiting exposure's state. */
  readonly pollMs: number;
  /** The exposures being worked on, by operation key. */
  readonly running: Map<string, ExposureInFlight>;
  /** Stores the volume-info records of what the exposer learnt (as `exposer`). */
  readonly records: VolumeRecordPublisher;
}

function createJobContext(options: ExposureJobHandlerOptions): JobContext {
  return {
    options,
    messages: options.contracts.messages,
    logger: options.logger,
    now: options.now ?? Date.now,
    pollMs: options.pollIntervalMs ?? (options.changes ? 1000 : 250),
    running: new Map(),
    records: createVolumeRecordPublisher({ nats: options.nats, contracts: options.contracts, source: 'exposer' }),
  };
}

/** The exposer of the operation's direction: snapshots for DataUploads, restores for DataDownloads. */
function exposerOf(ctx: JobContext, op: OperationRef): SnapshotExposer | RestoreExposer {
  return op.kind === 'DataUpload' ? ctx.options.snapshotExposer : ctx.options.restoreExposer;
}

/** Resolves when the operation's objects changed since `seen` (with a change feed) or after `ms`, or on abort. */
function waitForChange(ctx: JobContext, operation: OperationRef, seen: number, ms: number, signal: AbortSignal): Promise<void> {
  const changes = ctx.options.changes;
  return changes ? changes.changedSince(operation.name, seen, ms, signal) : sleep(ms, signal);
}

/** Stores the job's result event (the job is acked only after this resolves) and logs the outcome. */
async function publishResult(ctx: JobContext, operation: OperationRef, ended: ExposeOutcome): Promise<void> {
  await publishToStream(ctx.options.nats, ctx.messages.exposeResult, {}, buildExposeResult(operation, ended, new Date(ctx.now())));
  ctx.logger.info(
    { operation: operationKey(operation), outcome: ended.outcome, ...('cause' in ended ? { cause: ended.cause } : {}) },
    'exposer job done',
  );
}

/** Registers the operation as in flight; the returned function records each new state it reaches. */
function track(ctx: JobContext, operation: OperationRef, deadline: number): (state: string) => void {
  const key = operationKey(operation);
  const since = new Date(ctx.now()).toISOString();
  const at = new Date(deadline).toISOString();
  return (state) => ctx.running.set(key, { operation, direction: directionOf(operation), state, since, deadline: at });
}

/** Diagnoses, cleans up and reports a failed or timed-out exposure (a failed diagnosis is logged, not fatal). */
async function giveUp(
  ctx: JobContext,
  operation: OperationRef,
  ended: { readonly outcome: 'failed'; readonly cause: string | undefined } | { readonly outcome: 'timed-out'; readonly cause: string },
  mark: (s: string) => void,
): Promise<void> {
  const exposer = exposerOf(ctx, operation);
  mark('diagnosing');
  const diagnosis = await exposer.diagnose(operation).catch((error: unknown) => {
    ctx.logger.warn({ err: error, operation: operationKey(operation) }, 'diagnosis failed');
    return undefined;
  });
  mark('cleaning up');
  await exposer.cleanUp(operation);
  const diagnosed = diagnosis ? { diagnosis } : {};
  await publishResult(
    ctx,
    operation,
    ended.outcome === 'timed-out'
      ? { outcome: 'timed-out', cause: ended.cause, ...diagnosed }
      : { outcome: 'failed', ...(ended.cause === undefined ? {} : { cause: ended.cause }), ...diagnosed },
  );
}

/** One expose job being worked on: its operation, deadline, timeout and in-flight record. */
interface ExposeAttempt {
  readonly operation: OperationRef;
  /** The run and volume to record what was learnt under (absent: nothing is recorded). */
  readonly report: ExposeReport | undefined;
  readonly acceptedAt: string;
  readonly exposer: SnapshotExposer | RestoreExposer;
  readonly deadline: number;
  readonly mark: (state: string) => void;
  /** Aborts at the prepare deadline. */
  readonly timeout: AbortSignal;
  /** Aborts at the deadline or when the delivery is handed back. */
  readonly signal: AbortSignal;
  /** Time waited, by cause, recorded when the attempt ends. */
  readonly waits: ExposureWaits;
}

function startAttempt(ctx: JobContext, delivery: StreamDelivery<Contracts['exposeJob']>): ExposeAttempt {
  const { operation, acceptedAt } = delivery.data;
  const timeoutMs = delivery.data.prepareTimeoutMs ?? ctx.options.prepareTimeoutMs ?? defaultPrepareTimeoutMs;
  const deadline = prepareDeadline(acceptedAt, timeoutMs);
  const timeout = AbortSignal.timeout(Math.max(1, remainingMs(deadline, ctx.now())));
  return {
    operation,
    report: delivery.data.report,
    acceptedAt,
    exposer: exposerOf(ctx, operation),
    deadline,
    mark: track(ctx, operation, deadline),
    timeout,
    signal: AbortSignal.any([delivery.signal, timeout]),
    waits: meterExposureWaits(ctx.options.metrics),
  };
}

/**
 * Reports an exposure that reached an end state (`exposed`, recorded at volume-info too, or
 * `failed`); resolves with whether it did (false while it is still preparing).
 */
async function settled(ctx: JobContext, attempt: ExposeAttempt, state: ExposureState): Promise<boolean> {
  if (state.phase === 'exposed') {
    // Recorded before the result, so the run's records hold the exposure once the controller moves on.
    const times = { acceptedAt: attempt.acceptedAt, exposedAt: new Date(ctx.now()), waitsMs: attempt.waits.totals(ctx.now()) };
    await recordExposure(ctx.records, ctx.logger, attempt.report, state.volume, times);
    await publishResult(ctx, attempt.operation, { outcome: 'exposed', exposed: state.volume });
  } else if (state.phase === 'failed')
    await giveUp(ctx, attempt.operation, { outcome: 'failed', cause: state.diagnosis.cause }, attempt.mark);
  return state.phase !== 'preparing';
}

/**
 * Creates the exposure's objects, then re-reads its state on every change (or poll) until it
 * settles; resolves with whether it settled (false: the attempt's signal aborted first).
 */
async function exposeUntilSettled(
  ctx: JobContext,
  attempt: ExposeAttempt,
  delivery: StreamDelivery<Contracts['exposeJob']>,
): Promise<boolean> {
  const { operation, exposer, mark, signal, waits } = attempt;
  mark('exposing');
  await exposer.expose(operation, signal);
  for (;;) {
    // Taken before the read, so a change during it wakes the wait below at once.
    const seen = ctx.options.changes?.version(operation.name) ?? 0;
    const state = await exposer.state(operation);
    if (await settled(ctx, attempt, state)) return true;
    if (signal.aborted) return false;
    if (state.phase === 'preparing') waits.waiting(state.waitingFor, ctx.now());
    mark(`waiting: ${state.phase === 'preparing' ? state.waitingFor : state.phase}`);
    delivery.extendAck();
    await waitForChange(ctx, operation, seen, Math.min(ctx.pollMs, remainingMs(attempt.deadline, ctx.now())), signal);
  }
}

/**
 * An expose job: reports an exposure already done, or exposes and waits until it settles. A
 * permanent error or the prepare timeout ends it with a diagnosed `failed`/`timed-out` result; a
 * handed-back delivery or a transient error rejects (redelivery).
 */
async function exposeJob(ctx: JobContext, delivery: StreamDelivery<Contracts['exposeJob']>): Promise<void> {
  const attempt = startAttempt(ctx, delivery);
  const { operation, mark } = attempt;
  // A redelivered job of an exposure already done reports it again and creates nothing.
  if (await settled(ctx, attempt, await attempt.exposer.state(operation))) return;
  try {
    if (await exposeUntilSettled(ctx, attempt, delivery)) return;
  } catch (error) {
    if (delivery.signal.aborted) throw error;
    if (isPermanent(error)) return giveUp(ctx, operation, { outcome: 'failed', cause: errorText(error) }, mark);
    if (!attempt.timeout.aborted) throw error;
    ctx.logger.debug({ err: error, operation: operationKey(operation) }, 'expose interrupted by the prepare timeout');
  } finally {
    attempt.waits.finish(ctx.now());
  }
  if (delivery.signal.aborted) throw delivery.signal.reason;
  await giveUp(ctx, operation, { outcome: 'timed-out', cause: prepareTimeoutMessage(operation.kind) }, mark);
}

/** Every job: logged on failure, removed from the in-flight list when it ends either way. */
function jobRoute<C extends JobContract>(ctx: JobContext, contract: C, work: (delivery: StreamDelivery<C>) => Promise<void>): StreamRoute {
  return streamRoute(contract, async (delivery) => {
    const key = operationKey((delivery.data as { operation: OperationRef }).operation);
    try {
      await work(delivery);
    } catch (error) {
      ctx.logger.warn({ err: error, operation: key, delivery: delivery.deliveryCount }, `exposer job failed: ${errorText(error)}`);
      throw error;
    } finally {
      ctx.running.delete(key);
    }
  });
}

/** The routes of the three job kinds: expose, cleanup and complete-restore. */
function jobRoutes(ctx: JobContext): StreamRoute[] {
  const { messages } = ctx;
  return [
    jobRoute(ctx, messages.exposeJob, (delivery) => exposeJob(ctx, delivery)),
    jobRoute(ctx, messages.exposeCleanupJob, async ({ data }) => {
      track(ctx, data.operation, ctx.now())('cleaning up');
      await exposerOf(ctx, data.operation).cleanUp(data.operation);
      await publishResult(ctx, data.operation, { outcome: 'cleaned' });
    }),
    jobRoute(ctx, messages.exposeCompleteRestoreJob, async ({ data, signal }) => {
      track(ctx, data.operation, ctx.now())('completing restore');
      await ctx.options.restoreExposer.completeRestore(data.operation, signal);
      await publishResult(ctx, data.operation, { outcome: 'completed' });
    }),
  ];
}

/**
 * Ensures the exposer's durable consumer, starts consuming jobs (at most the consumer's
 * `maxAckPending` at once, ack extended every 15 s while a job waits) and answers `expose.diagnose`.
 * Resolves once bound. The caller stops the handle before closing `nats`.
 */
export async function startExposureJobHandler(options: ExposureJobHandlerOptions): Promise<ExposureJobHandler> {
  const { nats, contracts } = options;
  const ctx = createJobContext(options);
  const consumer = contracts.consumers.exposer(options.consumerTuning);
  await ensureConsumer(nats, consumer);
  const stopping = new AbortController();
  const jobs = await consume(nats, {
    consumer,
    signal: stopping.signal,
    extendAckEveryMs: Math.max(1000, Math.floor(consumer.ackWaitMs / 4)),
    routes: jobRoutes(ctx),
  });
  const diagnose = serveRequests(nats, {
    contract: ctx.messages.exposeDiagnose,
    signal: stopping.signal,
    handler: async ({ data }) => ({
      v: 1 as const,
      operation: data.operation,
      diagnosis: await exposerOf(ctx, data.operation).diagnose(data.operation),
    }),
  });

  let stopped: Promise<void> | undefined;
  return {
    inFlight: () => [...ctx.running.values()],
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        await Promise.all([jobs.stop(), diagnose.stop()]);
      })();
      return stopped;
    },
  };
}
