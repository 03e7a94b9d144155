/** The environment as the SDK reads it (a subset of `process.env`). */
export type TelemetryEnvironment = Readonly<Record<string, string | undefined>>;

/** True when `OTEL_SDK_DISABLED` is `true` (case-insensitive, trimmed), as the spec defines. Pure. */
export function telemetryDisabled(env: TelemetryEnvironment): boolean {
  return env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true';
}

/** True when `OTEL_TRACES_EXPORTER` asks for no trace export (`none`). Pure. */
export function traceExportDisabled(env: TelemetryEnvironment): boolean {
  return (env['OTEL_TRACES_EXPORTER'] ?? '').split(',').some((e) => e.trim().toLowerCase() === 'none');
}

/**
 * The service name to report: `OTEL_SERVICE_NAME` wins over the app's own name, so operators can
 * rename a deployment without a rebuild, as the OpenTelemetry environment spec intends. Pure.
 */
export function effectiveServiceName(serviceName: string, env: TelemetryEnvironment): string {
  const fromEnv = env['OTEL_SERVICE_NAME']?.trim();
  return fromEnv ? fromEnv : serviceName;
}
