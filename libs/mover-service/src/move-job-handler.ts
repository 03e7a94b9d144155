// The mover's job layer: move jobs of this node from its durable consumer (at most loadConcurrency
// at once: the consumer's maxAckPending, so the rest wait in the stream), cancel events watched
// live, progress signals about once a second, and one result event per job before its ack.
//
// Failures are reported, not retried here: a job that fails publishes a `failed` result with a
// classified error (`retryable` tells the controller whether another attempt can help) and is
// acked; the controller alone decides retries, with a new job id. Only a mover that is stopping
// hands its running jobs back (nak) for redelivery. A redelivered job whose result is stored is
// acked without running again; one whose cancel is stored ends `canceled` without running.
import type { ConsumerTuning, FerryContracts, MessageOf } from '@ferry/contracts';
import { createProgressTracker, type ProgressEstimate } from '@ferry/data-movement';
import type { Logger } from '@ferry/logger';
import {
  consume,
  ensureConsumer,
  lastStoredMessage,
  publish,
  publishToStream,
  streamRoute,
  subscribe,
  type NatsClient,
  type StreamDelivery,
  type SubscriptionHandle,
} from '@ferry/nats';
import { createVolumeRecordPublisher, type VolumeRecordPublisher } from '@ferry/volume-record-publisher';
import { classifyError, MoverServiceErrorCode, type ClassifiedError } from './errors';
import { MoveJobState, type MoveJob, type MoveJobRunner, type MoveSummary } from './move-job-runner';
import { meterMove, type MoveMeter, type MoverMetrics } from './move-metrics';
import { recordMove } from './move-record';
import { tracedTransfer } from './move-transfer-span';

type Messages = FerryContracts['messages'];
type MoveResult = MessageOf<Messages['moveResult']>;

/** A job being worked on, as `GET /v1/jobs` shows it. */
export interface MoveInFlight extends ProgressEstimate {
  readonly jobId: string;
  readonly operation: MoveJob['operation'];
  readonly direction: MoveJob['direction'];
  readonly uploader: MoveJob['uploader'];
  /** `locating volume`, `connecting repository`, `moving data`, `canceling`. */
  readonly state: string;
  /** When this delivery started (RFC 3339). */
  readonly startedAt: string;
  readonly deliveryCount: number;
}

/** Options of {@link startMoveJobHandler}. */
export interface MoveJobHandlerOptions {
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly logger: Logger;
  readonly nodeName: string;
  readonly runner: MoveJobRunner;
  /** The initial maxAckPending of the node's consumer (loadConcurrency). */
  readonly loadConcurrency: number;
  /** Tunes the durable consumer (ack wait from settings, tests). */
  readonly consumerTuning?: ConsumerTuning;
  /** Interval of progress signals; default 1 s. */
  readonly progressIntervalMs?: number;
  /** Clock (tests). */
  readonly now?: () => number;
  /** Bytes moved and throughput of this node; none when absent. */
  readonly metrics?: MoverMetrics;
}

/** A running job handler. */
export interface MoveJobHandler {
  /** The jobs running right now. */
  inFlight(): MoveInFlight[];
  /** The loadConcurrency in effect (the consumer's maxAckPending). */
  loadConcurrency(): number;
  /**
   * Updates the consumer's maxAckPending to `value` on the server: a raise lets more jobs in at
   * once, a cut lets no new job in until fewer than `value` run (running jobs are not stopped).
   * Resolves once the server took it; rejects with the adapter's `TopologyError`.
   */
  setLoadConcurrency(value: number): Promise<void>;
  /** Stops taking jobs; running jobs are aborted and handed back for redelivery. Idempotent. */
  stop(): Promise<void>;
}

interface Running {
  entry: MoveInFlight;
  readonly cancel: AbortController;
}

/** Error of a second delivery of a job that is still running here: nak, try again later. */
class JobAlreadyRunningError extends Error {
  readonly retryable = true;
  readonly retryAfterMs = 2_000;
}

/** What every job of one handler shares: its collaborators, its clock and the running jobs. */
interface JobContext {
  readonly options: MoveJobHandlerOptions;
  readonly nats: NatsClient;
  readonly messages: Messages;
  readonly logger: Logger;
  readonly nodeName: string;
  readonly now: () => number;
  /** The jobs running here, by job id. */
  readonly running: Map<string, Running>;
  /** Stores the volume-info records of what the mover learnt (as `mover`). */
  readonly records: VolumeRecordPublisher;
}

type MoveEnding = { outcome: 'completed'; summary: MoveSummary } | { outcome: 'failed' | 'canceled'; error: ClassifiedError };

