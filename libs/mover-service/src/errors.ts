// Errors of the mover service. Every error has a stable `code`, the `cause` it wraps and whether
// trying again can help. Messages name the object and field at fault and never hold a secret.
import { FerryError } from '@ferry/errors';

/** Stable codes of the mover service's failures (job results carry them beside `UPLOADER_*`). */
export const MoverServiceErrorCode = {
  /** A mover setting in the environment is missing or malformed; the message names the variable and the fix. */
  InvalidSettings: 'MOVER_INVALID_SETTINGS',
  /** The job's volume is not under the kubelet pods directory of this node. */
  VolumeNotFound: 'MOVER_VOLUME_NOT_FOUND',
  /** Several volume plugins hold a folder of the job's volume name; the mover will not guess. */
  VolumeAmbiguous: 'MOVER_VOLUME_AMBIGUOUS',
  /** The BackupStorageLocation named by the job does not exist. */
  StorageLocationNotFound: 'MOVER_BSL_NOT_FOUND',
  /** The BackupStorageLocation cannot be used (unsupported provider, missing bucket or region). */
  StorageLocationInvalid: 'MOVER_BSL_INVALID',
  /** A Secret the repository needs (credentials, repository password) does not exist. */
  SecretNotFound: 'MOVER_SECRET_NOT_FOUND',
  /**
   * The mover's ServiceAccount may not read a Secret the repository needs: the Role `ferry-mover`
   * grants only the Secrets it names (deploy/README.md, "Secrets the movers read").
   */
  SecretForbidden: 'MOVER_SECRET_FORBIDDEN',
  /** A Secret exists but lacks the key, or its content cannot be used. */
  SecretInvalid: 'MOVER_SECRET_INVALID',
  /** The API server could not be asked (network, throttling, 5xx). Retryable. */
  KubeUnavailable: 'MOVER_KUBE_UNAVAILABLE',
  /**
   * Another mover claimed the creation of the job's new repository, but it did not appear while
   * this one waited (the creator failed or died). Retryable: once the claim is older than the
   * EVENTS duplicate window, the next attempt claims and creates it itself.
   */
  RepositoryNotCreated: 'MOVER_REPOSITORY_NOT_CREATED',
  /** The job was canceled by a `move.cancel` event. */
  Canceled: 'MOVER_CANCELED',
  /** An unexpected failure (a bug or an unclassified IO error); retrying may help. */
  Internal: 'MOVER_INTERNAL',
} as const;
/** One of {@link MoverServiceErrorCode}. */
export type MoverServiceErrorCode = (typeof MoverServiceErrorCode)[keyof typeof MoverServiceErrorCode];

const retryableCodes: ReadonlySet<MoverServiceErrorCode> = new Set([
  MoverServiceErrorCode.KubeUnavailable,
  MoverServiceErrorCode.RepositoryNotCreated,
  MoverServiceErrorCode.Internal,
]);

/** A failure of the mover service; `retryable` says whether trying again can help. */
export class MoverServiceError extends FerryError<MoverServiceErrorCode> {
  /** `retryable` defaults to whether the code is one a retry can fix (KubeUnavailable, RepositoryNotCreated, Internal). */
  constructor(code: MoverServiceErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(code, message, { cause: options.cause, retryable: options.retryable ?? retryableCodes.has(code) });
  }
}

/** The classified error of a job result: stable code, retryable, message (never a secret). */
export interface ClassifiedError {
  readonly code: string;
  readonly retryable: boolean;
  readonly message: string;
}

/**
 * The classification of any failure for a job result: errors of Ferry's libraries keep their
 * `code` and `retryable`; anything else becomes `MOVER_INTERNAL` (retryable). Pure.
 */
export function classifyError(error: unknown): ClassifiedError {
  if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    'retryable' in error &&
    typeof error.retryable === 'boolean'
  ) {
    return { code: error.code, retryable: error.retryable, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: MoverServiceErrorCode.Internal, retryable: true, message: `unexpected mover failure: ${message}` };
}
