// `GET /metrics` on a service's own express server: the Prometheus exporter's request handler
// (libs/telemetry's `startMetrics`), mounted before the request tracing so scrapes make no spans.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';

/** Answers a Prometheus scrape (a `MetricsHandle` from `@ferry/telemetry` fits). */
export interface MetricsEndpoint {
  serve(request: IncomingMessage, response: ServerResponse): void;
}

/** The path Prometheus scrapes, as the pods' `prometheus.io/path` annotation names it. */
export const metricsPath = '/metrics';

/** Routes `GET /metrics` of `app` to `endpoint`. Call before any middleware that should not see scrapes. */
export function mountMetrics(app: Express, endpoint: MetricsEndpoint): void {
  app.get(metricsPath, (req, res) => endpoint.serve(req, res));
}