/**
 * Stores the job's volume-info record (unless canceled; before the result, so the run's records
 * hold it once the controller moves on), then its result event (deduplicated by job id; the job is
 * acked after it), and logs the outcome.
 */
async function publishResult(ctx: JobContext, job: MoveJob, startedAt: string, ended: MoveEnding): Promise<void> {
  const completedAt = new Date(ctx.now()).toISOString();
  await recordMove(ctx.records, ctx.logger, job, { node: ctx.nodeName, startedAt, completedAt }, ended);
  const result: MoveResult = {
    v: 1,
    jobId: job.jobId,
    operation: job.operation,
    direction: job.direction,
    node: ctx.nodeName,
    ...ended,
    startedAt,
    completedAt,
  };
  await publishToStream(ctx.nats, ctx.messages.moveResult, { node: ctx.nodeName, job: job.jobId }, result, {
    messageId: `move-result-${job.jobId}`,
  });
  ctx.logger.info(
    { jobId: job.jobId, operation: job.operation, outcome: ended.outcome, ...('error' in ended ? { error: ended.error } : {}) },
    'move job done',
  );
}

/** Registers `job` as running here (state `locating volume`, no bytes yet); the caller removes it. */
function registerJob(ctx: JobContext, delivery: StreamDelivery<Messages['moveJob']>, startedAt: string): Running {
  const job = delivery.data;
  const slot: Running = {
    cancel: new AbortController(),
    entry: {
      jobId: job.jobId,
      operation: job.operation,
      direction: job.direction,
      uploader: job.uploader,
      state: MoveJobState.Locating,
      startedAt,
      deliveryCount: delivery.deliveryCount,
      bytesDone: 0,
      bytesPerSecond: 0,
    },
  };
  ctx.running.set(job.jobId, slot);
  return slot;
}

/** Progress of one job: counters recorded as the tool reports them, signals sent at most once an interval. */
interface ProgressReporter {
  /** Records the tool's counters and sends a signal when one is due. */
  record(progress: { bytesDone: number; totalBytes?: number }): void;
  /** Sends a signal when one is due; `final` sends the completed transfer's last counters regardless. */
  report(final?: boolean): void;
}

function progressReporter(ctx: JobContext, job: MoveJob, slot: Running, meter: MoveMeter): ProgressReporter {
  const tracker = createProgressTracker();
  const report = (final = false): void => {
    const estimate = final && tracker.started ? tracker.estimate(ctx.now()) : tracker.takeDue(ctx.now());
    if (!estimate) return;
    slot.entry = { ...slot.entry, ...estimate };
    try {
      publish(
        ctx.nats,
        ctx.messages.moveProgress,
        { node: ctx.nodeName },
        { v: 1, jobId: job.jobId, operation: job.operation, node: ctx.nodeName, ...estimate, at: new Date(ctx.now()).toISOString() },
      );
    } catch (error) {
      ctx.logger.debug({ err: error, jobId: job.jobId }, 'progress signal not sent');
    }
  };
  return {
    report,
    record(progress) {
      tracker.record({ atMs: ctx.now(), ...progress });
      meter.progressed(progress.bytesDone);
      slot.entry = {
        ...slot.entry,
        bytesDone: progress.bytesDone,
        ...(progress.totalBytes === undefined ? {} : { totalBytes: progress.totalBytes }),
      };
      report();
    },
  };
}

/**
 * Runs the job unless a cancel is stored for it, and reports how it ended. Rejects only when the
 * delivery is handed back (the mover is stopping), so the job is redelivered.
 */
async function runJob(ctx: JobContext, delivery: StreamDelivery<Messages['moveJob']>, slot: Running, startedAt: string): Promise<void> {
  const job = delivery.data;
  const { cancel } = slot;
  const meter = meterMove(ctx.options.metrics, ctx.nodeName, job.direction, Date.parse(startedAt));
  const progress = progressReporter(ctx, job, slot, meter);
  const ticker = setInterval(() => progress.report(), ctx.options.progressIntervalMs ?? 1_000);
  try {
    // Registered before this check, so a cancel published from now on reaches the subscription.
    if (await lastStoredMessage(ctx.nats, ctx.messages.moveCancel, { job: job.jobId })) cancel.abort();
    if (cancel.signal.aborted) {
      await publishResult(ctx, job, startedAt, { outcome: 'canceled', error: canceledError(job.jobId, false) });
      return;
    }
    const summary = await tracedTransfer(job, ctx.nodeName, ctx.now, () =>
      ctx.options.runner.run(job, {
        signal: AbortSignal.any([delivery.signal, cancel.signal]),
        onState: (state) => (slot.entry = { ...slot.entry, state }),
        onProgress: (counters) => progress.record(counters),
      }),
    );
    progress.report(true);
    meter.completed(ctx.now());
    await publishResult(ctx, job, startedAt, { outcome: 'completed', summary });
  } catch (error) {
    if (delivery.signal.aborted) {
      ctx.logger.info({ jobId: job.jobId }, 'mover stopping: move job handed back for redelivery');
      throw error;
    }
    if (cancel.signal.aborted) await publishResult(ctx, job, startedAt, { outcome: 'canceled', error: canceledError(job.jobId, true) });
    else await publishResult(ctx, job, startedAt, { outcome: 'failed', error: classifyError(error) });
  } finally {
    clearInterval(ticker);
  }
}

