// Errors of the controller service lib. Every error has a stable `code`, the `cause` it wraps and
// whether trying again can help.
import { FerryError } from '@ferry/errors';

/** Stable codes of the controller service's failures. */
export const ControllerServiceErrorCode = {
  /** A controller setting in the environment is malformed; the message names the variable and the fix. */
  InvalidSettings: 'CONTROLLER_INVALID_SETTINGS',
  /** fs-backup: the pod or its volume named by the spec does not exist. */
  PodVolumeNotFound: 'CONTROLLER_POD_VOLUME_NOT_FOUND',
  /** fs-backup: the pod is not running on a node yet: retry. */
  PodNotReady: 'CONTROLLER_POD_NOT_READY',
  /** A Prepared resource lacks the volume location its expose result recorded (annotation removed by hand?): it cannot move. */
  MoveTargetMissing: 'CONTROLLER_MOVE_TARGET_MISSING',
} as const;
/** One of {@link ControllerServiceErrorCode}. */
export type ControllerServiceErrorCode = (typeof ControllerServiceErrorCode)[keyof typeof ControllerServiceErrorCode];

/** A failure of the controller service; `retryable` says whether trying again can help. */
export class ControllerServiceError extends FerryError<ControllerServiceErrorCode> {
  /** `retryable` defaults to false: say so explicitly where a retry helps. */
  constructor(code: ControllerServiceErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(code, message, { cause: options.cause, retryable: options.retryable ?? false });
  }
}
