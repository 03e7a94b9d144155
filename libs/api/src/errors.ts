// Errors of libs/api. Each has a stable `code`, an optional `cause`, and `retryable` (whether
// trying the same thing again can help: never, for a malformed document).
import { FerryError } from '@ferry/errors';
import { formatIssues, type ValidationIssue } from './validation/validation-result';

/** Stable codes of the errors this lib throws. */
export const ApiErrorCode = {
  InvalidResource: 'API_INVALID_RESOURCE',
  InvalidDocument: 'API_INVALID_DOCUMENT',
  UnknownKind: 'API_UNKNOWN_KIND',
  UnsupportedSchema: 'API_UNSUPPORTED_SCHEMA',
} as const;
/** One of {@link ApiErrorCode}. */
export type ApiErrorCode = (typeof ApiErrorCode)[keyof typeof ApiErrorCode];

/** Base class of libs/api errors; never retryable (the same document fails the same way). */
export abstract class ApiError<Code extends ApiErrorCode = ApiErrorCode> extends FerryError<Code> {
  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(code, message, { cause: options?.cause, retryable: false });
  }
}

/**
 * A custom resource failed validation against its schema. `issues` name each offending field.
 * Not retryable: the object (or whoever wrote it) must be fixed.
 */
export class ResourceValidationError extends ApiError<typeof ApiErrorCode.InvalidResource> {
  constructor(
    readonly kind: string,
    readonly objectName: string | undefined,
    readonly issues: readonly ValidationIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      ApiErrorCode.InvalidResource,
      `${kind} ${objectName ?? '(unnamed)'} does not match the ${kind} schema: ${formatIssues(issues)}. ` +
        `Fix the object or the component that wrote it.`,
      options,
    );
  }
}

/**
 * A configuration document (node-agent ConfigMap, volume policy, volume info) failed validation.
 * `source` says where it came from (e.g. `ConfigMap velero/node-agent-config key config.json`).
 */
export class DocumentValidationError extends ApiError<typeof ApiErrorCode.InvalidDocument> {
  constructor(
    readonly documentKind: string,
    readonly source: string | undefined,
    readonly issues: readonly ValidationIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      ApiErrorCode.InvalidDocument,
      `${documentKind}${source ? ` from ${source}` : ''} is invalid: ${formatIssues(issues)}. Correct the document.`,
      options,
    );
  }
}

/** A kind (resource or document) that libs/api does not define was asked for. */
export class UnknownKindError extends ApiError<typeof ApiErrorCode.UnknownKind> {
  constructor(
    readonly kind: string,
    readonly knownKinds: readonly string[],
  ) {
    super(ApiErrorCode.UnknownKind, `unknown kind "${kind}"; libs/api defines: ${knownKinds.join(', ')}`);
  }
}

/**
 * A zod schema uses a construct with no structural-schema equivalent (transform, refinement,
 * arbitrary union...). A programming error in libs/api: raised while rendering CRDs, never at run time.
 */
export class UnsupportedSchemaError extends ApiError<typeof ApiErrorCode.UnsupportedSchema> {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(ApiErrorCode.UnsupportedSchema, `cannot render the schema at "${path || '(root)'}" as a structural CRD schema: ${detail}`);
  }
}
