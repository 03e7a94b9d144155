export { TelemetryErrorCode, TelemetryShutdownError, TelemetryStartError } from './errors';
export { withSpan, type WithSpanOptions } from './span-helper';
export { effectiveServiceName, telemetryDisabled, traceExportDisabled, type TelemetryEnvironment } from './telemetry-config';
export { startTelemetry, type TelemetryHandle, type TelemetryOptions } from './telemetry-starter';
