/**
 * NATS header names Ferry sets besides the W3C trace context (`traceparent`, `tracestate`, set by
 * the OpenTelemetry propagator). Header names are part of the wire contract, so they live here.
 */
export const FerryHeader = {
  /** `<contract name>/v<version>` of the payload, for diagnostics of stored messages. */
  Contract: 'Ferry-Contract',
  /** Set on a reply when the responder failed: the stable error code... */
  ErrorCode: 'Ferry-Error-Code',
  /** ...a human-readable message... */
  ErrorMessage: 'Ferry-Error-Message',
  /** ...and `true`/`false`: whether asking again can help. */
  ErrorRetryable: 'Ferry-Error-Retryable',
  /**
   * How the JSON body is encoded, one of {@link ContentEncoding}; absent for plain JSON. Receivers
   * decode the body before parsing it; a value they do not know makes the message invalid.
   */
  ContentEncoding: 'Ferry-Content-Encoding',
} as const;
/** One of {@link FerryHeader}. */
export type FerryHeader = (typeof FerryHeader)[keyof typeof FerryHeader];

/** Values of the {@link FerryHeader.ContentEncoding} header. */
export const ContentEncoding = {
  /** The body is the gzip (RFC 1952) stream of the JSON bytes. */
  Gzip: 'gzip',
} as const;
/** One of {@link ContentEncoding}. */
export type ContentEncoding = (typeof ContentEncoding)[keyof typeof ContentEncoding];
