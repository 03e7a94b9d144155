// The mover service: one per node. Leftover tool processes of a previous run stopped, the live
// node-agent configuration (loadConcurrency for this node), the job handler, the responder that
// deletes repository snapshots (any node's mover answers) and the HTTP API,
// started together and stopped together. Built from a ServiceContext by apps/mover; tests start
// it in-process with their own contracts and port 0.
import { chmod, mkdir } from 'node:fs/promises';
import type { ConsumerTuning, FerryContracts } from '@ferry/contracts';
import { isNotFound, toKubeError, type KubeClient } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import type { NatsClient } from '@ferry/nats';
import { concurrencyForNode, type ParsedNodeAgentConfig } from '@ferry/node-agent-config';
import { noEventRecorder, watchNodeAgentConfig } from '@ferry/node-agent-config-watch';
import type { MoverMetrics } from './move-metrics';
import { createShutdownStack, natsReadiness, startHttpServer, type ApiAccess, type MetricsEndpoint } from '@ferry/service-runtime';
import { createKopiaUploader, createResticUploader, type Uploader } from '@ferry/uploader';
import { startMoveJobHandler, type MoveJobHandler } from './move-job-handler';
import { createMoveJobRunner } from './move-job-runner';
import { moverRouteAccess, moverRoutes } from './mover-http-routes';
import type { MoverServiceSettings } from './mover-service-config';
import { reapOrphanTools } from './orphan-tool-reaper';
import { createRepositoryAccessResolver } from './repository-access-resolver';
import { createNatsRepositoryClaims } from './repository-claim';
import { serveSnapshotDeletions } from './snapshot-deletion-responder';

/** What {@link startMoverService} needs; a `ServiceContext` plus settings fits. */
export interface MoverServiceDependencies {
  readonly kube: KubeClient;
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly logger: Logger;
  /** `namespace`: where the BSLs, their Secrets, the repository password and the node-agent ConfigMap live. */
  readonly config: { readonly namespace: string; readonly httpHost: string; readonly httpPort: number };
  readonly settings: MoverServiceSettings;
  /** Replaces the restic and kopia uploaders (benchmarks); default the real tools from `settings`. */
  readonly uploaders?: Readonly<Record<'restic' | 'kopia', Uploader>>;
  /** Tests: shorter ack waits. */
  readonly consumerTuning?: ConsumerTuning;
  /** Answers `GET /metrics` on the service's HTTP server (a `ServiceContext`'s fits). */
  readonly metricsEndpoint?: MetricsEndpoint;
  /** Bytes moved and throughput of this node (a `ServiceContext`'s `metrics` fits); none when absent. */
  readonly metrics?: MoverMetrics;
  /** Guards the HTTP API (a `ServiceContext`'s fits; `openApiAccess` only where nobody else can reach the port). */
  readonly apiAccess: ApiAccess;
}

/** A running mover service. */
export interface MoverService {
  /** Base URL of the HTTP API (the real port when started on port 0). */
  readonly httpUrl: string;
  /** Stops taking jobs (running ones are stopped and handed back for redelivery), the watch and the HTTP server. Leaves `nats` open. */
  stop(): Promise<void>;
}

async function nodeLabels(kube: KubeClient, nodeName: string, logger: Logger): Promise<Record<string, string>> {
  try {
    return (await kube.core.readNode({ name: nodeName })).metadata?.labels ?? {};
  } catch (error) {
    const failure = toKubeError(error, `get node ${nodeName}`);
    // Without labels only the global loadConcurrency applies; per-node rules need the node.
    logger.warn(
      { err: failure, node: nodeName },
      isNotFound(failure) ? 'node not found: per-node loadConcurrency rules cannot match' : 'cannot read the node labels',
    );
    return {};
  }
}

/**
 * Prepares the work folder (0700) and stops tool processes a killed predecessor left running in
 * it, starts the ConfigMap watch (waiting for its first list), reads the node's labels, then the
 * job handler with this node's loadConcurrency, and the HTTP server; resolves once all run. A
 * later valid ConfigMap change updates loadConcurrency live. On a start-up failure, stops what it
 * started and rethrows.
 */
export async function startMoverService(deps: MoverServiceDependencies): Promise<MoverService> {
  const { settings, config, logger, kube } = deps;
  await mkdir(settings.workDir, { recursive: true, mode: 0o700 });
  await chmod(settings.workDir, 0o700);
  const reaped = await reapOrphanTools(settings.workDir);
  if (reaped.length > 0)
    logger.warn({ pids: reaped, workDir: settings.workDir }, 'stopped tool processes left running by a previous mover');

  let handler: MoveJobHandler | undefined;
  const applyConfig = (document: ParsedNodeAgentConfig) => {
    void (async () => {
      const value = concurrencyForNode(document, await nodeLabels(kube, settings.nodeName, logger));
      await handler?.setLoadConcurrency(value);
    })().catch((error: unknown) => logger.error({ err: error }, 'could not apply the new loadConcurrency; the previous one stays'));
  };
  const name = settings.nodeAgentConfigMap;
  const watcher = name
    ? watchNodeAgentConfig(kube, {
        name,
        namespace: config.namespace,
        component: 'ferry-mover',
        recorder: noEventRecorder,
        logger,
        onApplied: applyConfig,
      })
    : undefined;
  const shutdown = createShutdownStack(logger, 'mover');
  if (watcher) shutdown.add(() => watcher.stop());
  try {
    await watcher?.synced;
    const labels = await nodeLabels(kube, settings.nodeName, logger);
    const loadConcurrency = concurrencyForNode(watcher?.current(), labels);
    const uploaders = deps.uploaders ?? {
      restic: createResticUploader({ binary: settings.resticBinary }),
      kopia: createKopiaUploader({ binary: settings.kopiaBinary }),
    };
    const resolver = createRepositoryAccessResolver({ kube, namespace: config.namespace, workDir: settings.workDir });
    const started = await startMoveJobHandler({
      nats: deps.nats,
      contracts: deps.contracts,
      logger,
      nodeName: settings.nodeName,
      loadConcurrency,
      runner: createMoveJobRunner({
        uploaders,
        resolver,
        kubeletRoot: settings.kubeletRoot,
        claims: createNatsRepositoryClaims({ nats: deps.nats, contracts: deps.contracts, nodeName: settings.nodeName }),
      }),
      consumerTuning: { ...(settings.jobAckWaitMs ? { ackWaitMs: settings.jobAckWaitMs } : {}), ...deps.consumerTuning },
      metrics: deps.metrics,
    });
    handler = started;
    shutdown.add(() => started.stop());
    const deletions = serveSnapshotDeletions({ nats: deps.nats, contracts: deps.contracts, logger, resolver, uploaders });
    shutdown.add(() => deletions.stop());
    const http = await startHttpServer({
      host: config.httpHost,
      port: config.httpPort,
      logger,
      access: { api: deps.apiAccess, rules: moverRouteAccess, namespace: config.namespace },
      routes: moverRoutes(() => ({ node: settings.nodeName, loadConcurrency: started.loadConcurrency(), jobs: started.inFlight() })),
      isReady: () => !shutdown.stopping,
      readiness: [natsReadiness(deps.nats)],
      metricsEndpoint: deps.metricsEndpoint,
    });
    shutdown.add(() => http.close());
    logger.info(
      { url: http.url, node: settings.nodeName, loadConcurrency, configMap: name ?? null, kubeletRoot: settings.kubeletRoot },
      'mover service listening',
    );
    return {
      httpUrl: http.url,
      stop: () => shutdown.run(),
    };
  } catch (error) {
    await shutdown.run();
    throw error;
  }
}
