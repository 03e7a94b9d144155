import type { z } from 'zod';
import type { MessageContract } from '@ferry/contracts';
import { MessageDecodeError, MessageEncodeError, type PayloadIssue } from './errors';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

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

/**
 * Validates `payload` against `schema` (the contract's, or its reply schema) and returns the JSON
 * bytes of the parsed value (unknown keys stripped). Pure. Throws {@link MessageEncodeError}
 * naming the subject and each schema issue path.
 */
export function encodePayload(contract: MessageContract, subject: string, payload: unknown, schema: z.ZodType = contract.schema): Uint8Array {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new MessageEncodeError(subject, contractLabel(contract), issuesOf(parsed.error));
  return encoder.encode(JSON.stringify(parsed.data));
}

/**
 * Parses JSON bytes received on `subject` and validates them against `schema`. Pure. Throws
 * {@link MessageDecodeError} naming the subject and the issue paths (`(root)` for non-JSON).
 */
export function decodePayload(contract: MessageContract, subject: string, data: Uint8Array, schema: z.ZodType = contract.schema): unknown {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(data));
  } catch (cause) {
    throw new MessageDecodeError(subject, contractLabel(contract), [{ path: '(root)', message: 'payload is not UTF-8 JSON' }], { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new MessageDecodeError(subject, contractLabel(contract), issuesOf(parsed.error));
  return parsed.data;
}
