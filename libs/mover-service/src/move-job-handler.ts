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
} from '@ferry/nats';
import { classifyError, MoverServiceErrorCode, type ClassifiedError } from './errors';
import { MoveJobState, type MoveJob, type MoveJobRunner, type MoveSummary } from './move-job-runner';

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

/**
 * Ensures this node's durable consumer with `loadConcurrency`, watches cancels, and starts
 * consuming (ack extended every quarter of the ack wait while a job runs). Resolves once bound.
 * The caller stops the handle before closing `nats`.
 */
export async function startMoveJobHandler(options: MoveJobHandlerOptions): Promise<MoveJobHandler> {
  const { nats, contracts, logger, nodeName } = options;
  const messages: Messages = contracts.messages;
  const now = options.now ?? Date.now;
  const running = new Map<string, Running>();
  let concurrency = options.loadConcurrency;

  const publishResult = async (
    job: MoveJob,
    startedAt: string,
    ended: { outcome: 'completed'; summary: MoveSummary } | { outcome: 'failed' | 'canceled'; error: ClassifiedError },
  ) => {
    const result: MoveResult = {
      v: 1,
      jobId: job.jobId,
      operation: job.operation,
      direction: job.direction,
      node: nodeName,
      ...ended,
      startedAt,
      completedAt: new Date(now()).toISOString(),
    };
    await publishToStream(nats, messages.moveResult, { job: job.jobId }, result, { messageId: `move-result-${job.jobId}` });
    logger.info(
      { jobId: job.jobId, operation: job.operation, outcome: ended.outcome, ...('error' in ended ? { error: ended.error } : {}) },
      'move job done',
    );
  };

  const move = async (delivery: StreamDelivery<Messages['moveJob']>): Promise<void> => {
    const job = delivery.data;
    if (running.has(job.jobId)) throw new JobAlreadyRunningError(`move job ${job.jobId} is still running on ${nodeName}`);
    if (await lastStoredMessage(nats, messages.moveResult, { job: job.jobId })) {
      logger.info({ jobId: job.jobId, delivery: delivery.deliveryCount }, 'move job already has a result; acked without running again');
      return;
    }
    const startedAt = new Date(now()).toISOString();
    const cancel = new AbortController();
    const tracker = createProgressTracker();
    const slot: Running = {
      cancel,
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
    running.set(job.jobId, slot);
    // Throttled to one signal per interval; `final` (the completed transfer's last counters) always goes out.
    const report = (final = false) => {
      const estimate = final && tracker.started ? tracker.estimate(now()) : tracker.takeDue(now());
      if (!estimate) return;
      slot.entry = { ...slot.entry, ...estimate };
      try {
        publish(
          nats,
          messages.moveProgress,
          { node: nodeName },
          { v: 1, jobId: job.jobId, operation: job.operation, node: nodeName, ...estimate, at: new Date(now()).toISOString() },
        );
      } catch (error) {
        logger.debug({ err: error, jobId: job.jobId }, 'progress signal not sent');
      }
    };
    const ticker = setInterval(() => report(), options.progressIntervalMs ?? 1_000);
    try {
      // Registered before this check, so a cancel published from now on reaches the subscription.
      if (await lastStoredMessage(nats, messages.moveCancel, { job: job.jobId })) cancel.abort();
      if (cancel.signal.aborted) {
        await publishResult(job, startedAt, { outcome: 'canceled', error: canceledError(job.jobId, false) });
        return;
      }
      const summary = await options.runner.run(job, {
        signal: AbortSignal.any([delivery.signal, cancel.signal]),
        onState: (state) => (slot.entry = { ...slot.entry, state }),
        onProgress: (progress) => {
          tracker.record({ atMs: now(), ...progress });
          slot.entry = {
            ...slot.entry,
            bytesDone: progress.bytesDone,
            ...(progress.totalBytes === undefined ? {} : { totalBytes: progress.totalBytes }),
          };
          report();
        },
      });
      report(true);
      await publishResult(job, startedAt, { outcome: 'completed', summary });
    } catch (error) {
      if (delivery.signal.aborted) {
        logger.info({ jobId: job.jobId }, 'mover stopping: move job handed back for redelivery');
        throw error;
      }
      if (cancel.signal.aborted) await publishResult(job, startedAt, { outcome: 'canceled', error: canceledError(job.jobId, true) });
      else await publishResult(job, startedAt, { outcome: 'failed', error: classifyError(error) });
    } finally {
      clearInterval(ticker);
      running.delete(job.jobId);
    }
  };

  const cancels = subscribe(nats, {
    contract: messages.moveCancel,
    handler: ({ data }) => {
      const target = running.get(data.jobId);
      if (!target || target.cancel.signal.aborted) return;
      logger.info({ jobId: data.jobId }, 'move job canceled; stopping the tool');
      target.entry = { ...target.entry, state: 'canceling' };
      target.cancel.abort();
    },
  });
  await nats.connection.flush();

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
      routes: [streamRoute(messages.moveJob, move)],
    });
  } catch (error) {
    await cancels.stop();
    throw error;
  }
  const handle = jobs;

  let stopped: Promise<void> | undefined;
  return {
    inFlight: () => [...running.values()].map(({ entry }) => entry),
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
