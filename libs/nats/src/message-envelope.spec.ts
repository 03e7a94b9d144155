import { randomBytes } from 'node:crypto';
import { headers as createHeaders } from '@nats-io/transport-node';
import { createFerryContracts } from '@ferry/contracts';
import { createSmokeContracts } from '@ferry/contracts/testing';
import { PayloadTooLargeError } from './errors';
import { assertFitsServer, decodeLimitOf, decodeMessage, headerBytes, headerLineBytes, outgoingMessage } from './message-envelope';
import type { NatsClient } from './nats-client';

const { smokePing } = createSmokeContracts(createFerryContracts()).messages;
const subject = 'ferry.rpc.smoke.v1.ping';
const compressible = (size: number): string =>
  Array.from({ length: size / 16 }, (_, i) => `entry-${(i % 9973).toString().padStart(10, '0')}`).join('');

/** The part of a client `assertFitsServer` reads: the server's INFO. */
function clientWithLimit(maxPayload: number | undefined): NatsClient {
  return { connection: { info: maxPayload === undefined ? undefined : { max_payload: maxPayload } } } as unknown as NatsClient;
}

describe('message-envelope - headers', () => {
  it('stamps the contract and no content encoding on a small message', () => {
    const message = outgoingMessage(smokePing, subject, { id: 'a' });
    expect(message.headers.get('Ferry-Contract')).toBe('smoke.ping/v1');
    expect(message.headers.has('Ferry-Content-Encoding')).toBe(false);
    expect(decodeMessage(smokePing, subject, message)).toEqual({ id: 'a' });
  });

  it('marks a compressed message with Ferry-Content-Encoding: gzip, which decoding honours', () => {
    const payload = { id: compressible(512 * 1024) };
    const message = outgoingMessage(smokePing, subject, payload);
    expect(message.headers.get('Ferry-Content-Encoding')).toBe('gzip');
    expect(message.jsonBytes).toBe(512 * 1024 + '{"id":""}'.length);
    expect(message.data.length).toBeLessThan(message.jsonBytes / 4);
    expect(decodeMessage(smokePing, subject, message)).toEqual(payload);
    expect(() => decodeMessage(smokePing, subject, { data: message.data })).toThrow(/not UTF-8 JSON/);
  });

  it('refuses a message declaring another contract version, naming both, before reading its body', () => {
    const message = outgoingMessage(smokePing, subject, { id: 'a' });
    message.headers.set('Ferry-Contract', 'smoke.ping/v2');
    expect(() => decodeMessage(smokePing, subject, message)).toThrow(
      'message on ferry.rpc.smoke.v1.ping does not match contract smoke.ping/v1: at "(root)": payload declares Ferry-Contract "smoke.ping/v2" but this receiver reads smoke.ping/v1',
    );
    expect(decodeMessage(smokePing, subject, { data: message.data })).toEqual({ id: 'a' });
  });

  it('measures headers as nats.js encodes them', () => {
    const h = createHeaders();
    h.set('Ferry-Contract', 'smoke.ping/v1');
    h.set('traceparent', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    const encoded = (h as unknown as { encode(): Uint8Array }).encode();
    expect(headerBytes(h)).toBe(encoded.length);
    h.set('Nats-Msg-Id', 'upload-1');
    expect(headerBytes(h) - encoded.length).toBe(headerLineBytes('Nats-Msg-Id', 'upload-1'));
  });
});

describe('message-envelope - size limit', () => {
  it('lets a message up to the limit through, headers included', () => {
    const message = outgoingMessage(smokePing, subject, { id: 'a' });
    const size = message.data.length + headerBytes(message.headers);
    expect(() => assertFitsServer(clientWithLimit(size), message)).not.toThrow();
    expect(() => assertFitsServer(clientWithLimit(size), message, 1)).toThrow(PayloadTooLargeError);
    expect(() => assertFitsServer(clientWithLimit(undefined), message)).not.toThrow();
  });

  it('names the subject, the sizes, the limit and the fix', () => {
    // Random base64 shrinks only to about 3/4 under gzip.
    const message = outgoingMessage(smokePing, subject, { id: randomBytes(300_000).toString('base64') });
    let error: unknown;
    try {
      assertFitsServer(clientWithLimit(256 * 1024), message);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({
      code: 'NATS_PAYLOAD_TOO_LARGE',
      retryable: false,
      subject,
      contract: 'smoke.ping/v1',
      size: {
        jsonBytes: message.jsonBytes,
        compressed: true,
        limitBytes: 262144,
        wireBytes: message.data.length + headerBytes(message.headers),
      },
    });
    expect((error as Error).message).toMatch(
      /^refusing to send smoke\.ping\/v1 to ferry\.rpc\.smoke\.v1\.ping: the message is \d+ bytes \(gzip-compressed from 400009 bytes of JSON\), over the server's max_payload of 262144 bytes; raise max_payload on the server or send less$/,
    );
  });

  it('refuses a compressed body whose JSON is over what receivers inflate (8 x max_payload), though it fits the wire', () => {
    const message = outgoingMessage(smokePing, subject, { id: 'x'.repeat(600 * 1024) });
    expect(message.data.length).toBeLessThan(64 * 1024);
    expect(() => assertFitsServer(clientWithLimit(80 * 1024), message)).not.toThrow();
    expect(() => assertFitsServer(clientWithLimit(64 * 1024), message)).toThrow(
      /\(gzip-compressed from 614409 bytes of JSON\), over the 524288 bytes receivers inflate a compressed body to \(a multiple of max_payload 65536\); raise max_payload/,
    );
    expect(decodeLimitOf(clientWithLimit(64 * 1024))).toBe(524288);
    expect(decodeLimitOf(clientWithLimit(undefined))).toBe(8 * 1024 * 1024);
  });

  it('says when the body went uncompressed', () => {
    const message = outgoingMessage(smokePing, subject, { id: 'a' });
    expect(() => assertFitsServer(clientWithLimit(16), message)).toThrow(/\(10 bytes of JSON, uncompressed\)/);
  });
});
