// Errors of the volume-info client (the seal). Each has a stable `code`, the run in its message, the `cause`
// (the NATS failure or the service's error reply) and whether a retry can help.
import { FerryError } from '@ferry/errors';

/** Stable codes of the client's failures; switch on these, never on messages. */
export const VolumeReportErrorCode = {
  /** The seal was not answered (volume-info down or restarting) or answered with an error. */
  SealFailed: 'VOLUME_REPORT_SEAL_FAILED',
} as const;
/** One of {@link VolumeReportErrorCode}. */
export type VolumeReportErrorCode = (typeof VolumeReportErrorCode)[keyof typeof VolumeReportErrorCode];

/** A failure to seal a run's volume report (a record's failure is the publisher's `VolumeRecordError`). */
export class VolumeReportError extends FerryError<VolumeReportErrorCode> {
  constructor(code: VolumeReportErrorCode, message: string, options: { cause?: unknown; retryable: boolean }) {
    super(code, message, options);
  }
}
