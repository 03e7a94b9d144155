// The volume-info service: informers on the BSLs, Backups and Restores of Ferry's namespace; the
// claim history index kept by two controllers (documents of finished runs) and a follower of the
// per-volume records on JetStream (each replica its own); answers over HTTP and NATS. Built from a ServiceContext by
// apps/volume-info; tests start it in-process with their own contracts and port 0.
import {
  backupDefinition,
  backupStorageLocationDefinition,
  restoreDefinition,
  type Backup,
  type BackupStorageLocation,
  type Restore,
} from '@ferry/api';
import type { FerryContracts } from '@ferry/contracts';
import { createInformer, startControllerSet, type KubeClient } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import type { NatsClient, SubscriptionHandle } from '@ferry/nats';
import type { ObjectStoreClientOptions } from '@ferry/object-store';
import { natsReadiness, startHttpServer, type ApiAccess, type MetricsEndpoint } from '@ferry/service-runtime';
import { createClaimHistoryIndex, type ClaimHistoryIndex } from '@ferry/volume-history';
import { volumeInfoRouteAccess, volumeInfoRoutes } from './http-routes';
import { createVolumeDocumentReader } from './volume-document-reader';
import { createVolumeIndexControllers } from './volume-index-controllers';
import { serveVolumeInfoRequests } from './volume-info-responders';
import { createVolumeQueryAnswerer } from './volume-query';
import { startVolumeRecordFollower, type VolumeRecordFollower } from './volume-record-follower';
import { createVolumeReportLoader } from './volume-report-loader';
import { createVolumeReportSealer } from './volume-report-sealer';

/** What {@link startVolumeInfoService} needs; a `ServiceContext` fits. */
export interface VolumeInfoServiceDependencies {
  readonly kube: KubeClient;
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly logger: Logger;
  /** `namespace`: Ferry's (Velero's) namespace, whose BSLs, Backups and Restores are served. */
  readonly config: { readonly namespace: string; readonly httpHost: string; readonly httpPort: number };
  /** Timeouts and retries of the S3 clients. */
  readonly objectStoreClient?: ObjectStoreClientOptions;
  /** How often a caught-up replica reads new records; default 1 s (tests shorten it). */
  readonly recordPollIntervalMs?: number;
  /** `sealedAt` of seal replies; default the system clock. */
  readonly now?: () => Date;
  /** Guards the HTTP API (a `ServiceContext`'s fits; `openApiAccess` only where nobody else can reach the port). */
  readonly apiAccess: ApiAccess;
  /** Answers `GET /metrics` on the service's HTTP server (a `ServiceContext`'s fits). */
  readonly metricsEndpoint?: MetricsEndpoint;
}

/** A running volume-info service. */
export interface VolumeInfoService {
  /** Base URL of the HTTP API (the real port when started on port 0). */
  readonly httpUrl: string;
  /** The index (read-only use: figures, tests). */
  readonly index: ClaimHistoryIndex;
  /** Stops serving, the record follower, the controllers and the informers, in that order. Leaves `nats` open. */
  stop(): Promise<void>;
}

/**
 * Starts the service; resolves once the informers listed their objects, the stored records are
 * read and the HTTP server listens (finished runs are then being indexed in the background). On a start-up
 * failure it stops what it started and rethrows.
 */
export async function startVolumeInfoService(deps: VolumeInfoServiceDependencies): Promise<VolumeInfoService> {
  const { kube, logger, config, nats, contracts } = deps;
  const { namespace } = config;
  const informerOptions = { logger, namespace };
  const locations = createInformer<BackupStorageLocation>(kube, backupStorageLocationDefinition, informerOptions);
  const backups = createInformer<Backup>(kube, backupDefinition, informerOptions);
  const restores = createInformer<Restore>(kube, restoreDefinition, informerOptions);
  const index = createClaimHistoryIndex();
  const storeOptions = { kube, namespace, ...(deps.objectStoreClient ? { objectStoreClient: deps.objectStoreClient } : {}) };
  const reader = createVolumeDocumentReader(storeOptions);
  const loader = createVolumeReportLoader({ namespace, index, reader, backups, restores, locations });
  const answerer = createVolumeQueryAnswerer({ namespace, index, loader });
  const controllers = createVolumeIndexControllers({ namespace, loader, backups, restores, logger });
  const set = await startControllerSet({
    name: 'volume-info index',
    informers: [locations, backups, restores],
    controllers,
    logger,
    logFields: { namespace },
  });

  const stopping = new AbortController();
  let records: VolumeRecordFollower | undefined;
  let responders: SubscriptionHandle[] = [];
  const stopAll = async () => {
    stopping.abort();
    await Promise.all([...responders.map((r) => r.stop()), records?.stop()]);
    await set.stop();
  };
  try {
    records = await startVolumeRecordFollower({
      nats,
      contracts,
      index,
      namespace,
      ...(deps.recordPollIntervalMs ? { pollIntervalMs: deps.recordPollIntervalMs } : {}),
    });
    const sealer = createVolumeReportSealer({
      nats,
      contracts,
      namespace,
      loader,
      store: storeOptions,
      now: deps.now ?? (() => new Date()),
    });
    responders = serveVolumeInfoRequests({ nats, contracts, answerer, sealer, signal: stopping.signal });
    const http = await startHttpServer({
      host: config.httpHost,
      port: config.httpPort,
      logger,
      access: { api: deps.apiAccess, rules: volumeInfoRouteAccess, namespace },
      routes: volumeInfoRoutes(answerer, (error, path) => logger.error({ err: error, path }, 'volume-info request failed')),
      isReady: () => !stopping.signal.aborted,
      readiness: [natsReadiness(nats)],
      metricsEndpoint: deps.metricsEndpoint,
    });
    logger.info({ url: http.url, namespace }, 'volume-info service listening');
    return {
      httpUrl: http.url,
      index,
      async stop() {
        await http.close();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
