// The exposer service: the live node-agent configuration, both exposers, the job handler and the
// HTTP API, started together and stopped together. Built from a ServiceContext by apps/exposer;
// tests start it in-process with their own contracts and port 0.
import type { ConsumerTuning, FerryContracts } from '@ferry/contracts';
import type { KubeClient } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import type { NatsClient } from '@ferry/nats';
import { watchNodeAgentConfig, type NodeAgentConfigWatcher } from '@ferry/node-agent-config-watch';
import { createShutdownStack, natsReadiness, startHttpServer, type ApiAccess, type MetricsEndpoint } from '@ferry/service-runtime';
import { createCsiSnapshotExposer } from './csi-snapshot-exposer';
import { createExposureChangeFeed } from './exposure-change-feed';
import type { RestoreExposer, SnapshotExposer } from './exposer-roles';
import { createGenericRestoreExposer } from './generic-restore-exposer';
import { createNodeAgentConfigTracker, exposerRouteAccess, exposerRoutes } from './exposer-http-routes';
import type { ExposerServiceSettings } from './exposer-service-config';
import { startExposureJobHandler } from './exposure-job-handler';
import type { ExposerMetrics } from './exposure-wait-meter';

/** The two exposers, built once the configuration source is known (`watcher` undefined = no ConfigMap). */
export type ExposersFactory = (watcher: NodeAgentConfigWatcher | undefined) => {
  readonly snapshotExposer: SnapshotExposer;
  readonly restoreExposer: RestoreExposer;
};

/**
 * The production exposers: CSI snapshot (backup) and generic restore, intermediate objects in
 * `namespace`, pods from `settings.podImage`, configuration read live from `watcher`.
 */
export function defaultExposers(kube: KubeClient, namespace: string, settings: ExposerServiceSettings, logger: Logger): ExposersFactory {
  return (watcher) => {
    const currentConfig = () => watcher?.current();
    return {
      snapshotExposer: createCsiSnapshotExposer({ kube, namespace, currentConfig, logger, podTemplate: { image: settings.podImage } }),
      restoreExposer: createGenericRestoreExposer({
        kube,
        currentConfig,
        logger,
        podTemplate: { image: settings.podImage, serviceAccountName: 'default' },
      }),
    };
  };
}

/** What {@link startExposerService} needs; a `ServiceContext` plus settings and the exposers fits. */
export interface ExposerServiceDependencies {
  readonly kube: KubeClient;
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly logger: Logger;
  readonly config: { readonly namespace: string; readonly httpHost: string; readonly httpPort: number };
  readonly settings: ExposerServiceSettings;
  /** Replaces the CSI snapshot and generic restore exposers (tests, benchmarks). */
  readonly createExposers?: ExposersFactory;
  /** Tests: shorter ack waits, faster polls (the fallback re-read of a waiting exposure, default 1 s). */
  readonly consumerTuning?: ConsumerTuning;
  readonly pollIntervalMs?: number;
  /** Answers `GET /metrics` on the service's HTTP server (a `ServiceContext`'s fits). */
  readonly metricsEndpoint?: MetricsEndpoint;
  /** Exposure wait by cause (a `ServiceContext`'s `metrics` fits); none when absent. */
  readonly metrics?: ExposerMetrics;
  /** Guards the HTTP API (a `ServiceContext`'s fits; `openApiAccess` only where nobody else can reach the port). */
  readonly apiAccess: ApiAccess;
}

/** A running exposer service. */
export interface ExposerService {
  /** Base URL of the HTTP API (the real port when started on port 0). */
  readonly httpUrl: string;
  /** Stops taking jobs (running ones are handed back for redelivery), the watch and the HTTP server. Leaves `nats` open. */
  stop(): Promise<void>;
}

/**
 * Starts the ConfigMap watch (and waits for its first list, so the first job sees the
 * configuration), the pod/PVC watch that wakes waiting exposures, the job handler and the HTTP server; resolves once all run. On a start-up
 * failure, stops what it started and rethrows.
 */
export async function startExposerService(deps: ExposerServiceDependencies): Promise<ExposerService> {
  const { settings, config, logger } = deps;
  const name = settings.nodeAgentConfigMap;
  const tracker = createNodeAgentConfigTracker(name ? `${config.namespace}/${name}` : undefined);
  const watcher = name
    ? watchNodeAgentConfig(deps.kube, {
        name,
        namespace: config.namespace,
        component: 'ferry-exposer',
        logger,
        onApplied: tracker.onApplied,
        onRejected: tracker.onRejected,
      })
    : undefined;
  const shutdown = createShutdownStack(logger, 'exposer');
  if (watcher) shutdown.add(() => watcher.stop());
  // Waiting exposures wake on changes of their pod/PVC (all in `config.namespace`).
  const changes = createExposureChangeFeed(deps.kube, config.namespace, { logger });
  shutdown.add(() => changes.stop());
  try {
    await Promise.all([watcher?.synced, changes.synced]);
    const exposers = (deps.createExposers ?? defaultExposers(deps.kube, config.namespace, settings, logger))(watcher);
    const handler = await startExposureJobHandler({
      nats: deps.nats,
      contracts: deps.contracts,
      logger,
      ...exposers,
      changes,
      prepareTimeoutMs: settings.prepareTimeoutMs,
      consumerTuning: { ...(settings.jobAckWaitMs ? { ackWaitMs: settings.jobAckWaitMs } : {}), ...deps.consumerTuning },
      ...(deps.pollIntervalMs ? { pollIntervalMs: deps.pollIntervalMs } : {}),
      metrics: deps.metrics,
    });
    shutdown.add(() => handler.stop());
    const http = await startHttpServer({
      host: config.httpHost,
      port: config.httpPort,
      logger,
      access: { api: deps.apiAccess, rules: exposerRouteAccess, namespace: config.namespace },
      routes: exposerRoutes(tracker.status, handler.inFlight),
      isReady: () => !shutdown.stopping,
      readiness: [natsReadiness(deps.nats)],
      metricsEndpoint: deps.metricsEndpoint,
    });
    shutdown.add(() => http.close());
    logger.info({ url: http.url, configMap: name ?? null, prepareTimeoutMs: settings.prepareTimeoutMs }, 'exposer service listening');
    return {
      httpUrl: http.url,
      stop: () => shutdown.run(),
    };
  } catch (error) {
    await shutdown.run();
    throw error;
  }
}
