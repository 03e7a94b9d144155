// The bad-input corpus's HTTP and NATS cases: the bodies only a program can write, the call, and
// the check of what its author got back (a problem, an error reply, a failed publish, or a
// terminated message and the consumer's log line about it).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { NatsClient } from '@ferry/nats';
import { eventually } from '../../src/testing/eventually';
import { adminHeaders } from '../../src/testing/service-api-access';
import type { BadInput, ExpectedError } from './bad-input-case';

/** What a check saw: whether the error met the expectation, and the error itself. */
export interface CheckOutcome {
  readonly ok: boolean;
  readonly seen: string;
}

type Body = Extract<BadInput, { kind: 'http' }>['body'];

/** A YAML document of nine levels of nine aliases (9^9 strings once expanded). */
export function aliasBomb(): string {
  const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  const anchors = levels.map((name, i) =>
    i === 0
      ? `x0: &a [${Array(9).fill('"lol"').join(',')}]`
      : `x${i}: &${name} [${Array(9)
          .fill(`*${levels[i - 1]}`)
          .join(',')}]`,
  );
  return [...anchors, 'version: *i', ''].join('\n');
}

let bomb: Buffer | undefined;
const gzipBomb = (): Buffer => (bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024)));

/** The bytes of a body and the headers it needs. */
export function bodyBytes(body: Body): { data: Uint8Array; headers: Record<string, string> } {
  if (body === undefined) return { data: new Uint8Array(), headers: {} };
  if (typeof body === 'string') return { data: Buffer.from(body), headers: {} };
  switch (body.generate) {
    case 'gzip-bomb':
      return { data: gzipBomb(), headers: { 'Ferry-Content-Encoding': 'gzip' } };
    case 'not-gzip':
      return { data: Buffer.from('{"plain": "json, not gzip"}'), headers: { 'Ferry-Content-Encoding': 'gzip' } };
    case 'oversized':
      return { data: Buffer.from(JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) })), headers: {} };
    case 'alias-bomb-document':
      return { data: Buffer.from(JSON.stringify({ document: aliasBomb() })), headers: {} };
    case 'huge-document':
      return { data: Buffer.from(JSON.stringify({ document: `version: v1\n# ${'x'.repeat(1_100_000)}` })), headers: {} };
  }
}

const matches = (pattern: RegExp, seen: string): CheckOutcome => ({ ok: pattern.test(seen), seen });
const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Sends an HTTP case to `baseUrl` and checks the problem it answers. */
export async function runHttpCase(
  input: Extract<BadInput, { kind: 'http' }>,
  baseUrl: string,
  expected: ExpectedError,
  pattern: RegExp,
): Promise<CheckOutcome> {
  const { data } = bodyBytes(input.body);
  const auth = input.anonymous ? {} : await adminHeaders();
  const response = await fetch(`${baseUrl}${input.path}`, {
    method: input.method,
    headers: { ...auth, ...(input.body === undefined ? {} : { 'content-type': input.contentType ?? 'application/json' }) },
    ...(input.body === undefined ? {} : { body: data }),
  });
  const text = await response.text();
  let detail = text.slice(0, 300);
  try {
    const problem = JSON.parse(text) as { detail?: string; title?: string };
    detail = `${problem.title ?? ''}: ${problem.detail ?? ''}`;
  } catch {
    // not JSON: the raw text is what the caller got
  }
  const type = response.headers.get('content-type') ?? '';
  const seen = `${response.status} ${detail}${type.startsWith('application/problem+json') ? '' : ` (content-type ${type})`}`;
  const isProblem = type.startsWith('application/problem+json');
  const status = expected.place === 'http' ? expected.status : 0;
  return { ok: response.status === status && isProblem && pattern.test(detail), seen };
}

function headersOf(all: Record<string, string>) {
  const h = natsHeaders();
  for (const [key, value] of Object.entries(all)) h.set(key, value);
  return h;
}

/** Sends a NATS request case and checks the error its requester gets. */
export async function runNatsRequest(nats: NatsClient, subject: string, body: Body, extra: Record<string, string>, pattern: RegExp) {
  const { data, headers } = bodyBytes(body);
  try {
    const reply = await nats.connection.request(subject, data, { timeout: 5000, headers: headersOf({ ...headers, ...extra }) });
    const message = reply.headers?.get('Ferry-Error-Message');
    if (!message) return { ok: false, seen: `answered without error: ${Buffer.from(reply.data).toString('utf8').slice(0, 200)}` };
    return matches(pattern, `${reply.headers?.get('Ferry-Error-Code') ?? ''}: ${message}`);
  } catch (error) {
    return matches(pattern, errorText(error));
  }
}

/** A JSON log line of a service. */
type LogLine = Record<string, unknown> & { msg?: string };

async function terminationLine(logFile: string, subject: string, sequence: number): Promise<LogLine | undefined> {
  const lines = (await readFile(logFile, 'utf8').catch(() => '')).split('\n');
  for (const line of lines) {
    // A consumer terminates a bad message; a reader of stored messages (volume-info's record follower) skips it.
    if (!line.includes('message terminated') && !line.includes('stored message skipped')) continue;
    try {
      const parsed = JSON.parse(line) as LogLine;
      if (parsed['streamSequence'] === sequence && parsed['subject'] === subject) return parsed;
    } catch {
      // a line that is not JSON is not the one
    }
  }
  return undefined;
}

/**
 * Publishes a NATS case into JetStream. A `publish` expectation checks the publisher's error; a
 * `dead-letter` one waits until `logFile` holds the consumer's `message terminated` line (or a
 * stored-message reader's `stored message skipped` line) for the stored message and checks its reason.
 */
export async function runNatsPublish(
  nats: NatsClient,
  subject: string,
  body: Body,
  extra: Record<string, string>,
  expected: ExpectedError,
  pattern: RegExp,
  logFile: string | undefined,
): Promise<CheckOutcome> {
  const { data, headers } = bodyBytes(body);
  let ack;
  try {
    ack = await nats.jetstream.publish(subject, data, { headers: headersOf({ ...headers, ...extra }), timeout: 5000 });
  } catch (error) {
    return expected.place === 'publish' ? matches(pattern, errorText(error)) : { ok: false, seen: errorText(error) };
  }
  const stored = `stored in ${ack.stream} as #${ack.seq}`;
  if (expected.place !== 'dead-letter' || !logFile) return { ok: false, seen: `accepted: ${stored}` };
  const line = await eventually(`the termination of ${subject} #${ack.seq} in ${logFile}`, () =>
    terminationLine(logFile, subject, ack.seq),
  ).catch(() => undefined);
  if (!line) return { ok: false, seen: `${stored}; no termination logged` };
  return matches(pattern, `${line.level === 50 ? 'error' : String(line.level)}: ${line.msg ?? ''}`);
}
