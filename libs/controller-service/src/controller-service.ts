// The controller service for the data path: one controller per kind (DataUpload, DataDownload,
// PodVolumeBackup, PodVolumeRestore) fed by informers, the reader of expose and move results (applied
// inside the reconcile of their resource), the progress subscriber, and the HTTP API. Built from a
// ServiceContext by apps/controller; tests start it in-process with their own contracts and port 0.
import { dataMoverClassDefinition, type DataMoverClass } from '@ferry/api';
import type { ConsumerTuning, FerryContracts } from '@ferry/contracts';
import type { Express } from 'express';
import { createStatusWriteThrottle, isTerminalPhase } from '@ferry/data-movement';
import { createEventRecorder, createInformer, systemClock, type Clock, type ControllerStats, type KubeClient } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import { consume, ensureConsumer, streamRoute, subscribe, type NatsClient } from '@ferry/nats';
import {
  createShutdownStack,
  natsReadiness,
  startHttpServer,
  type ApiAccess,
  type MetricsEndpoint,
  type RouteAccessRule,
  type ShutdownStack,
} from '@ferry/service-runtime';
import type { ControllerServiceSettings } from './controller-service-config';
import { controllerRouteAccess, controllerRoutes, type OperationView } from './controller-http-routes';
import { moverNatsCredentialsAccess, moverNatsCredentialsRoutes } from './mover-nats-identity-route';
import { createDataPathControllers, type DataPathControllers } from './data-path-controllers';
import { meteredDataPathStore, type DataPathMetrics } from './data-path-metrics';
import { tracedDataPathStore } from './data-path-tracing';
import { DataPathReconciler } from './data-path-reconciler';
import { dataPathKinds, type DataPathResource } from './data-path-resources';
import { DataPathResultHandler } from './data-path-results';
import { refOf, type DataPathStore } from './data-path-store';
import { createNatsJobPublisher } from './job-publisher';
import { createKindAccess, createKubeDataPathStore } from './kube-data-path-store';
import { createPodVolumeLocator } from './pod-volume-locator';
import { createProgressWriter, type ProgressWriter } from './progress-writer';
import { createRepositoryProvisioner } from './repository-provisioner';
import { moveAttemptOf, phaseOf } from './resource-marks';
import { SentJobLedger } from './sent-job-ledger';

/** What {@link startControllerService} needs; a `ServiceContext` plus settings fits. */
export interface ControllerServiceDependencies {
  readonly kube: KubeClient;
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly logger: Logger;
  /** `namespace`: where the data-path resources, BSLs and the repository objects live (Velero's namespace). */
  readonly config: { readonly namespace: string; readonly httpHost: string; readonly httpPort: number };
  readonly settings: ControllerServiceSettings;
  /** Tests: a shorter ack wait of the events consumer. */
  readonly consumerTuning?: ConsumerTuning;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** More routes of the same HTTP API, served by other services of the process (the restore progress). */
  readonly routes?: (app: Express) => void;
  /** The permissions of those routes. */
  readonly routeAccess?: readonly RouteAccessRule[];
  /** Velero's DataUpload/DataDownload/PodVolumeBackup metrics, recorded at each phase change; none when absent. */
  readonly metrics?: DataPathMetrics;
  /** Answers `GET /metrics` on the service's HTTP server (a `ServiceContext`'s fits). */
  readonly metricsEndpoint?: MetricsEndpoint;
  /** Guards the HTTP API (a `ServiceContext`'s fits; `openApiAccess` only where nobody else can reach the port). */
  readonly apiAccess: ApiAccess;
}

/** A running controller service. */
export interface ControllerService {
  /** Base URL of the HTTP API (the real port when started on port 0). */
  readonly httpUrl: string;
  /** Live operations (as the HTTP API shows them). */
  operations(): OperationView[];
  /** The controllers' figures (queue depth, retries, reconcile latency), one per kind. */
  controllers(): ControllerStats[];
  /**
   * Stops the consumers (unfinished results are redelivered later), the controllers (running
   * reconciles get {@link controllerStopGraceMs}), the informers and the HTTP server. Leaves `nats`
   * open. Nothing global is left behind: the service can be started again in the same process.
   */
  stop(): Promise<void>;
}

/** How long a stopping controller waits for running reconciles before abandoning them. */
export const controllerStopGraceMs = 10_000;

/**
 * Starts the informers (waits for their first list), the controllers, the results consumer, the
 * progress subscription and the HTTP server; resolves once all run. Every resource is reconciled
 * at start (the informers' first list), so a controller restarted mid-operation continues where
 * it stopped. On a start-up failure, stops what it started and rethrows.
 */
