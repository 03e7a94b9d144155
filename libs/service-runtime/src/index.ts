export { InvalidServiceConfigError, ServiceRuntimeErrorCode } from './errors';
export { HttpError, startHttpServer, type HttpServer, type HttpServerOptions } from './http-server';
export { startLeaderElectedService, type LeaderElectedServiceOptions } from './leader-elected-service';
export { readDisabledControllers } from './disabled-controllers';
export { readLeaderElectionConfig, type LeaderElectionConfig } from './leader-election-config';
export { problemContentType, problemOf, type ProblemDetails } from './problem-details';
export { natsReadiness, readinessProblems, type ReadinessCheck } from './readiness';
export { readServiceConfig, type ServiceConfig } from './service-config';
export { runService, type RunningService, type RunServiceOptions, type ServiceContext } from './service-runner';
export { startServiceGroup, type ServiceStarter } from './service-group';
export { createShutdownStack, type ShutdownStack } from './shutdown-stack';
// --- metrics ---
export { metricsPath, mountMetrics, type MetricsEndpoint } from './metrics-endpoint';
// --- api access ---
export { callerOf, type HttpAccess } from './access-middleware';
export {
  createApiAccess,
  openApiAccess,
  type AccessDecision,
  type ApiAccess,
  type ApiAccessOptions,
  type ReviewCacheSettings,
} from './api-access';
export { defaultOpenPaths, HttpAuthMode, readApiAccessConfig, type ApiAccessConfig } from './api-access-config';
export { ferryApiGroup, type PathParameter, type RouteAccessRule, type RouteResource } from './route-access';
