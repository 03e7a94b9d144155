import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { createLogger, type Logger } from '@ferry/logger';
import { TelemetryShutdownError, TelemetryStartError } from './errors';
import { effectiveServiceName, telemetryDisabled, traceExportDisabled } from './telemetry-config';

/** Options of {@link startTelemetry}. */
export interface TelemetryOptions {
  /** `service.name` of every span (overridden by `OTEL_SERVICE_NAME` when set). */
  readonly serviceName: string;
  readonly serviceVersion?: string;
  /** Where SDK problems (exporter failures, shutdown errors) are logged; default a `telemetry` logger. */
  readonly logger?: Logger;
  /** Upper bound of {@link TelemetryHandle.shutdown}; default 5000 ms. */
  readonly shutdownTimeoutMs?: number;
}

/** A started (or disabled) SDK. */
export interface TelemetryHandle {
  /** False when disabled by `OTEL_SDK_DISABLED=true` or when the SDK failed to start. */
  readonly enabled: boolean;
  /**
   * Flushes pending spans and stops the SDK. Never rejects, bounded by `shutdownTimeoutMs`,
   * idempotent (later calls return the first call's promise). Apps call it on SIGTERM.
   */
  shutdown(): Promise<void>;
}

function diagLogger(logger: Logger): DiagLogger {
  const forward = (message: string, ...args: unknown[]): void => logger.warn({ otel: args }, message);
  const ignore = (): void => undefined;
  return { error: forward, warn: forward, info: ignore, debug: ignore, verbose: ignore };
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const disabledHandle: TelemetryHandle = { enabled: false, shutdown: () => Promise.resolve() };

/**
 * Starts the OpenTelemetry Node SDK for an app: OTLP/HTTP trace export configured by the standard
 * `OTEL_EXPORTER_OTLP_*` variables, W3C trace-context and baggage propagation, async-hooks context,
 * resource with `service.name`. Call once, first thing in `main.ts`, before the libraries that
 * create spans are used. Synchronous; never throws: a failure is logged and a disabled handle is
 * returned. Does nothing when `OTEL_SDK_DISABLED=true`. The app owns the handle and calls `shutdown()`.
 * Libraries never call this; they depend on `@opentelemetry/api` only.
 */
export function startTelemetry(options: TelemetryOptions): TelemetryHandle {
  const env = process.env;
  const logger = options.logger ?? createLogger({ name: 'telemetry' });
  if (telemetryDisabled(env)) {
    logger.info('OpenTelemetry disabled by OTEL_SDK_DISABLED');
    return disabledHandle;
  }
  const serviceName = effectiveServiceName(options.serviceName, env);
  let sdk: NodeSDK;
  try {
    sdk = new NodeSDK({
      serviceName,
      resource: defaultResource().merge(
        resourceFromAttributes(options.serviceVersion ? { [ATTR_SERVICE_VERSION]: options.serviceVersion } : {}),
      ),
      contextManager: new AsyncLocalStorageContextManager(),
      textMapPropagator: new CompositePropagator({
        propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
      }),
      ...(traceExportDisabled(env) ? { spanProcessors: [] } : { traceExporter: new OTLPTraceExporter() }),
      // Traces only: logs go through pino, metrics are not exported yet.
      metricReaders: [],
      logRecordProcessors: [],
    });
    diag.setLogger(diagLogger(logger), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
    sdk.start();
  } catch (cause) {
    logger.warn({ err: new TelemetryStartError(serviceName, { cause }) }, 'telemetry not started');
    return disabledHandle;
  }
  const timeoutMs = options.shutdownTimeoutMs ?? 5000;
  let stopping: Promise<void> | undefined;
  return {
    enabled: true,
    shutdown() {
      stopping ??= withTimeout(sdk.shutdown(), timeoutMs).catch((cause: unknown) => {
        logger.warn({ err: new TelemetryShutdownError(serviceName, { cause }) }, 'telemetry shutdown failed');
      });
      return stopping;
    },
  };
}
