import { FerryError } from '@ferry/errors';

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
export class TelemetryStartError extends FerryError<typeof TelemetryErrorCode.StartFailed> {
  constructor(serviceName: string, options: { cause: unknown }) {
    super(TelemetryErrorCode.StartFailed, `OpenTelemetry SDK for service ${serviceName} did not start; continuing without traces`, {
      cause: options.cause,
      retryable: false,
    });
  }
}

/**
 * Flushing or shutting down the SDK failed or timed out (collector unreachable). Logged, never
 * thrown; spans not yet exported are lost. A later flush may succeed once the collector is back.
 */
export class TelemetryShutdownError extends FerryError<typeof TelemetryErrorCode.ShutdownFailed> {
  constructor(serviceName: string, options: { cause: unknown }) {
    super(
      TelemetryErrorCode.ShutdownFailed,
      `OpenTelemetry SDK for service ${serviceName} did not shut down cleanly; unexported spans are lost`,
      {
        cause: options.cause,
        retryable: true,
      },
    );
  }
}
