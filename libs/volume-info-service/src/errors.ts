// Errors of the volume-info service. Each has a stable `code` (the NATS error-reply code, and the
// last segment of the RFC 9457 problem `type` of the HTTP API), the `cause`, the HTTP status it
// answers with, and `retryable`: whether asking again later can help without anyone acting.
import { FerryError } from '@ferry/errors';

/** Stable codes of volume-info failures; switch on these, never on messages. */
export const VolumeInfoErrorCode = {
  /** No such Backup in the service's namespace. */
  BackupNotFound: 'VOLUMEINFO_BACKUP_NOT_FOUND',
  /** No such Restore in the service's namespace. */
  RestoreNotFound: 'VOLUMEINFO_RESTORE_NOT_FOUND',
  /** No backup or restore of the claim is known. */
  ClaimNotFound: 'VOLUMEINFO_CLAIM_NOT_FOUND',
  /** The Backup/Restore has not finished: its document is written when it completes. */
  NotFinished: 'VOLUMEINFO_NOT_FINISHED',
  /** The Backup/Restore finished without a volume document in its bucket (Failed, or an older Velero). */
  DocumentMissing: 'VOLUMEINFO_DOCUMENT_MISSING',
  /** The document is there but is not Velero's JSON array (named field paths in the message). */
  DocumentInvalid: 'VOLUMEINFO_DOCUMENT_INVALID',
  /** A seal names volumes whose inputs no stored record holds (yet): publish them and seal again. */
  RecordsIncomplete: 'VOLUMEINFO_RECORDS_INCOMPLETE',
  /** The BSL, its credentials or the bucket cannot be reached. */
  StoreUnavailable: 'VOLUMEINFO_STORE_UNAVAILABLE',
  /** The request path or query is malformed. */
  BadRequest: 'VOLUMEINFO_BAD_REQUEST',
  /** No route of the HTTP API has this path. */
  NoRoute: 'VOLUMEINFO_NO_ROUTE',
  /** The path exists, the method does not (the API is read-only: GET). */
  MethodNotAllowed: 'VOLUMEINFO_METHOD_NOT_ALLOWED',
} as const;
/** One of {@link VolumeInfoErrorCode}. */
export type VolumeInfoErrorCode = (typeof VolumeInfoErrorCode)[keyof typeof VolumeInfoErrorCode];

const httpStatusOf: Record<VolumeInfoErrorCode, number> = {
  VOLUMEINFO_BACKUP_NOT_FOUND: 404,
  VOLUMEINFO_RESTORE_NOT_FOUND: 404,
  VOLUMEINFO_CLAIM_NOT_FOUND: 404,
  VOLUMEINFO_NOT_FINISHED: 409,
  VOLUMEINFO_DOCUMENT_MISSING: 404,
  VOLUMEINFO_DOCUMENT_INVALID: 502,
  VOLUMEINFO_RECORDS_INCOMPLETE: 409,
  VOLUMEINFO_STORE_UNAVAILABLE: 503,
  VOLUMEINFO_BAD_REQUEST: 400,
  VOLUMEINFO_NO_ROUTE: 404,
  VOLUMEINFO_METHOD_NOT_ALLOWED: 405,
};

/** The titles of the problem types (RFC 9457 `title`: the same for every occurrence of a type). */
const titleOf: Record<VolumeInfoErrorCode, string> = {
  VOLUMEINFO_BACKUP_NOT_FOUND: 'Backup not found',
  VOLUMEINFO_RESTORE_NOT_FOUND: 'Restore not found',
  VOLUMEINFO_CLAIM_NOT_FOUND: 'No backup or restore of this claim',
  VOLUMEINFO_NOT_FINISHED: 'Not finished yet',
  VOLUMEINFO_DOCUMENT_MISSING: 'No volume info document',
  VOLUMEINFO_DOCUMENT_INVALID: 'Volume info document unreadable',
  VOLUMEINFO_RECORDS_INCOMPLETE: 'Volume records incomplete',
  VOLUMEINFO_STORE_UNAVAILABLE: 'Backup storage location unavailable',
  VOLUMEINFO_BAD_REQUEST: 'Bad request',
  VOLUMEINFO_NO_ROUTE: 'No such path',
  VOLUMEINFO_METHOD_NOT_ALLOWED: 'Method not allowed',
};

const retryableCodes: ReadonlySet<VolumeInfoErrorCode> = new Set([
  VolumeInfoErrorCode.NotFinished,
  VolumeInfoErrorCode.RecordsIncomplete,
  VolumeInfoErrorCode.StoreUnavailable,
]);

/** A volume-info failure; `status` and `title` are its HTTP problem's. */
export class VolumeInfoError extends FerryError<VolumeInfoErrorCode> {
  /** The HTTP status of this code. */
  readonly status: number;
  /** The RFC 9457 title of this code. */
  readonly title: string;

  constructor(code: VolumeInfoErrorCode, message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    const retryable = options.retryable ?? retryableCodes.has(code);
    super(code, message, { cause: options.cause, retryable });
    this.status = httpStatusOf[code];
    this.title = titleOf[code];
  }
}
