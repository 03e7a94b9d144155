// The metrics half of a service's telemetry: one MeterProvider per process whose only reader is
// the OpenTelemetry Prometheus exporter, without its own HTTP server — the service's express
// server answers `GET /metrics` through `serve`, so a pod has one port for health, API and scrapes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createNoopMeter, metrics, type Meter } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { createLogger, type Logger } from '@ferry/logger';
import { createFerryMetrics, type FerryMetrics } from './ferry-metrics';
import { metricsDisabled } from './metrics-config';
import { effectiveServiceName, type TelemetryEnvironment } from './telemetry-config';

/** Options of {@link startMetrics}. */
export interface MetricsOptions {
  /** `service.name` of the `target_info` series (overridden by `OTEL_SERVICE_NAME` when set). */
  readonly serviceName: string;
  readonly logger?: Logger;
  readonly env?: TelemetryEnvironment;
}

/** A started (or disabled) metrics pipeline. */
export interface MetricsHandle {
  /** False when disabled (`OTEL_SDK_DISABLED=true`, `OTEL_METRICS_EXPORTER=none`) or when it failed to start. */
  readonly enabled: boolean;
  /** Ferry's and Velero's instruments on this process's provider; no-ops when disabled. */
  readonly recorder: FerryMetrics;
  /**
   * Answers one scrape: the Prometheus text exposition of every instrument of the process (200),
   * or 404 with the reason when disabled. Never throws; the exporter answers 500 itself when
   * collection fails.
   */
  serve(request: IncomingMessage, response: ServerResponse): void;
  /** Stops the provider; never rejects, idempotent. */
  shutdown(): Promise<void>;
}

function disabledHandle(reason: string): MetricsHandle {
  return {
    enabled: false,
    recorder: createFerryMetrics(createNoopMeter()),
    serve: (_request, response) => {
      response.statusCode = 404;
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      response.end(`metrics disabled: ${reason}\n`);
    },
    shutdown: () => Promise.resolve(),
  };
}

/**
 * Builds the process's MeterProvider with the Prometheus exporter as its reader (no server of its
 * own) and registers it as the global provider, so libraries that instrument through
 * `@opentelemetry/api` (`@ferry/kube`'s controllers, `@ferry/nats`'s consumers) report to it. Call
 * once per process, before those libraries create controllers or consumers. Synchronous; never
 * throws: a failure is logged and a disabled handle returned. The app owns the handle.
 */
export function startMetrics(options: MetricsOptions): MetricsHandle {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger({ name: 'telemetry' });
  const disabled = metricsDisabled(env);
  if (disabled) return disabledHandle(disabled);
  const serviceName = effectiveServiceName(options.serviceName, env);
  try {
    // Scope labels would split every Velero series by instrumenting library; dashboards expect one.
    const exporter = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true });
    const provider = new MeterProvider({
      resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName })),
      readers: [exporter],
    });
    metrics.setGlobalMeterProvider(provider);
    const meter: Meter = provider.getMeter('@ferry/telemetry');
    let stopping: Promise<void> | undefined;
    return {
      enabled: true,
      recorder: createFerryMetrics(meter),
      serve: (request, response) => exporter.getMetricsRequestHandler(request, response),
      shutdown() {
        stopping ??= provider.shutdown().catch((cause: unknown) => {
          logger.warn({ err: cause }, 'metrics shutdown failed');
        });
        return stopping;
      },
    };
  } catch (cause) {
    logger.warn({ err: cause, service: serviceName }, 'metrics SDK not started; /metrics answers 404 and the service runs on');
    return disabledHandle('the metrics SDK did not start; see the service log');
  }
}
