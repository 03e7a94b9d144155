import { gzipSync } from 'node:zlib';
import { createFerryContracts } from '@ferry/contracts';
import { createSmokeContracts } from '@ferry/contracts/testing';
import { MessageDecodeError, MessageEncodeError } from './errors';
import { compressAboveBytes, decodePayload, encodePayload, maxDecodedBytesFor } from './message-codec';

const { smokeJob, smokePing } = createSmokeContracts(createFerryContracts()).messages;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const subject = 'ferry.rpc.smoke.v1.ping';

/** A ping whose id is `size` characters of varied but compressible text, like a big plan's JSON. */
function compressiblePing(size: number): { id: string } {
  const words: string[] = [];
  for (let i = 0, length = 0; length < size; i++) {
    const word = `volume-${i % 977}-ns-${i % 31}-${i.toString(36)}`;
    words.push(word);
    length += word.length + 1;
  }
  return { id: words.join(' ').slice(0, size) };
}

function decodeError(attempt: () => unknown): MessageDecodeError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof MessageDecodeError) return error;
    throw error;
  }
  throw new Error('expected a MessageDecodeError');
}

describe('message-codec - decoding', () => {
  it('returns the validated payload', () => {
    expect(decodePayload(smokeJob, 'ferry.job.smoke.v1.a', bytes('{"id":"1","sentAt":"2026-11-21T10:00:00Z","x":1}'))).toEqual({
      id: '1',
      sentAt: '2026-11-21T10:00:00Z',
    });
  });

  it('names the subject, the contract and each schema issue path', () => {
    const error = decodeError(() => decodePayload(smokeJob, 'ferry.job.smoke.v1.a', bytes('{"id":7}')));
    expect(error).toMatchObject({
      code: 'NATS_MESSAGE_INVALID',
      retryable: false,
      subject: 'ferry.job.smoke.v1.a',
      contract: 'smoke.job/v1',
    });
    expect(error.issues.map((i) => i.path)).toEqual(['id', 'sentAt']);
    expect(error.message).toMatch(/ferry\.job\.smoke\.v1\.a .*smoke\.job\/v1.*at "id".*at "sentAt"/);
  });

  it.each(['not json', '', '\xff'])('reports %j as a root issue', (text) => {
    expect(() => decodePayload(smokeJob, 's', bytes(text))).toThrow(/at "\(root\)": payload is not UTF-8 JSON/);
  });

  it('validates replies against the reply schema', () => {
    expect(() => decodePayload(smokePing, 's', bytes('{"id":"1"}'), smokePing.replySchema)).toThrow(/at "responder"/);
  });
});

describe('message-codec - encoding', () => {
  it('refuses an invalid payload before anything is sent', () => {
    expect(() => encodePayload(smokeJob, 'ferry.job.smoke.v1.a', { id: '', sentAt: 'now' })).toThrow(MessageEncodeError);
    expect(() => encodePayload(smokeJob, 'ferry.job.smoke.v1.a', { id: '', sentAt: 'now' })).toThrow(/at "id".*at "sentAt"/);
  });

  it('writes the parsed payload as JSON, unknown keys stripped', () => {
    const encoded = encodePayload(smokeJob, 's', { id: '1', sentAt: '2026-11-21T10:00:00Z', secret: 'x' });
    expect(new TextDecoder().decode(encoded.data)).toBe('{"id":"1","sentAt":"2026-11-21T10:00:00Z"}');
    expect(encoded).toMatchObject({ jsonBytes: encoded.data.length });
  });
});

