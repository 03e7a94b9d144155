// The exposer's job layer (docs/architecture.md#data-flow-of-one-moved-volume step 3): expose,
// cleanup and complete-restore jobs from the durable `exposer-jobs` consumer, acked only once the
// job's result event is stored; diagnose over request/reply. The exposers are idempotent and keyed
// by the operation, so a redelivered job (after a crash, an ack timeout or a nak) finishes what was
// started and creates nothing twice.
import { defaultPrepareTimeoutMs } from '@ferry/data-movement';
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
import type { ExposureChangeFeed } from './exposure-change-feed';
import type { ExposureState, OperationRef, RestoreExposer, SnapshotExposer } from './exposer-roles';
import {
  buildExposeResult,
  directionOf,
  operationKey,
  prepareDeadline,
  remainingMs,
  timeoutMessage,
  type ExposeOutcome,
} from './exposure-timing';

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

/**
 * Ensures the exposer's durable consumer, starts consuming jobs (at most the consumer's
 * `maxAckPending` at once, ack extended every 15 s while a job waits) and answers `expose.diagnose`.
 * Resolves once bound. The caller stops the handle before closing `nats`.
 */
export async function startExposureJobHandler(options: ExposureJobHandlerOptions): Promise<ExposureJobHandler> {
  const { nats, contracts, logger } = options;
  const messages: Contracts = contracts.messages;
  const now = options.now ?? Date.now;
  const changes = options.changes;
  const pollMs = options.pollIntervalMs ?? (changes ? 1000 : 250);
  // Resolves when the operation's objects changed since `seen` (with a feed) or after the interval.
  const waitForChange = (operation: OperationRef, seen: number, ms: number, signal: AbortSignal): Promise<void> =>
    changes ? changes.changedSince(operation.name, seen, ms, signal) : sleep(ms, signal);
  const running = new Map<string, ExposureInFlight>();
  const exposerOf = (op: OperationRef): SnapshotExposer | RestoreExposer =>
    op.kind === 'DataUpload' ? options.snapshotExposer : options.restoreExposer;

  const publishResult = async (operation: OperationRef, ended: ExposeOutcome): Promise<void> => {
    await publishToStream(nats, messages.exposeResult, {}, buildExposeResult(operation, ended, new Date(now())));
    logger.info(
      { operation: operationKey(operation), outcome: ended.outcome, ...('cause' in ended ? { cause: ended.cause } : {}) },
      'exposer job done',
    );
  };

  const track = (operation: OperationRef, deadline: number): ((state: string) => void) => {
    const key = operationKey(operation);
    const since = new Date(now()).toISOString();
    const at = new Date(deadline).toISOString();
    return (state) => running.set(key, { operation, direction: directionOf(operation), state, since, deadline: at });
  };

  /** Diagnoses, cleans up and reports a failed or timed-out exposure. */
  const giveUp = async (
    operation: OperationRef,
    outcome: 'failed' | 'timed-out',
    cause: string,
    mark: (s: string) => void,
  ): Promise<void> => {
    const exposer = exposerOf(operation);
    mark('diagnosing');
    const diagnosis = await exposer.diagnose(operation).catch((error: unknown) => {
      logger.warn({ err: error, operation: operationKey(operation) }, 'diagnosis failed');
      return undefined;
    });
    mark('cleaning up');
    await exposer.cleanUp(operation);
    await publishResult(operation, { outcome, cause, ...(diagnosis ? { diagnosis } : {}) });
  };

  const expose = async (delivery: StreamDelivery<Contracts['exposeJob']>): Promise<void> => {
    const { operation, acceptedAt } = delivery.data;
    const exposer = exposerOf(operation);
    const deadline = prepareDeadline(acceptedAt, delivery.data.prepareTimeoutMs ?? options.prepareTimeoutMs ?? defaultPrepareTimeoutMs);
    const mark = track(operation, deadline);
    const timeout = AbortSignal.timeout(Math.max(1, remainingMs(deadline, now())));
    const signal = AbortSignal.any([delivery.signal, timeout]);
    const settled = async (state: ExposureState): Promise<boolean> => {
      if (state.phase === 'exposed') await publishResult(operation, { outcome: 'exposed', exposed: state.volume });
      else if (state.phase === 'failed') await giveUp(operation, 'failed', state.diagnosis.cause ?? 'exposure failed', mark);
      return state.phase !== 'preparing';
    };
    // A redelivered job of an exposure already done reports it again and creates nothing.
    if (await settled(await exposer.state(operation))) return;
    try {
      mark('exposing');
      await exposer.expose(operation, signal);
      for (;;) {
        // Taken before the read, so a change during it wakes the wait below at once.
        const seen = changes?.version(operation.name) ?? 0;
        const state = await exposer.state(operation);
        if (await settled(state)) return;
        if (signal.aborted) break;
        mark(`waiting: ${state.phase === 'preparing' ? state.waitingFor : state.phase}`);
        delivery.extendAck();
        await waitForChange(operation, seen, Math.min(pollMs, remainingMs(deadline, now())), signal);
      }
    } catch (error) {
      if (delivery.signal.aborted) throw error;
      if (isPermanent(error)) return giveUp(operation, 'failed', errorText(error), mark);
      if (!timeout.aborted) throw error;
      logger.debug({ err: error, operation: operationKey(operation) }, 'expose interrupted by the prepare timeout');
    }
    if (delivery.signal.aborted) throw delivery.signal.reason;
    await giveUp(operation, 'timed-out', timeoutMessage(operation), mark);
  };

  // Every job: logged on failure, removed from the in-flight list when it ends either way.
  const route = <C extends JobContract>(contract: C, work: (delivery: StreamDelivery<C>) => Promise<void>): StreamRoute =>
    streamRoute(contract, async (delivery) => {
      const key = operationKey((delivery.data as { operation: OperationRef }).operation);
      try {
        await work(delivery);
      } catch (error) {
        logger.warn({ err: error, operation: key, delivery: delivery.deliveryCount }, `exposer job failed: ${errorText(error)}`);
        throw error;
      } finally {
        running.delete(key);
      }
    });

  const consumer = contracts.consumers.exposer(options.consumerTuning);
  await ensureConsumer(nats, consumer);
  const stopping = new AbortController();
  const jobs = await consume(nats, {
    consumer,
    signal: stopping.signal,
    extendAckEveryMs: Math.max(1000, Math.floor(consumer.ackWaitMs / 4)),
    routes: [
      route(messages.exposeJob, expose),
      route(messages.exposeCleanupJob, async ({ data }) => {
        track(data.operation, now())('cleaning up');
        await exposerOf(data.operation).cleanUp(data.operation);
        await publishResult(data.operation, { outcome: 'cleaned' });
      }),
      route(messages.exposeCompleteRestoreJob, async ({ data, signal }) => {
        track(data.operation, now())('completing restore');
        await options.restoreExposer.completeRestore(data.operation, signal);
        await publishResult(data.operation, { outcome: 'completed' });
      }),
    ],
  });
  const diagnose = serveRequests(nats, {
    contract: messages.exposeDiagnose,
    signal: stopping.signal,
    handler: async ({ data }) => ({
      v: 1 as const,
      operation: data.operation,
      diagnosis: await exposerOf(data.operation).diagnose(data.operation),
    }),
  });

  let stopped: Promise<void> | undefined;
  return {
    inFlight: () => [...running.values()],
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        await Promise.all([jobs.stop(), diagnose.stop()]);
      })();
      return stopped;
    },
  };
}
