import { telemetryDisabled, type TelemetryEnvironment } from './telemetry-config';

/**
 * Why metrics are off, or undefined when they are on: `OTEL_SDK_DISABLED=true` turns every signal
 * off, `OTEL_METRICS_EXPORTER=none` only metrics (the OpenTelemetry environment spec). Pure.
 */
export function metricsDisabled(env: TelemetryEnvironment): string | undefined {
  if (telemetryDisabled(env)) return 'OTEL_SDK_DISABLED=true';
  const exporters = (env['OTEL_METRICS_EXPORTER'] ?? '').split(',').map((e) => e.trim().toLowerCase());
  return exporters.includes('none') ? 'OTEL_METRICS_EXPORTER=none' : undefined;
}
