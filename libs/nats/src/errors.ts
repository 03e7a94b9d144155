import { FerryError } from '@ferry/errors';

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
  CredentialsInvalid: 'NATS_CREDENTIALS_INVALID',
} as const;
/** One of {@link NatsErrorCode}. */
export type NatsErrorCode = (typeof NatsErrorCode)[keyof typeof NatsErrorCode];

/** Base of every adapter error. */
export abstract class NatsAdapterError<Code extends NatsErrorCode = NatsErrorCode> extends FerryError<Code> {}

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
export class NatsConnectError extends NatsAdapterError<typeof NatsErrorCode.ConnectFailed> {
  constructor(servers: readonly string[], options: { cause: unknown }) {
    super(
      NatsErrorCode.ConnectFailed,
      `cannot connect to NATS at ${servers.join(', ')} (${causeText(options.cause)}); check the URL and that nats-server runs`,
      { cause: options.cause, retryable: true },
    );
  }
}

/**
 * A NATS credentials file cannot be read or is not `{"user": "…", "password": "…"}`. Never
 * retryable: fix the file (its Secret) and restart. The message names the file, never its content.
 */
export class NatsCredentialsError extends NatsAdapterError<typeof NatsErrorCode.CredentialsInvalid> {
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(NatsErrorCode.CredentialsInvalid, `NATS credentials file ${file} ${problem}`, { cause: options?.cause, retryable: false });
  }
}

/**
 * A received payload is not JSON or does not match its contract's schema. Never retryable: the
 * same bytes fail the same way, so consumers terminate such messages instead of redelivering.
 */
export class MessageDecodeError extends NatsAdapterError<typeof NatsErrorCode.MessageInvalid> {
  constructor(
    readonly subject: string,
    readonly contract: string,
    readonly issues: readonly PayloadIssue[],
    options?: { cause?: unknown },
  ) {
    super(NatsErrorCode.MessageInvalid, `message on ${subject} does not match contract ${contract}: ${describeIssues(issues)}`, {
      cause: options?.cause,
      retryable: false,
    });
  }
}

/** A payload about to be sent does not match its contract's schema; nothing was sent. A caller bug. */
export class MessageEncodeError extends NatsAdapterError<typeof NatsErrorCode.MessageRejected> {
  constructor(
    readonly subject: string,
    readonly contract: string,
    readonly issues: readonly PayloadIssue[],
  ) {
    super(
      NatsErrorCode.MessageRejected,
      `refusing to send to ${subject}: payload does not match contract ${contract}: ${describeIssues(issues)}`,
      {
        retryable: false,
      },
    );
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
  /** The most JSON a receiver inflates a compressed body to (a multiple of `max_payload`). */
  readonly decodeLimitBytes: number;
}

/**
 * A message is bigger than the server's `max_payload` even after compression; nothing was sent.
 * Not retryable: the same payload never fits until the server's limit changes.
 */
export class PayloadTooLargeError extends NatsAdapterError<typeof NatsErrorCode.PayloadTooLarge> {
  constructor(
    readonly subject: string,
    readonly contract: string,
    readonly size: MessageSize,
  ) {
    const body = size.compressed ? `gzip-compressed from ${size.jsonBytes} bytes of JSON` : `${size.jsonBytes} bytes of JSON, uncompressed`;
    const over =
      size.wireBytes > size.limitBytes
        ? `over the server's max_payload of ${size.limitBytes} bytes`
        : `over the ${size.decodeLimitBytes} bytes receivers inflate a compressed body to (a multiple of max_payload ${size.limitBytes})`;
    super(
      NatsErrorCode.PayloadTooLarge,
      `refusing to send ${contract} to ${subject}: the message is ${size.wireBytes} bytes (${body}), ${over}; ` +
        `raise max_payload on the server or send less`,
      { retryable: false },
    );
  }
}

/** The server did not confirm a JetStream publish (no stream, timeout, disconnected). */
export class PublishError extends NatsAdapterError<typeof NatsErrorCode.PublishFailed> {
  constructor(subject: string, options: { cause: unknown }) {
    super(
      NatsErrorCode.PublishFailed,
      `publish to ${subject} was not confirmed by JetStream (${causeText(options.cause)}); retry with the same message id`,
      {
        cause: options.cause,
        retryable: true,
      },
    );
  }
}

/** A request got no reply: timeout, no responder, cancelled, or an unreadable reply. */
export class RequestError extends NatsAdapterError<typeof NatsErrorCode.RequestFailed> {
  constructor(
    subject: string,
    readonly reason: 'timeout' | 'no-responders' | 'aborted' | 'failed',
    retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(NatsErrorCode.RequestFailed, `request to ${subject} failed (${reason})`, { cause: options?.cause, retryable });
  }
}

/** The responder answered with an error; `remoteCode` and `retryable` are what it reported. */
export class RemoteError extends NatsAdapterError<typeof NatsErrorCode.RemoteFailed> {
  constructor(
    subject: string,
    readonly remoteCode: string,
    remoteMessage: string,
    retryable: boolean,
  ) {
    super(NatsErrorCode.RemoteFailed, `responder on ${subject} failed with ${remoteCode}: ${remoteMessage}`, { retryable });
  }
}

/** A stream or consumer could not be created or updated to match its definition. */
export class TopologyError extends NatsAdapterError<typeof NatsErrorCode.TopologyFailed> {
  constructor(what: string, retryable: boolean, options: { cause: unknown }) {
    super(
      NatsErrorCode.TopologyFailed,
      `cannot create or update ${what} to match its definition in @ferry/contracts: ${causeText(options.cause)}`,
      {
        cause: options.cause,
        retryable,
      },
    );
  }
}

/** A consumer cannot start or stopped on a server-side problem (missing consumer, deleted stream). */
export class ConsumeError extends NatsAdapterError<typeof NatsErrorCode.ConsumeFailed> {
  constructor(message: string, options?: { cause?: unknown }) {
    super(NatsErrorCode.ConsumeFailed, message, { cause: options?.cause, retryable: true });
  }
}
