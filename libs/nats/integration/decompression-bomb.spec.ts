import { gzipSync } from 'node:zlib';
import { headers as createHeaders } from '@nats-io/transport-node';
import type { MessageOf } from '@ferry/contracts';
import {
  consume,
  ensureConsumer,
  publishToStream,
  request,
  serveRequests,
  streamRoute,
  type ConsumerHandle,
  type SubscriptionHandle,
} from '../src/index';
import { createTestTopology, waitFor, type TestTopology } from './nats-test-harness';

type SmokeJob = TestTopology['smoke']['messages']['smokeJob'];

/** One valid gzip stream of ~64 KB (63 members of 1 MiB of zeros) that inflates to 63 MiB. */
const bomb = Buffer.concat(Array.from({ length: 63 }, () => gzipSync(new Uint8Array(1024 * 1024), { level: 9 })));

function gzipHeaders(contract: string) {
  const h = createHeaders();
  h.set('Ferry-Contract', contract);
  h.set('Ferry-Content-Encoding', 'gzip');
  return h;
}

describe('decompression bombs - refused at 8 x max_payload, never inflated', () => {
  let t: TestTopology;
  let consumer: ConsumerHandle | undefined;
  let responder: SubscriptionHandle | undefined;

  beforeEach(async () => {
    t = await createTestTopology();
  });
  afterEach(async () => {
    await consumer?.stop();
    await responder?.stop();
    consumer = undefined;
    responder = undefined;
    await t.dispose();
  });

  it('terminates ten 64 KB bombs with a log line, quickly and without growing by their size, and goes on', async () => {
    const job = t.smoke.messages.smokeJob;
    const handled: string[] = [];
    const definition = t.smoke.consumers.smoke('bombs', { ackWaitMs: 5000 });
    await ensureConsumer(t.client, definition);
    const subject = job.subject.build({ lane: 'bombs' });
    expect(bomb.length).toBeLessThan(70 * 1024);
    for (let i = 0; i < 10; i++) await t.client.jetstream.publish(subject, bomb, { headers: gzipHeaders('smoke.job/v1') });
    const valid: MessageOf<SmokeJob> = { id: 'after-the-bombs', sentAt: new Date().toISOString() };
    await publishToStream(t.client, job, { lane: 'bombs' }, valid);

    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    consumer = await consume(t.client, { consumer: definition, routes: [streamRoute(job, async (d) => void handled.push(d.data.id))] });
    await waitFor('the valid job after the bombs', () => handled.length === 1);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    expect(handled).toEqual(['after-the-bombs']);

    const terminated = t.logs.lines.filter((l) => l.includes('message terminated'));
    expect(terminated).toHaveLength(10);
    expect(terminated[0]).toContain(subject);
    expect(terminated[0]).toMatch(/gzip expands beyond 8388608 bytes \(8 x the server's max_payload\); refused unread/);
    // The valid job's ack goes out after its handler returned: wait for the server to have it.
    const manager = await t.client.manager();
    const info = async () => manager.consumers.info(definition.stream.name, definition.durableName);
    // Well under the 5 s ack wait, so a bomb left unsettled cannot pass for acked.
    await waitFor('no message pending an ack', async () => (await info()).num_ack_pending === 0, 3000);
    expect((await info()).num_redelivered).toBe(0);
  });

  it('answers a bomb sent as a request with an error reply naming the cap', async () => {
    const ping = t.smoke.messages.smokePing;
    responder = serveRequests(t.client, { contract: ping, handler: async (r) => ({ id: r.data.id, responder: 'it' }) });
    const raw = await t.client.connection.request(ping.subject.build({}), bomb, { headers: gzipHeaders('smoke.ping/v1'), timeout: 5000 });
    expect(raw.headers?.get('Ferry-Error-Code')).toBe('NATS_MESSAGE_INVALID');
    expect(raw.headers?.get('Ferry-Error-Message')).toMatch(/gzip expands beyond 8388608 bytes/);
    // The responder still serves well-formed requests.
    await expect(request(t.client, ping, {}, { id: 'ok' })).resolves.toEqual({ id: 'ok', responder: 'it' });
  });
});