describe('message-codec - compression', () => {
  it('leaves a payload at the threshold plain JSON, with no content encoding', () => {
    const payload = { id: 'x'.repeat(compressAboveBytes - '{"id":""}'.length) };
    const encoded = encodePayload(smokePing, subject, payload);
    expect(encoded.jsonBytes).toBe(compressAboveBytes);
    expect(encoded.contentEncoding).toBeUndefined();
    expect(decodePayload(smokePing, subject, encoded.data)).toEqual(payload);
  });

  it('gzips a payload above the threshold and round-trips it', () => {
    const payload = compressiblePing(1_000_000);
    const encoded = encodePayload(smokePing, subject, payload);
    expect(encoded.contentEncoding).toBe('gzip');
    expect(encoded.jsonBytes).toBe(1_000_000 + '{"id":""}'.length);
    expect(encoded.data.length).toBeLessThan(encoded.jsonBytes / 3);
    expect(decodePayload(smokePing, subject, encoded.data, smokePing.schema, encoded.contentEncoding)).toEqual(payload);
  });

  it('takes the threshold from the options', () => {
    expect(encodePayload(smokePing, subject, compressiblePing(2000), smokePing.schema, { compressAboveBytes: 1000 }).contentEncoding).toBe(
      'gzip',
    );
    expect(
      encodePayload(smokePing, subject, compressiblePing(2000), smokePing.schema, { compressAboveBytes: 5000 }).contentEncoding,
    ).toBeUndefined();
  });

  it('sends a payload plain when gzip would not shrink it', () => {
    const encoded = encodePayload(smokePing, subject, { id: 'a' }, smokePing.schema, { compressAboveBytes: 0 });
    expect(encoded.contentEncoding).toBeUndefined();
    expect(new TextDecoder().decode(encoded.data)).toBe('{"id":"a"}');
  });

  it('reports a corrupt gzip body as a root issue naming the subject', () => {
    const body = encodePayload(smokePing, subject, compressiblePing(100_000)).data.slice(0, 500);
    const error = decodeError(() => decodePayload(smokePing, subject, body, smokePing.schema, 'gzip'));
    expect(error).toMatchObject({ code: 'NATS_MESSAGE_INVALID', retryable: false, subject, contract: 'smoke.ping/v1' });
    expect(error.message).toMatch(
      /^message on ferry\.rpc\.smoke\.v1\.ping .*at "\(root\)": payload marked Ferry-Content-Encoding: gzip is not valid gzip/,
    );
    expect(() => decodePayload(smokePing, subject, bytes('{"id":"1"}'), smokePing.schema, 'gzip')).toThrow(/is not valid gzip/);
  });

  it('validates the gunzipped JSON against the schema', () => {
    expect(() => decodePayload(smokePing, subject, gzipSync(bytes('{"id":7}')), smokePing.schema, 'gzip')).toThrow(/at "id"/);
    expect(() => decodePayload(smokePing, subject, gzipSync(bytes('not json')), smokePing.schema, 'gzip')).toThrow(/not UTF-8 JSON/);
  });

  it('caps decoding at 8 x the server max_payload (8 MiB for the default 1 MiB)', () => {
    expect(maxDecodedBytesFor()).toBe(8 * 1024 * 1024);
    expect(maxDecodedBytesFor(256 * 1024)).toBe(2 * 1024 * 1024);
  });

  it('refuses a body that expands beyond the cap it is given, and decodes one at the cap', () => {
    const payload = compressiblePing(4000);
    const body = gzipSync(bytes(JSON.stringify(payload)));
    const exact = JSON.stringify(payload).length;
    expect(decodePayload(smokePing, subject, body, smokePing.schema, 'gzip', exact)).toEqual(payload);
    expect(() => decodePayload(smokePing, subject, body, smokePing.schema, 'gzip', exact - 1)).toThrow(
      new RegExp(`gzip expands beyond ${exact - 1} bytes \\(8 x the server's max_payload\\); refused unread`),
    );
  });

  it('refuses a 61 KB bomb expanding to 63 MB quickly, without inflating it', () => {
    // 63 gzip members of 1 MiB of zeros each: one valid gzip stream of ~64 KB that inflates to 63 MiB.
    const bomb = Buffer.concat(Array.from({ length: 63 }, () => gzipSync(new Uint8Array(1024 * 1024), { level: 9 })));
    expect(bomb.length).toBeLessThan(70 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const error = decodeError(() => decodePayload(smokePing, subject, bomb, smokePing.schema, 'gzip'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(32 * 1024 * 1024);
    expect(error).toMatchObject({ code: 'NATS_MESSAGE_INVALID', retryable: false });
    expect(error.message).toMatch(/gzip expands beyond 8388608 bytes/);
  });

  it('refuses an unknown content encoding', () => {
    expect(() => decodePayload(smokePing, subject, bytes('{"id":"1"}'), smokePing.schema, 'br')).toThrow(
      /unsupported Ferry-Content-Encoding "br"/,
    );
  });
});
