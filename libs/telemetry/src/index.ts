export { TelemetryErrorCode, TelemetryShutdownError, TelemetryStartError } from './errors';
export { withSpan, type WithSpanOptions } from './span-helper';
export { effectiveServiceName, telemetryDisabled, traceExportDisabled, type TelemetryEnvironment } from './telemetry-config';
export { startTelemetry, type TelemetryHandle, type TelemetryOptions } from './telemetry-starter';
// --- metrics ---
export {
  createFerryMetrics,
  exposureWaitBuckets,
  throughputBuckets,
  veleroDurationBuckets,
  type BackupEnd,
  type DataPathEnd,
  type DataPathEnded,
  type DataPathKindName,
  type FerryMetrics,
  type MoveOperation,
  type RestoreEnd,
} from './ferry-metrics';
export { metricsDisabled } from './metrics-config';
export { startMetrics, type MetricsHandle, type MetricsOptions } from './metrics-exporter';
// --- one trace per object ---
export {
  contextFromAnnotations,
  traceAnnotations,
  TraceAnnotation,
  traceIdOf,
  withAnnotatedContext,
  withObjectSpan,
  withTraceAnnotations,
  type ObjectAnnotations,
  type ObjectSpanOptions,
} from './object-trace';
export { markSpanFailed, objectAttributes, TraceAttribute, type TracedObjectMeta } from './trace-attributes';
