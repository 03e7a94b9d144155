// The policy service: the NATS responder and the HTTP API over one planner. Built from a
// ServiceContext by apps/policy; tests start it in-process with their own contracts and port 0.
import type { FerryContracts } from '@ferry/contracts';
import type { KubeClient } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import type { NatsClient } from '@ferry/nats';
import { natsReadiness, startHttpServer, type ApiAccess, type MetricsEndpoint } from '@ferry/service-runtime';
import { planBackup } from './backup-planner';
import { policyRouteAccess, policyRoutes, type BackupPlanner } from './http-routes';
import type { PolicyServiceSettings } from './policy-service-config';
import { servePolicyRequests } from './policy-responder';

/** What {@link startPolicyService} needs; a `ServiceContext` plus the service's settings fits. */
export interface PolicyServiceDependencies {
  readonly kube: KubeClient;
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly logger: Logger;
  readonly config: { readonly namespace: string; readonly httpHost: string; readonly httpPort: number };
  readonly settings: PolicyServiceSettings;
  /** Answers `GET /metrics` on the service's HTTP server (a `ServiceContext`'s fits). */
  readonly metricsEndpoint?: MetricsEndpoint;
  /** Guards the HTTP API (a `ServiceContext`'s fits; `openApiAccess` only where nobody else can reach the port). */
  readonly apiAccess: ApiAccess;
}

/** A running policy service. */
export interface PolicyService {
  /** Base URL of the HTTP API (the real port when started on port 0). */
  readonly httpUrl: string;
  /** Stops taking requests, waits for those in flight, closes the HTTP server. Leaves `nats` open. */
  stop(): Promise<void>;
}

/**
 * Starts the responder (queue group of `policy.evaluate`) and the HTTP server; resolves once both
 * listen. Stateless: every plan reads the cluster afresh, so replicas can run side by side.
 */
export async function startPolicyService(deps: PolicyServiceDependencies): Promise<PolicyService> {
  const { settings, config } = deps;
  const planner: BackupPlanner = (target, signal) =>
    planBackup(deps.kube, target, {
      serviceNamespace: config.namespace,
      ...(settings.globalPoliciesConfigMap ? { globalPoliciesConfigMap: settings.globalPoliciesConfigMap } : {}),
      defaultVolumesToFsBackup: settings.defaultVolumesToFsBackup,
      listPageSize: settings.listPageSize,
      ...(signal ? { signal } : {}),
    });
  const stopping = new AbortController();
  const responder = servePolicyRequests(deps.nats, deps.contracts, planner, stopping.signal);
  try {
    const http = await startHttpServer({
      host: config.httpHost,
      port: config.httpPort,
      logger: deps.logger,
      access: { api: deps.apiAccess, rules: policyRouteAccess, namespace: config.namespace },
      routes: policyRoutes(planner),
      isReady: () => !stopping.signal.aborted,
      readiness: [natsReadiness(deps.nats)],
      metricsEndpoint: deps.metricsEndpoint,
    });
    deps.logger.info({ url: http.url, subject: deps.contracts.messages.policyEvaluate.subject.pattern }, 'policy service listening');
    return {
      httpUrl: http.url,
      async stop() {
        stopping.abort();
        await Promise.all([responder.stop(), http.close()]);
      },
    };
  } catch (error) {
    await responder.stop();
    throw error;
  }
}
