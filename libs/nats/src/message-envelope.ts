import { headers as createHeaders, type MsgHdrs } from '@nats-io/transport-node';
import type { z } from 'zod';
import { FerryHeader, type ContentEncoding, type MessageContract } from '@ferry/contracts';
import { MessageDecodeError, PayloadTooLargeError } from './errors';
import { contractLabel, decodePayload, encodePayload, maxDecodedBytesFor } from './message-codec';
import type { NatsClient } from './nats-client';

// The NATS side of the codec: the one place where bodies meet headers. Every send (publish,
// JetStream publish, request, reply) builds its message here and every receive decodes here, so
// the encoding header cannot be forgotten on one path.

/**
 * Fresh headers stamped with the contract label and, for a compressed body, its content encoding
 * (trace context is added later by the producer span).
 */
export function contractHeaders(contract: MessageContract, contentEncoding?: ContentEncoding): MsgHdrs {
  const h = createHeaders();
  h.set(FerryHeader.Contract, contractLabel(contract));
  if (contentEncoding !== undefined) h.set(FerryHeader.ContentEncoding, contentEncoding);
  return h;
}

/** A validated, encoded message with its headers, ready to send once its size is checked. */
export interface OutgoingMessage {
  readonly subject: string;
  readonly contract: MessageContract;
  readonly data: Uint8Array;
  readonly headers: MsgHdrs;
  /** Size of the JSON before compression (for the error when the message does not fit). */
  readonly jsonBytes: number;
}

/**
 * Validates and encodes `payload` for `subject` (compressing a large body) and builds its headers.
 * Pure. Throws {@link MessageEncodeError} for a payload that violates `schema`.
 */
export function outgoingMessage(
  contract: MessageContract,
  subject: string,
  payload: unknown,
  schema: z.ZodType = contract.schema,
): OutgoingMessage {
  const encoded = encodePayload(contract, subject, payload, schema);
  return {
    subject,
    contract,
    data: encoded.data,
    headers: contractHeaders(contract, encoded.contentEncoding),
    jsonBytes: encoded.jsonBytes,
  };
}

/** Bytes one header line adds to a message (`\r\nKey: value`). */
export function headerLineBytes(key: string, value: string): number {
  return Buffer.byteLength(`\r\n${key}: ${value}`);
}

/** Bytes `headers` take on the wire, as nats.js encodes them (`NATS/1.0`, lines, blank line). */
export function headerBytes(headers: MsgHdrs): number {
  let size = Buffer.byteLength('NATS/1.0\r\n\r\n');
  for (const [key, values] of headers) for (const value of values) size += headerLineBytes(key, value);
  return size;
}

/**
 * Throws {@link PayloadTooLargeError} when body plus headers (plus `extraHeaderBytes` the client
 * adds itself, e.g. `Nats-Msg-Id`) exceed the connected server's `max_payload`. Call it right
 * before sending, after the trace context is in the headers; does nothing before the first
 * connect (the client then reports the limit itself).
 */
export function assertFitsServer(client: NatsClient, message: OutgoingMessage, extraHeaderBytes = 0): void {
  const limitBytes = client.connection.info?.max_payload;
  if (limitBytes === undefined) return;
  const wireBytes = message.data.length + headerBytes(message.headers) + extraHeaderBytes;
  const compressed = message.headers.has(FerryHeader.ContentEncoding);
  const decodeLimitBytes = maxDecodedBytesFor(limitBytes);
  // A compressed body the receivers would refuse to inflate is as undeliverable as an oversized one.
  if (wireBytes <= limitBytes && !(compressed && message.jsonBytes > decodeLimitBytes)) return;
  throw new PayloadTooLargeError(message.subject, contractLabel(message.contract), {
    wireBytes,
    jsonBytes: message.jsonBytes,
    compressed,
    limitBytes,
    decodeLimitBytes,
  });
}

/**
 * The most bytes a gzip body received through `client` may inflate to: {@link maxDecodedBytesFor}
 * the connected server's `max_payload` (its default before the first INFO).
 */
export function decodeLimitOf(client: Pick<NatsClient, 'connection'>): number {
  return maxDecodedBytesFor(client.connection.info?.max_payload);
}

/** What a received message offers for decoding (core `Msg` and JetStream `JsMsg` both do). */
export interface ReceivedMessage {
  readonly data: Uint8Array;
  readonly headers?: MsgHdrs | undefined;
}

/**
 * Refuses a message whose `Ferry-Contract` header names another contract or version than the
 * receiver's: its body follows another schema, so reading it as this one would misread it.
 * A message without the header (not sent by Ferry's codec) is judged by its body alone.
 */
function checkContractHeader(contract: MessageContract, subject: string, headers: ReceivedMessage['headers']): void {
  const declared = headers?.has(FerryHeader.Contract) ? headers.get(FerryHeader.Contract) : undefined;
  const expected = contractLabel(contract);
  if (declared === undefined || declared === expected) return;
  const message = `payload declares ${FerryHeader.Contract} ${JSON.stringify(declared)} but this receiver reads ${expected} on this subject; send ${expected} here, or run a receiver that reads ${declared}`;
  throw new MessageDecodeError(subject, expected, [{ path: '(root)', message }]);
}

/**
 * Decodes a received message (gunzipping it, to at most `maxDecodedBytes`, when its
 * `Ferry-Content-Encoding` says so) and validates it against `schema`; errors name `subject`.
 * Pure. Receivers pass {@link decodeLimitOf} their client. Throws {@link MessageDecodeError}, also
 * for a message whose `Ferry-Contract` header names another contract or version.
 */
export function decodeMessage(
  contract: MessageContract,
  subject: string,
  message: ReceivedMessage,
  schema: z.ZodType = contract.schema,
  maxDecodedBytes: number = maxDecodedBytesFor(),
): unknown {
  checkContractHeader(contract, subject, message.headers);
  const encoding = message.headers?.has(FerryHeader.ContentEncoding) ? message.headers.get(FerryHeader.ContentEncoding) : undefined;
  return decodePayload(contract, subject, message.data, schema, encoding, maxDecodedBytes);
}
