import { ensureStreams, connectNats, type NatsClient } from '@ferry/nats';
import { createFerryContracts, type FerryContracts } from '@ferry/contracts';
import { createKubeClient, type KubeClient } from '@ferry/kube';
import { createLogger, type Logger } from '@ferry/logger';
import { startMetrics, startTelemetry, type FerryMetrics } from '@ferry/telemetry';
import type { MetricsEndpoint } from './metrics-endpoint';
import { createApiAccess, type ApiAccess } from './api-access';
import { readApiAccessConfig } from './api-access-config';
import { natsCredentialsOf } from './nats-identity';
import { readServiceConfig, type ServiceConfig } from './service-config';

/** What a service's `start` receives: its configuration and the shared adapters, already connected. */
export interface ServiceContext {
  readonly name: string;
  readonly config: ServiceConfig;
  readonly logger: Logger;
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly kube: KubeClient;
  /** Aborted when the service is asked to stop (SIGTERM/SIGINT). */
  readonly signal: AbortSignal;
  /** Where the service records its metrics (the process's Prometheus-exported provider). */
  readonly metrics: FerryMetrics;
  /** Answers `GET /metrics`: pass it to `startHttpServer`. */
  readonly metricsEndpoint: MetricsEndpoint;
  /** Guards the service's HTTP API (`FERRY_HTTP_AUTH`, `FERRY_HTTP_OPEN_PATHS`): pass it to `startHttpServer`. */
  readonly apiAccess: ApiAccess;
}

/** A started service; `stop` finishes in-flight work and releases what `start` acquired. */
export interface RunningService {
  stop(): Promise<void>;
}

/** Options of {@link runService}. */
export interface RunServiceOptions {
  /** Service name: `service.name` of its spans (`ferry-<name>`), its logger and NATS client name. */
  readonly name: string;
  readonly start: (context: ServiceContext) => Promise<RunningService>;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The life of a service process: telemetry first, then configuration, logger, Kubernetes client, NATS (as the user of
 * `NATS_CREDENTIALS_FILE` or the one `NATS_CREDENTIALS_URL` issues, over TLS when `NATS_TLS_*` are set; waits for the
 * server; ensures Ferry's streams in `FERRY_NATS_NAMESPACE`), `start`; on SIGTERM or SIGINT it stops the
 * service, drains NATS and flushes telemetry, in that order. A start-up failure is logged (with
 * the variable to fix, for configuration errors) and exits with code 1. Metrics start with
 * telemetry: `context.metrics` records, `context.metricsEndpoint` answers `/metrics`.
 */
export async function runService(options: RunServiceOptions): Promise<void> {
  const serviceName = `ferry-${options.name}`;
  const telemetry = startTelemetry({ serviceName });
  let logger = createLogger({ name: options.name });
  // Before the adapters: their controllers and consumers register instruments on the global provider.
  const metrics = startMetrics({ serviceName, logger });
  try {
    const config = readServiceConfig(options.env ?? process.env);
    const accessConfig = readApiAccessConfig(options.env ?? process.env);
    logger = createLogger({ name: options.name, level: config.logLevel });
    const contracts = createFerryContracts({ namespace: config.natsNamespace });
    const kube = createKubeClient(config.kubeconfigPath ? { kind: 'file', kubeconfigPath: config.kubeconfigPath } : { kind: 'in-cluster' });
    const credentials = await natsCredentialsOf(config, kube, logger);
    const nats = await connectNats({
      name: serviceName,
      servers: config.natsUrls,
      logger,
      waitForServer: true,
      ...(credentials ? { credentials } : {}),
      ...(config.natsTls ? { tls: config.natsTls } : {}),
    });
    await ensureStreams(nats, Object.values(contracts.streams));
    const apiAccess = createApiAccess({ config: accessConfig, requester: kube.requester });
    const abort = new AbortController();
    const service = await options.start({
      name: options.name,
      config,
      logger,
      nats,
      contracts,
      kube,
      signal: abort.signal,
      metrics: metrics.recorder,
      metricsEndpoint: metrics,
      apiAccess,
    });
    logger.info({ namespace: config.namespace }, `${serviceName} started`);

    const shutdown = (signal: NodeJS.Signals) => {
      logger.info({ signal }, `${serviceName} stopping`);
      abort.abort();
      void service
        .stop()
        .then(() => nats.close())
        .then(() => telemetry.shutdown())
        .then(() => metrics.shutdown())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, `${serviceName} did not stop cleanly`);
            process.exit(1);
          },
        );
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (error) {
    logger.fatal({ err: error }, `${serviceName} could not start: ${error instanceof Error ? error.message : String(error)}`);
    await telemetry.shutdown();
    process.exit(1);
  }
}
