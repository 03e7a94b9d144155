import { gunzipSync, gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { ContentEncoding, FerryHeader, type MessageContract } from '@ferry/contracts';
import { MessageDecodeError, MessageEncodeError, type PayloadIssue } from './errors';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies larger than this are gzip-compressed. Small messages stay plain JSON (readable with
 * `nats sub`, no CPU spent); big ones (a whole-backup plan) shrink several-fold below `max_payload`.
 */
export const compressAboveBytes = 64 * 1024;

/** nats-server's default `max_payload`: the limit assumed when the server's INFO is not known. */
export const defaultMaxPayloadBytes = 1024 * 1024;

/**
 * How many times the server's `max_payload` a gzip body may expand to. Real plans compress 5-10x,
 * so a few MB of JSON still travel; a bomb (a 61 KB body expanding to 63 MB) stops at the cap.
 */
export const maxExpansionOfMaxPayload = 8;

/**
 * The most bytes a receiver inflates a gzip body to on a server whose `max_payload` is
 * `maxPayloadBytes` (default {@link defaultMaxPayloadBytes}): {@link maxExpansionOfMaxPayload}
 * times it. Senders refuse JSON above it, receivers stop inflating at it. Pure.
 */
export function maxDecodedBytesFor(maxPayloadBytes: number = defaultMaxPayloadBytes): number {
  return maxExpansionOfMaxPayload * maxPayloadBytes;
}

/** `name/vN` of a contract, as written in logs, errors and the `Ferry-Contract` header. */
export function contractLabel(contract: MessageContract): string {
  return `${contract.name}/v${contract.version}`;
}

function issuesOf(error: z.ZodError): PayloadIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** A validated payload as bytes to send. */
export interface EncodedPayload {
  /** The body: the JSON, gzip-compressed when `contentEncoding` says so. */
  readonly data: Uint8Array;
  /** Value of the `Ferry-Content-Encoding` header; absent for plain JSON (then send no header). */
  readonly contentEncoding?: ContentEncoding;
  /** Size of the JSON before compression. */
  readonly jsonBytes: number;
}

/** Options of {@link encodePayload}. */
export interface EncodeOptions {
  /** Compress JSON larger than this many bytes; default {@link compressAboveBytes}. */
  readonly compressAboveBytes?: number;
}

/**
 * Validates `payload` against `schema` (the contract's, or its reply schema) and returns the JSON
 * of the parsed value (unknown keys stripped), gzip-compressed when it is larger than the
 * threshold and compression shrinks it. Pure; compresses synchronously (tens of ms for several
 * MB). Throws {@link MessageEncodeError} naming the subject and each schema issue path.
 */
export function encodePayload(
  contract: MessageContract,
  subject: string,
  payload: unknown,
  schema: z.ZodType = contract.schema,
  options: EncodeOptions = {},
): EncodedPayload {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new MessageEncodeError(subject, contractLabel(contract), issuesOf(parsed.error));
  const json = encoder.encode(JSON.stringify(parsed.data));
  if (json.length <= (options.compressAboveBytes ?? compressAboveBytes)) return { data: json, jsonBytes: json.length };
  const compressed = gzipSync(json);
  // Incompressible data (already compressed, random) would only grow and cost the receiver a gunzip.
  if (compressed.length >= json.length) return { data: json, jsonBytes: json.length };
  return { data: compressed, contentEncoding: ContentEncoding.Gzip, jsonBytes: json.length };
}

function decodeFailure(contract: MessageContract, subject: string, message: string, cause?: unknown): MessageDecodeError {
  return new MessageDecodeError(
    subject,
    contractLabel(contract),
    [{ path: '(root)', message }],
    cause === undefined ? undefined : { cause },
  );
}

function gunzip(contract: MessageContract, subject: string, data: Uint8Array, maxDecodedBytes: number): Uint8Array {
  try {
    // zlib stops inflating (and frees what it inflated) as soon as the output passes the cap.
    return gunzipSync(data, { maxOutputLength: maxDecodedBytes });
  } catch (cause) {
    // zlib's errors come from Node's realm, so read them by shape, not instanceof.
    const failure = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown; message?: unknown }) : {};
    const reason =
      failure.code === 'ERR_BUFFER_TOO_LARGE'
        ? `expands beyond ${maxDecodedBytes} bytes (${maxExpansionOfMaxPayload} x the server's max_payload); refused unread`
        : `is not valid gzip (${String(failure.message ?? cause)})`;
    throw decodeFailure(contract, subject, `payload marked ${FerryHeader.ContentEncoding}: gzip ${reason}`, cause);
  }
}

/**
 * Parses a body received on `subject` (first gunzipping it when `contentEncoding` is `gzip`, the
 * value of its `Ferry-Content-Encoding` header, inflating at most `maxDecodedBytes`) and validates
 * it against `schema`. Pure. Throws {@link MessageDecodeError} naming the subject and the issue
 * paths (`(root)` for a body that is not JSON, not valid gzip, expands beyond the cap, or is in an
 * unknown encoding).
 */
export function decodePayload(
  contract: MessageContract,
  subject: string,
  data: Uint8Array,
  schema: z.ZodType = contract.schema,
  contentEncoding?: string,
  maxDecodedBytes: number = maxDecodedBytesFor(),
): unknown {
  let body = data;
  if (contentEncoding === ContentEncoding.Gzip) body = gunzip(contract, subject, data, maxDecodedBytes);
  else if (contentEncoding !== undefined) {
    throw decodeFailure(
      contract,
      subject,
      `unsupported ${FerryHeader.ContentEncoding} ${JSON.stringify(contentEncoding)}; upgrade this receiver`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(body));
  } catch (cause) {
    throw decodeFailure(contract, subject, 'payload is not UTF-8 JSON', cause);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new MessageDecodeError(subject, contractLabel(contract), issuesOf(parsed.error));
  return parsed.data;
}