/**
 * A move job delivery: naked while the same job still runs here, acked without running when its
 * result is already stored, otherwise run and reported.
 */
async function moveJob(ctx: JobContext, delivery: StreamDelivery<Messages['moveJob']>): Promise<void> {
  const job = delivery.data;
  if (ctx.running.has(job.jobId)) throw new JobAlreadyRunningError(`move job ${job.jobId} is still running on ${ctx.nodeName}`);
  if (await lastStoredMessage(ctx.nats, ctx.messages.moveResult, { node: ctx.nodeName, job: job.jobId })) {
    ctx.logger.info({ jobId: job.jobId, delivery: delivery.deliveryCount }, 'move job already has a result; acked without running again');
    return;
  }
  const startedAt = new Date(ctx.now()).toISOString();
  const slot = registerJob(ctx, delivery, startedAt);
  try {
    await runJob(ctx, delivery, slot, startedAt);
  } finally {
    ctx.running.delete(job.jobId);
  }
}

/** Watches cancel events live: a cancel of a job running here aborts its tool. Resolves once the subscription is on the server. */
async function watchCancels(ctx: JobContext): Promise<SubscriptionHandle> {
  const cancels = subscribe(ctx.nats, {
    contract: ctx.messages.moveCancel,
    handler: ({ data }) => {
      const target = ctx.running.get(data.jobId);
      if (!target || target.cancel.signal.aborted) return;
      ctx.logger.info({ jobId: data.jobId }, 'move job canceled; stopping the tool');
      target.entry = { ...target.entry, state: 'canceling' };
      target.cancel.abort();
    },
  });
  await ctx.nats.connection.flush();
  return cancels;
}

/**
 * Ensures this node's durable consumer with `loadConcurrency`, watches cancels, and starts
 * consuming (ack extended every quarter of the ack wait while a job runs). Resolves once bound.
 * The caller stops the handle before closing `nats`.
 */
export async function startMoveJobHandler(options: MoveJobHandlerOptions): Promise<MoveJobHandler> {
  const { nats, contracts, logger, nodeName } = options;
  const ctx: JobContext = {
    options,
    nats,
    messages: contracts.messages,
    logger,
    nodeName,
    now: options.now ?? Date.now,
    running: new Map(),
    records: createVolumeRecordPublisher({ nats, contracts, source: 'mover' }),
  };
  let concurrency = options.loadConcurrency;
  const cancels = await watchCancels(ctx);
  const tuning = options.consumerTuning ?? {};
  const consumer = contracts.consumers.mover(nodeName, concurrency, tuning);
  const stopping = new AbortController();
  let jobs;
  try {
    await ensureConsumer(nats, consumer);
    jobs = await consume(nats, {
      consumer,
      signal: stopping.signal,
      extendAckEveryMs: Math.max(500, Math.floor(consumer.ackWaitMs / 4)),
      routes: [streamRoute(ctx.messages.moveJob, (delivery) => moveJob(ctx, delivery))],
    });
  } catch (error) {
    await cancels.stop();
    throw error;
  }
  const handle = jobs;

  let stopped: Promise<void> | undefined;
  return {
    inFlight: () => [...ctx.running.values()].map(({ entry }) => entry),
    loadConcurrency: () => concurrency,
    async setLoadConcurrency(value) {
      if (value === concurrency) return;
      await ensureConsumer(nats, contracts.consumers.mover(nodeName, value, tuning));
      logger.info({ node: nodeName, from: concurrency, to: value }, 'loadConcurrency changed; consumer maxAckPending updated');
      concurrency = value;
    },
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        await handle.stop();
        await cancels.stop();
      })();
      return stopped;
    },
  };
}

function canceledError(jobId: string, whileRunning: boolean): ClassifiedError {
  return {
    code: MoverServiceErrorCode.Canceled,
    retryable: false,
    message: whileRunning ? `move job ${jobId} was canceled; the tool was stopped` : `move job ${jobId} was canceled before it started`,
  };
}
