/** Stable codes of telemetry errors. */
export const TelemetryErrorCode = {
  StartFailed: 'TELEMETRY_START_FAILED',
  ShutdownFailed: 'TELEMETRY_SHUTDOWN_FAILED',
} as const;
/** One of {@link TelemetryErrorCode}. */
export type TelemetryErrorCode = (typeof TelemetryErrorCode)[keyof typeof TelemetryErrorCode];

/**
 * The SDK could not be started (bad OTEL_* configuration, a failing exporter constructor).
 * Logged, never thrown: the app runs on without traces. Restarting with the same environment
 * fails the same way.
 */
export class TelemetryStartError extends Error {
  override readonly name = 'TelemetryStartError';
  readonly code = TelemetryErrorCode.StartFailed;
  readonly retryable = false;

  constructor(serviceName: string, options: { cause: unknown }) {
    super(`OpenTelemetry SDK for service ${serviceName} did not start; continuing without traces`, options);
  }
}

/**
 * Flushing or shutting down the SDK failed or timed out (collector unreachable). Logged, never
 * thrown; spans not yet exported are lost. A later flush may succeed once the collector is back.
 */
export class TelemetryShutdownError extends Error {
  override readonly name = 'TelemetryShutdownError';
  readonly code = TelemetryErrorCode.ShutdownFailed;
  readonly retryable = true;

  constructor(serviceName: string, options: { cause: unknown }) {
    super(`OpenTelemetry SDK for service ${serviceName} did not shut down cleanly; unexported spans are lost`, options);
  }
}
