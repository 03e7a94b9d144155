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

/** A gzip body expanding beyond this is refused, so a hostile or broken sender cannot exhaust memory. */
export const maxDecodedBytes = 64 * 1024 * 1024;

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

function gunzip(contract: MessageContract, subject: string, data: Uint8Array): Uint8Array {
  try {
    return gunzipSync(data, { maxOutputLength: maxDecodedBytes });
  } catch (cause) {
    // zlib's errors come from Node's realm, so read them by shape, not instanceof.
    const failure = typeof cause === 'object' && cause !== null ? (cause as { code?: unknown; message?: unknown }) : {};
    const reason =
      failure.code === 'ERR_BUFFER_TOO_LARGE'
        ? `expands beyond ${maxDecodedBytes} bytes`
        : `is not valid gzip (${String(failure.message ?? cause)})`;
    throw decodeFailure(contract, subject, `payload marked ${FerryHeader.ContentEncoding}: gzip ${reason}`, cause);
  }
}

/**
 * Parses a body received on `subject` (first gunzipping it when `contentEncoding` is `gzip`, the
 * value of its `Ferry-Content-Encoding` header) and validates it against `schema`. Pure. Throws
 * {@link MessageDecodeError} naming the subject and the issue paths (`(root)` for a body that is
 * not JSON, not valid gzip, or in an unknown encoding).
 */
export function decodePayload(
  contract: MessageContract,
  subject: string,
  data: Uint8Array,
  schema: z.ZodType = contract.schema,
  contentEncoding?: string,
): unknown {
  let body = data;
  if (contentEncoding === ContentEncoding.Gzip) body = gunzip(contract, subject, data);
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
