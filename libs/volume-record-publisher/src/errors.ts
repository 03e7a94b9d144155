// Errors of the volume record publisher: a stable `code`, the run and volume in the message, the
// NATS failure as `cause`, and whether a retry can help (always: the stream drops a re-sent record).
import { FerryError } from '@ferry/errors';

/** Stable codes of the publisher's failures; switch on these, never on messages. */
export const VolumeRecordErrorCode = {
  /** A record could not be stored (stream unreachable, ack timeout); publishing again is safe. */
  PublishFailed: 'VOLUME_RECORD_PUBLISH_FAILED',
} as const;
/** One of {@link VolumeRecordErrorCode}. */
export type VolumeRecordErrorCode = (typeof VolumeRecordErrorCode)[keyof typeof VolumeRecordErrorCode];

/** A failure to store a volume-info record. */
export class VolumeRecordError extends FerryError<VolumeRecordErrorCode> {
  constructor(code: VolumeRecordErrorCode, message: string, options: { cause?: unknown; retryable: boolean }) {
    super(code, message, options);
  }
}
