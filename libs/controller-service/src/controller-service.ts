// The controller service for the data path (issue 6): informers on DataUpload, DataDownload,
// PodVolumeBackup, PodVolumeRestore and DataMoverClass; the reader of expose and move results;
// the progress subscriber; a periodic resync for timed rules; the HTTP API. Built from a
// ServiceContext by apps/controller; tests start it in-process with their own contracts and port 0.
import { dataMoverClassDefinition, type DataMoverClass } from '@ferry/api';
import type { ConsumerTuning, FerryContracts } from '@ferry/contracts';
import { createStatusWriteThrottle, isTerminalPhase, moveJobPrefix, type DataPathKind } from '@ferry/data-movement';
import { createEventRecorder, createInformer, type KubeClient, type ResourceInformer } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import { consume, ensureConsumer, streamRoute, subscribe, type NatsClient } from '@ferry/nats';
import { createShutdownStack, startHttpServer } from '@ferry/service-runtime';
import type { ControllerServiceSettings } from './controller-service-config';
import { controllerRoutes, type OperationView } from './controller-http-routes';
import { phaseOf, type DataPathContext } from './data-path-context';
import { reconcileResource } from './data-path-reconciler';
import { createDataPathStore, dataPathProfiles, type DataPathObject } from './data-path-resources';
import { handleExposeResult, handleMoveResult } from './data-path-results';
import { createKeyedQueue } from './keyed-queue';
import { createPodVolumeLocator } from './pod-volume-locator';
import { createProgressWriter } from './progress-writer';
import { createRepositoryProvisioner } from './repository-provisioner';
import { moveAttemptOf, resourceKey } from './resource-marks';

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
}

/** A running controller service. */
export interface ControllerService {
  /** Base URL of the HTTP API (the real port when started on port 0). */
  readonly httpUrl: string;
  /** Live operations (as the HTTP API shows them). */
  operations(): OperationView[];
  /** Stops the resync, the consumers (unfinished results are redelivered later), the informers and the HTTP server. Leaves `nats` open. */
  stop(): Promise<void>;
}

const kinds = Object.keys(moveJobPrefix) as DataPathKind[];

/**
 * Starts the informers (waits for their first list), the results consumer, the progress
 * subscription, the resync and the HTTP server; resolves once all run. Every live resource is
 * reconciled at start, so a controller restarted mid-operation continues where it stopped. On a
 * start-up failure, stops what it started and rethrows.
 */
export async function startControllerService(deps: ControllerServiceDependencies): Promise<ControllerService> {
  const { kube, nats, contracts, logger, config, settings } = deps;
  const shutdown = createShutdownStack(logger, 'controller');
  const informerOptions = { namespace: config.namespace, logger };
  const informers = Object.fromEntries(
    kinds.map((kind) => [kind, createInformer<DataPathObject>(kube, dataPathProfiles[kind].definition, informerOptions)]),
  ) as Record<DataPathKind, ResourceInformer<DataPathObject>>;
  const classes = createInformer<DataMoverClass>(kube, dataMoverClassDefinition, { logger });
  shutdown.add(() => Promise.all([...Object.values(informers), classes].map((informer) => informer.stop())).then(() => undefined));
  const ctx: DataPathContext = {
    stores: Object.fromEntries(kinds.map((kind) => [kind, createDataPathStore(kube, dataPathProfiles[kind])])) as DataPathContext['stores'],
    nats,
    contracts,
    logger,
    events: createEventRecorder(kube, 'ferry-controller', logger),
    repositories: createRepositoryProvisioner(kube),
    locator: createPodVolumeLocator(kube),
    settings,
    throttle: createStatusWriteThrottle(),
    classes: () => classes.list(),
    cached: (kind, namespace, name) => informers[kind].get(namespace, name),
    now: () => new Date(),
    sent: new Set(),
    startedAt: Date.now(),
  };
  const queue = createKeyedQueue();
  const progress = createProgressWriter(ctx);
  const reconcile = (kind: DataPathKind, object: DataPathObject): void => {
    const { namespace = '', name = '' } = object.metadata ?? {};
    void queue
      .run(resourceKey(kind, namespace, name), () => reconcileResource(ctx, kind, informers[kind].get(namespace, name) ?? object))
      .catch((error: unknown) =>
        logger.warn({ err: error, resource: resourceKey(kind, namespace, name) }, 'reconcile failed; the resync retries'),
      );
  };
  try {
    await Promise.all([...Object.values(informers), classes].map((informer) => informer.synced));
    const consumer = contracts.consumers.controllerEvents(deps.consumerTuning);
    await ensureConsumer(nats, consumer);
    const stopping = new AbortController();
    const results = await consume(nats, {
      consumer,
      signal: stopping.signal,
      routes: [
        streamRoute(contracts.messages.exposeResult, ({ data }) =>
          queue.run(resourceKey(data.operation.kind, data.operation.namespace, data.operation.name), () => handleExposeResult(ctx, data)),
        ),
        streamRoute(contracts.messages.moveResult, ({ data }) =>
          queue.run(resourceKey(data.operation.kind, data.operation.namespace, data.operation.name), () => handleMoveResult(ctx, data)),
        ),
      ],
    });
    shutdown.add(async () => {
      stopping.abort();
      await results.stop();
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
    for (const kind of kinds) {
      informers[kind].on('add', (object) => reconcile(kind, object));
      informers[kind].on('update', (object) => reconcile(kind, object));
    }
    const live = (): [DataPathKind, DataPathObject][] =>
      kinds.flatMap((kind) =>
        informers[kind]
          .list()
          .filter((o) => !isTerminalPhase(phaseOf(o)))
          .map((o): [DataPathKind, DataPathObject] => [kind, o]),
      );
    const timer = setInterval(() => {
      for (const [kind, object] of live()) reconcile(kind, object);
    }, settings.resyncIntervalMs);
    shutdown.add(async () => {
      clearInterval(timer);
      await queue.idle();
    });
    const operations = (): OperationView[] =>
      live().map(([kind, o]) => {
        const { namespace = '', name = '' } = o.metadata ?? {};
        const seen = progress.latest(resourceKey(kind, namespace, name));
        return {
          kind,
          namespace,
          name,
          phase: phaseOf(o),
          attempt: moveAttemptOf(o),
          ...(o.status?.node ? { node: o.status.node } : {}),
          ...(o.status?.acceptedTimestamp ? { acceptedTimestamp: o.status.acceptedTimestamp } : {}),
          ...(o.status?.startTimestamp ? { startTimestamp: o.status.startTimestamp } : {}),
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
      });
    const http = await startHttpServer({
      host: config.httpHost,
      port: config.httpPort,
      logger,
      routes: controllerRoutes(operations),
      isReady: () => !shutdown.stopping && !nats.connection.isClosed(),
    });
    shutdown.add(() => http.close());
    logger.info(
      { url: http.url, role: settings.role, namespace: config.namespace, prepareTimeoutMs: settings.prepareTimeoutMs },
      'controller service listening',
    );
    return {
      httpUrl: http.url,
      operations,
      stop: () => shutdown.run(),
    };
  } catch (error) {
    await shutdown.run();
    throw error;
  }
}
