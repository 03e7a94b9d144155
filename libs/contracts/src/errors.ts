import { FerryError } from '@ferry/errors';

/**
 * Errors of the contracts library. Every one is a programming or configuration mistake (a bad
 * node name, two contracts on one subject), so none is retryable: retrying cannot change a name.
 */

/** Stable codes of contract errors; switch on these, never on messages. */
export const ContractErrorCode = {
  InvalidToken: 'CONTRACT_INVALID_TOKEN',
  InvalidName: 'CONTRACT_INVALID_NAME',
  InvalidDefinition: 'CONTRACT_INVALID_DEFINITION',
} as const;
/** One of {@link ContractErrorCode}. */
export type ContractErrorCode = (typeof ContractErrorCode)[keyof typeof ContractErrorCode];

/** Base of every contracts error: a stable `code`, the `cause` if any, and `retryable` (always false). */
export abstract class ContractError<Code extends ContractErrorCode = ContractErrorCode> extends FerryError<Code> {
  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    // Retrying with the same input fails the same way.
    super(code, message, { cause: options?.cause, retryable: false });
  }
}

/**
 * A value cannot be one token of a NATS subject (empty, or contains `.`, `*`, `>`, whitespace or
 * control characters), or is not what the parameter expects (e.g. not a Kubernetes node name).
 */
export class InvalidSubjectTokenError extends ContractError<typeof ContractErrorCode.InvalidToken> {
  constructor(
    message: string,
    /** The rejected value, as given. */
    readonly value: string,
    options?: { cause?: unknown },
  ) {
    super(ContractErrorCode.InvalidToken, message, options);
  }
}

/** A stream, consumer or namespace name NATS would reject or that breaks Ferry's naming scheme. */
export class InvalidNameError extends ContractError<typeof ContractErrorCode.InvalidName> {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ContractErrorCode.InvalidName, message, options);
  }
}

/**
 * A definition that cannot work as declared: a consumer filter outside its stream, a JetStream
 * contract whose subjects its stream does not capture, a non-positive limit, overlapping subjects.
 */
export class InvalidDefinitionError extends ContractError<typeof ContractErrorCode.InvalidDefinition> {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ContractErrorCode.InvalidDefinition, message, options);
  }
}
