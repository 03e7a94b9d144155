// Public entry of @ferry/volume-info-client: what publishers of volume-info use — per-volume
// records on JetStream and the seal of a run's report, with retries until it is sealed.
export { VolumeReportError, VolumeReportErrorCode } from './errors';
export {
  createVolumeReporter,
  type VolumeReporter,
  type VolumeReporterOptions,
  type VolumeReportItem,
  type VolumeReportTarget,
  type VolumeSealAnswer,
} from './volume-reporter';
export { sealWithRetry, type SealRetryOptions } from './seal-retry';
