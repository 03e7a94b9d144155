// Errors of libs/api. Each has a stable `code`, an optional `cause`, and `retryable` (whether
// trying the same thing again can help: never, for a malformed document).
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

/** Base class of libs/api errors. */
export abstract class ApiError extends Error {
  abstract readonly code: ApiErrorCode;
  /** Whether retrying the same operation can succeed. */
  readonly retryable: boolean = false;
}

/**
 * A custom resource failed validation against its schema. `issues` name each offending field.
 * Not retryable: the object (or whoever wrote it) must be fixed.
 */
export class ResourceValidationError extends ApiError {
  readonly code = ApiErrorCode.InvalidResource;
  constructor(
    readonly kind: string,
    readonly objectName: string | undefined,
    readonly issues: readonly ValidationIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      `${kind} ${objectName ?? '(unnamed)'} does not match the ${kind} schema: ${formatIssues(issues)}. ` +
        `Fix the object or the component that wrote it.`,
      options,
    );
    this.name = 'ResourceValidationError';
  }
}

/**
 * A configuration document (node-agent ConfigMap, volume policy, volume info) failed validation.
 * `source` says where it came from (e.g. `ConfigMap velero/node-agent-config key config.json`).
 */
export class DocumentValidationError extends ApiError {
  readonly code = ApiErrorCode.InvalidDocument;
  constructor(
    readonly documentKind: string,
    readonly source: string | undefined,
    readonly issues: readonly ValidationIssue[],
    options?: { cause?: unknown },
  ) {
    super(`${documentKind}${source ? ` from ${source}` : ''} is invalid: ${formatIssues(issues)}. Correct the document.`, options);
    this.name = 'DocumentValidationError';
  }
}

/** A kind (resource or document) that libs/api does not define was asked for. */
export class UnknownKindError extends ApiError {
  readonly code = ApiErrorCode.UnknownKind;
  constructor(
    readonly kind: string,
    readonly knownKinds: readonly string[],
  ) {
    super(`unknown kind "${kind}"; libs/api defines: ${knownKinds.join(', ')}`);
    this.name = 'UnknownKindError';
  }
}

/**
 * A zod schema uses a construct with no structural-schema equivalent (transform, refinement,
 * arbitrary union...). A programming error in libs/api: raised while rendering CRDs, never at run time.
 */
export class UnsupportedSchemaError extends ApiError {
  readonly code = ApiErrorCode.UnsupportedSchema;
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`cannot render the schema at "${path || '(root)'}" as a structural CRD schema: ${detail}`);
    this.name = 'UnsupportedSchemaError';
  }
}
