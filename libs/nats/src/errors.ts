/**
 * Errors of the NATS adapter. Each has a stable `code`, the underlying `cause`, and `retryable`:
 * whether the same call may succeed later (a server coming back) or never will (a bad payload).
 */

/** Stable codes of NATS adapter errors; switch on these, never on messages. */
export const NatsErrorCode = {
  ConnectFailed: 'NATS_CONNECT_FAILED',
  MessageInvalid: 'NATS_MESSAGE_INVALID',
  MessageRejected: 'NATS_MESSAGE_REJECTED',
  PayloadTooLarge: 'NATS_PAYLOAD_TOO_LARGE',
  PublishFailed: 'NATS_PUBLISH_FAILED',
  RequestFailed: 'NATS_REQUEST_FAILED',
  RemoteFailed: 'NATS_REMOTE_FAILED',
  TopologyFailed: 'NATS_TOPOLOGY_FAILED',
  ConsumeFailed: 'NATS_CONSUME_FAILED',
} as const;
/** One of {@link NatsErrorCode}. */
export type NatsErrorCode = (typeof NatsErrorCode)[keyof typeof NatsErrorCode];

/** Base of every adapter error. */
export abstract class NatsAdapterError extends Error {
  abstract readonly code: NatsErrorCode;
  abstract readonly retryable: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** One schema violation: where in the payload (`spec.node`, `(root)`) and what is wrong. */
export interface PayloadIssue {
  readonly path: string;
  readonly message: string;
}

function describeIssues(issues: readonly PayloadIssue[]): string {
  return issues.map((i) => `at "${i.path}": ${i.message}`).join('; ');
}

function causeText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** No server could be reached (or auth failed) within the connect timeout. */
export class NatsConnectError extends NatsAdapterError {
  override readonly name = 'NatsConnectError';
  readonly code = NatsErrorCode.ConnectFailed;
  readonly retryable = true;

  constructor(servers: readonly string[], options: { cause: unknown }) {
    super(
      `cannot connect to NATS at ${servers.join(', ')} (${causeText(options.cause)}); check the URL and that nats-server runs`,
      options,
    );
  }
}

/**
 * A received payload is not JSON or does not match its contract's schema. Never retryable: the
 * same bytes fail the same way, so consumers terminate such messages instead of redelivering.
 */
export class MessageDecodeError extends NatsAdapterError {
  override readonly name = 'MessageDecodeError';
  readonly code = NatsErrorCode.MessageInvalid;
  readonly retryable = false;

  constructor(
    readonly subject: string,
    readonly contract: string,
    readonly issues: readonly PayloadIssue[],
    options?: { cause?: unknown },
  ) {
    super(`message on ${subject} does not match contract ${contract}: ${describeIssues(issues)}`, options);
  }
}

/** A payload about to be sent does not match its contract's schema; nothing was sent. A caller bug. */
export class MessageEncodeError extends NatsAdapterError {
  override readonly name = 'MessageEncodeError';
  readonly code = NatsErrorCode.MessageRejected;
  readonly retryable = false;

  constructor(
    readonly subject: string,
    readonly contract: string,
    readonly issues: readonly PayloadIssue[],
  ) {
    super(`refusing to send to ${subject}: payload does not match contract ${contract}: ${describeIssues(issues)}`);
  }
}

/** How big a message that does not fit was, measured right before sending. */
export interface MessageSize {
  /** Body (after compression, if any) plus headers: what the server compares with its limit. */
  readonly wireBytes: number;
  /** The JSON before compression. */
  readonly jsonBytes: number;
  /** Whether the body was gzip-compressed (it is not below the threshold or when gzip would not shrink it). */
  readonly compressed: boolean;
  /** The server's `max_payload`. */
  readonly limitBytes: number;
}

/**
 * A message is bigger than the server's `max_payload` even after compression; nothing was sent.
 * Not retryable: the same payload never fits until the server's limit changes.
 */
export class PayloadTooLargeError extends NatsAdapterError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = NatsErrorCode.PayloadTooLarge;
  readonly retryable = false;

  constructor(
    readonly subject: string,
    readonly contract: string,
    readonly size: MessageSize,
  ) {
    const body = size.compressed ? `gzip-compressed from ${size.jsonBytes} bytes of JSON` : `${size.jsonBytes} bytes of JSON, uncompressed`;
    super(
      `refusing to send ${contract} to ${subject}: the message is ${size.wireBytes} bytes (${body}), over the server's max_payload of ` +
        `${size.limitBytes} bytes; raise max_payload on the server or send less`,
    );
  }
}

/** The server did not confirm a JetStream publish (no stream, timeout, disconnected). */
export class PublishError extends NatsAdapterError {
  override readonly name = 'PublishError';
  readonly code = NatsErrorCode.PublishFailed;
  readonly retryable = true;

  constructor(subject: string, options: { cause: unknown }) {
    super(`publish to ${subject} was not confirmed by JetStream (${causeText(options.cause)}); retry with the same message id`, options);
  }
}

/** A request got no reply: timeout, no responder, cancelled, or an unreadable reply. */
export class RequestError extends NatsAdapterError {
  override readonly name = 'RequestError';
  readonly code = NatsErrorCode.RequestFailed;

  constructor(
    subject: string,
    readonly reason: 'timeout' | 'no-responders' | 'aborted' | 'failed',
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(`request to ${subject} failed (${reason})`, options);
  }
}

/** The responder answered with an error; `remoteCode` and `retryable` are what it reported. */
export class RemoteError extends NatsAdapterError {
  override readonly name = 'RemoteError';
  readonly code = NatsErrorCode.RemoteFailed;

  constructor(
    subject: string,
    readonly remoteCode: string,
    remoteMessage: string,
    readonly retryable: boolean,
  ) {
    super(`responder on ${subject} failed with ${remoteCode}: ${remoteMessage}`);
  }
}

/** A stream or consumer could not be created or updated to match its definition. */
export class TopologyError extends NatsAdapterError {
  override readonly name = 'TopologyError';
  readonly code = NatsErrorCode.TopologyFailed;

  constructor(
    what: string,
    readonly retryable: boolean,
    options: { cause: unknown },
  ) {
    super(`cannot create or update ${what} to match its definition in @ferry/contracts: ${causeText(options.cause)}`, options);
  }
}

/** A consumer cannot start or stopped on a server-side problem (missing consumer, deleted stream). */
export class ConsumeError extends NatsAdapterError {
  override readonly name = 'ConsumeError';
  readonly code = NatsErrorCode.ConsumeFailed;
  readonly retryable = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
