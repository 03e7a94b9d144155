// Tracing switched on and off between rounds of one controller bench run, as the services run
// with it in production: on = the OpenTelemetry SDK started by `startTelemetry` (OTLP/HTTP export
// to the environment's Jaeger with the SDK's default batching), and the DataUploads created as a
// Backup's snapshot step creates them (in a span, carrying its `ferry.io/traceparent`); off = no
// SDK at all (`OTEL_SDK_DISABLED=true`): the API's no-op tracer, no context manager, no propagator.
import { context, propagation, trace } from '@opentelemetry/api';
import type { Logger } from '@ferry/logger';
import { startTelemetry, withSpan, type TelemetryHandle } from '@ferry/telemetry';

/** The tracing switch of one bench process. */
export interface BenchTracing {
  /** Starts the SDK (idempotent); spans of every service in this process are exported from now on. */
  on(): void;
  /** Flushes and stops the SDK and unregisters it, so the process runs as without telemetry. Idempotent. */
  off(): Promise<void>;
  /** Runs `create` (one DataUpload's creation) in a span of its own, as a Backup's snapshot step does; a plain call when off. */
  traced<T>(create: () => Promise<T>): Promise<T>;
}

/** The switch exporting to `otlpUrl` (an `OTEL_EXPORTER_OTLP_ENDPOINT` value); starts off. */
export function benchTracing(otlpUrl: string, logger: Logger): BenchTracing {
  let handle: TelemetryHandle | undefined;
  return {
    on() {
      if (handle) return;
      process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = otlpUrl;
      process.env['OTEL_SERVICE_NAME'] = 'ferry-controller-bench';
      handle = startTelemetry({ serviceName: 'ferry-controller-bench', logger });
      if (!handle.enabled) throw new Error('the OpenTelemetry SDK did not start; see the log above');
    },
    async off() {
      if (!handle) return;
      await handle.shutdown();
      handle = undefined;
      trace.disable();
      context.disable();
      propagation.disable();
    },
    traced: (create) => withSpan('bench.volume', create),
  };
}
