// Runs a service on one replica at a time: every replica campaigns for a Lease; the leader runs the
// service with a Kubernetes client whose writes are fenced by the Lease, the others serve only
// /healthz and /readyz (503 "standby", so a Kubernetes Service routes API calls to the leader) and
// take over when the leader's Lease lapses.
import { createLeaderElector, fencedKubeClient, type KubeClient } from '@ferry/kube';
import { startHttpServer, type HttpServer } from './http-server';
import type { LeaderElectionConfig } from './leader-election-config';
import type { RunningService, ServiceContext } from './service-runner';

/** Options of {@link startLeaderElectedService}. */
export interface LeaderElectedServiceOptions {
  readonly context: ServiceContext;
  readonly election: LeaderElectionConfig;
  /**
   * Starts the service for one term. `kube` refuses writes as soon as this replica is no longer
   * leader; the returned service is stopped when the term ends.
   */
  readonly startTerm: (kube: KubeClient) => Promise<RunningService>;
}

/**
 * Starts campaigning and resolves at once with the handle that stops it: a running term is
 * stopped first, then the Lease is released so a standby takes over without waiting.
 * With `election.enabled` false, runs the service directly (one replica only).
 */
export async function startLeaderElectedService(options: LeaderElectedServiceOptions): Promise<RunningService> {
  const { context, election } = options;
  if (!election.enabled) return options.startTerm(context.kube);
  const logger = context.logger;
  let standby: HttpServer | undefined;
  let term: RunningService | undefined;
  // Term starts and stops run one after the other: the HTTP port passes between standby and service.
  let transitions: Promise<void> = Promise.resolve();
  const serveStandby = async (): Promise<void> => {
    standby = await startHttpServer({
      host: context.config.httpHost,
      port: context.config.httpPort,
      logger,
      // The standby has no routes of its own: every path but the open ones is checked by path.
      access: { api: context.apiAccess, rules: [], namespace: context.config.namespace },
      routes: () => undefined,
      isReady: () => false,
      metricsEndpoint: context.metricsEndpoint,
    });
  };
  const then = (step: () => Promise<void>): Promise<void> => (transitions = transitions.catch(() => undefined).then(step));

  await serveStandby();
  const elector = createLeaderElector(
    {
      requester: context.kube.requester,
      namespace: context.config.namespace,
      leaseName: election.leaseName,
      identity: election.identity,
      timing: election.timing,
      logger,
    },
    {
      onStartedLeading: () =>
        then(async () => {
          await standby?.close();
          standby = undefined;
          term = await options.startTerm(fencedKubeClient(context.kube.config, () => elector.isLeader()));
        }),
      onStoppedLeading: () =>
        then(async () => {
          await term?.stop();
          term = undefined;
          if (!context.signal.aborted) await serveStandby();
        }),
      onNewLeader: (leader) => logger.info({ lease: election.leaseName, leader }, 'another replica leads; standing by'),
    },
  );
  logger.info({ lease: election.leaseName, identity: election.identity }, 'campaigning for leadership');
  return {
    async stop() {
      await elector.stop();
      await transitions;
      await standby?.close();
    },
  };
}