export async function startControllerService(deps: ControllerServiceDependencies): Promise<ControllerService> {
  const { kube, nats, logger, config, settings } = deps;
  const clock = deps.clock ?? systemClock;
  const shutdown = createShutdownStack(logger, 'controller');
  const access = createKindAccess(kube, { namespace: config.namespace, logger });
  const classes = createInformer<DataMoverClass>(kube, dataMoverClassDefinition, { logger });
  const informers = [...dataPathKinds.map((kind) => access[kind].informer), classes];
  shutdown.add(() => Promise.all(informers.map((informer) => informer.stop())).then(() => undefined));
  const kubeStore = createKubeDataPathStore(access);
  // Every terminal phase is metered and ends a span in the trace of the Backup or Restore it serves.
  const store = tracedDataPathStore(deps.metrics ? meteredDataPathStore(kubeStore, deps.metrics) : kubeStore);
  const shared = {
    store,
    jobs: createNatsJobPublisher(nats, deps.contracts),
    events: createEventRecorder(kube, 'ferry-controller', logger),
    settings,
    clock,
    classes: () => classes.list(),
    logger,
    sent: new SentJobLedger(),
  };
  const progress = createProgressWriter({ store, throttle: createStatusWriteThrottle(), clock, logger });
  const reconciler = new DataPathReconciler({
    ...shared,
    repositories: createRepositoryProvisioner(kube),
    locator: createPodVolumeLocator(kube),
    runId: String(clock.now()),
    onForget: (ref) => progress.forget(ref),
  });
  const controllers = createDataPathControllers({
    access,
    classes,
    store,
    reconciler,
    resyncIntervalMs: settings.resyncIntervalMs,
    clock,
    logger,
  });
  try {
    await Promise.all(informers.map((informer) => informer.synced));
    controllers.start();
    shutdown.add(() => controllers.stop(controllerStopGraceMs));
    await startResultsAndProgress(deps, shutdown, controllers, new DataPathResultHandler(shared), progress);
    const operations = () => operationViews(store, progress);
    const http = await startHttpServer({
      host: config.httpHost,
      port: config.httpPort,
      logger,
      access: {
        api: deps.apiAccess,
        rules: [...controllerRouteAccess, moverNatsCredentialsAccess, ...(deps.routeAccess ?? [])],
        namespace: config.namespace,
      },
      routes: (app) => {
        controllerRoutes({ operations, controllers: () => controllers.stats() })(app);
        moverNatsCredentialsRoutes(settings.moverNatsCredentialsDir, logger)(app);
        deps.routes?.(app);
      },
      isReady: () => !shutdown.stopping,
      readiness: [natsReadiness(nats)],
      metricsEndpoint: deps.metricsEndpoint,
    });
    shutdown.add(() => http.close());
    logger.info(
      { url: http.url, role: settings.role, namespace: config.namespace, prepareTimeoutMs: settings.prepareTimeoutMs },
      'controller service listening',
    );
    return { httpUrl: http.url, operations, controllers: () => controllers.stats(), stop: () => shutdown.run() };
  } catch (error) {
    await shutdown.run();
    throw error;
  }
}

/** Starts the results consumer (each result applied inside its resource's reconcile) and the progress subscription. */
async function startResultsAndProgress(
  deps: ControllerServiceDependencies,
  shutdown: ShutdownStack,
  controllers: DataPathControllers,
  results: DataPathResultHandler,
  progress: ProgressWriter,
): Promise<void> {
  const { nats, contracts } = deps;
  const consumer = contracts.consumers.controllerEvents(deps.consumerTuning);
  await ensureConsumer(nats, consumer);
  const stopping = new AbortController();
  const handle = await consume(nats, {
    consumer,
    signal: stopping.signal,
    routes: [
      streamRoute(contracts.messages.exposeResult, ({ data }) =>
        controllers.deliver({ ...data.operation }, () => results.applyExposeResult(data)),
      ),
      streamRoute(contracts.messages.moveResult, ({ data }) =>
        controllers.deliver({ ...data.operation }, () => results.applyMoveResult(data)),
      ),
    ],
  });
  shutdown.add(async () => {
    stopping.abort();
    controllers.closeResults();
    await handle.stop();
  });
  const signals = subscribe(nats, {
    contract: contracts.messages.moveProgress,
    handler: ({ data }) => progress.onSignal(data),
    signal: stopping.signal,
  });
  shutdown.add(async () => {
    await signals.stop();
    await progress.idle();
  });
}

/** The live operations, by kind then name, with the last progress seen. */
function operationViews(store: DataPathStore, progress: ProgressWriter): OperationView[] {
  return dataPathKinds.flatMap((kind) =>
    store
      .list(kind)
      .filter((resource) => !isTerminalPhase(phaseOf(resource)))
      .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''))
      .map((resource) => operationView(resource, progress)),
  );
}

function operationView(resource: DataPathResource, progress: ProgressWriter): OperationView {
  const { kind, namespace, name } = refOf(resource);
  const status = resource.status;
  const seen = progress.latest({ kind, namespace, name });
  return {
    kind,
    namespace,
    name,
    phase: phaseOf(resource),
    attempt: moveAttemptOf(resource),
    ...(status && 'node' in status && status.node ? { node: status.node } : {}),
    ...(status?.acceptedTimestamp ? { acceptedTimestamp: status.acceptedTimestamp } : {}),
    ...(status?.startTimestamp ? { startTimestamp: status.startTimestamp } : {}),
    ...(seen
      ? {
          progress: {
            bytesDone: seen.bytesDone,
            bytesPerSecond: seen.bytesPerSecond,
            at: seen.at,
            ...(seen.totalBytes === undefined ? {} : { totalBytes: seen.totalBytes }),
            ...(seen.etaSeconds === undefined ? {} : { etaSeconds: seen.etaSeconds }),
          },
        }
      : {}),
  };
}
