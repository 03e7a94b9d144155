import { createFerryContracts } from '@ferry/contracts';
import { MessageDecodeError, MessageEncodeError } from './errors';
import { decodePayload, encodePayload } from './message-codec';

const { smokeJob, smokePing } = createFerryContracts().messages;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('message-codec - decoding', () => {
  it('returns the validated payload', () => {
    expect(decodePayload(smokeJob, 'ferry.job.smoke.v1.a', bytes('{"id":"1","sentAt":"2026-11-21T10:00:00Z","x":1}'))).toEqual({
      id: '1',
      sentAt: '2026-11-21T10:00:00Z',
    });
  });

  it('names the subject, the contract and each schema issue path', () => {
    const attempt = (): unknown => decodePayload(smokeJob, 'ferry.job.smoke.v1.a', bytes('{"id":7}'));
    expect(attempt).toThrow(MessageDecodeError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: 'NATS_MESSAGE_INVALID', retryable: false, subject: 'ferry.job.smoke.v1.a', contract: 'smoke.job/v1' });
      expect((error as MessageDecodeError).issues.map((i) => i.path)).toEqual(['id', 'sentAt']);
      expect((error as Error).message).toMatch(/ferry\.job\.smoke\.v1\.a .*smoke\.job\/v1.*at "id".*at "sentAt"/);
    }
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
    const data = encodePayload(smokeJob, 's', { id: '1', sentAt: '2026-11-21T10:00:00Z', secret: 'x' });
    expect(new TextDecoder().decode(data)).toBe('{"id":"1","sentAt":"2026-11-21T10:00:00Z"}');
  });
});
