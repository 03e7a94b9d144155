import {
  ensureConsumer,
  ensureStream,
  MessageEncodeError,
  publish,
  RemoteError,
  request,
  RequestError,
  serveRequests,
  subscribe,
  type SubscriptionHandle,
} from '../src/index';
import { createTestTopology, sleep, waitFor, type TestTopology } from './nats-test-harness';

class PolicyUnavailable extends Error {
  readonly code = 'POLICY_UNAVAILABLE';
  readonly retryable = true;
}

describe('request/reply and core NATS', () => {
  let t: TestTopology;
  let running: SubscriptionHandle[] = [];

  beforeEach(async () => {
    t = await createTestTopology();
  });
  afterEach(async () => {
    for (const handle of running) await handle.stop();
    running = [];
    await t.dispose();
  });

  const ping = (): TestTopology['smoke']['messages']['smokePing'] => t.smoke.messages.smokePing;

  it('answers a request with a validated reply', async () => {
    running.push(serveRequests(t.client, { contract: ping(), handler: async (r) => ({ id: r.data.id, responder: 'it' }) }));
    await expect(request(t.client, ping(), {}, { id: 'a' })).resolves.toEqual({ id: 'a', responder: 'it' });
  });

  it('turns a responder error into a RemoteError carrying its code and retryability', async () => {
    running.push(
      serveRequests(t.client, {
        contract: ping(),
        handler: async () => {
          throw new PolicyUnavailable('policy store not synced');
        },
      }),
    );
    const failure = request(t.client, ping(), {}, { id: 'a' });
    await expect(failure).rejects.toBeInstanceOf(RemoteError);
    await expect(failure).rejects.toMatchObject({
      remoteCode: 'POLICY_UNAVAILABLE',
      retryable: true,
      message: expect.stringMatching(/policy store not synced/),
    });
  });

  it('rejects an invalid request: locally before sending, and remotely naming the schema path', async () => {
    running.push(serveRequests(t.client, { contract: ping(), handler: async (r) => ({ id: r.data.id, responder: 'it' }) }));
    await expect(request(t.client, ping(), {}, { id: '' })).rejects.toBeInstanceOf(MessageEncodeError);
    const subject = ping().subject.build({});
    const raw = await t.client.connection.request(subject, JSON.stringify({ id: 42 }), { timeout: 5000 });
    expect(raw.headers?.get('Ferry-Error-Code')).toBe('NATS_MESSAGE_INVALID');
    expect(raw.headers?.get('Ferry-Error-Message')).toMatch(new RegExp(`message on ${subject.replaceAll('.', '\\.')} .*at "id"`));
    expect(raw.headers?.get('Ferry-Error-Retryable')).toBe('false');
  });

  it('fails fast with a retryable RequestError when nobody serves, and times out on a silent responder', async () => {
    await expect(request(t.client, ping(), {}, { id: 'a' }, { timeoutMs: 2000 })).rejects.toMatchObject({
      reason: 'no-responders',
      retryable: true,
    });
    const silent = t.client.connection.subscribe(ping().subject.wildcard);
    try {
      const failure = request(t.client, ping(), {}, { id: 'a' }, { timeoutMs: 300 });
      await expect(failure).rejects.toBeInstanceOf(RequestError);
      await expect(failure).rejects.toMatchObject({ reason: 'timeout', retryable: true });
    } finally {
      silent.unsubscribe();
    }
  });

  it('gives up waiting when the AbortSignal fires', async () => {
    const silent = t.client.connection.subscribe(ping().subject.wildcard);
    try {
      const failure = request(t.client, ping(), {}, { id: 'a' }, { timeoutMs: 10_000, signal: AbortSignal.timeout(200) });
      await expect(failure).rejects.toMatchObject({ reason: 'aborted', retryable: false });
    } finally {
      silent.unsubscribe();
    }
  });

  it('delivers core signals to subscribers of the matching parameters only, dropping invalid ones', async () => {
    const got: { lane: string; seq: number }[] = [];
    const signal = t.smoke.messages.smokeSignal;
    running.push(
      subscribe(t.client, {
        contract: signal,
        params: { lane: 'a' },
        handler: (s) => void got.push({ lane: s.params.lane, seq: s.data.seq }),
      }),
    );
    await t.client.connection.flush();
    publish(t.client, signal, { lane: 'a' }, { id: 'x', seq: 1 });
    publish(t.client, signal, { lane: 'b' }, { id: 'x', seq: 2 });
    t.client.connection.publish(signal.subject.build({ lane: 'a' }), '{"id":"x","seq":-1}');
    publish(t.client, signal, { lane: 'a' }, { id: 'x', seq: 3 });
    await waitFor('two signals', () => got.length === 2);
    await sleep(200);
    expect(got).toEqual([
      { lane: 'a', seq: 1 },
      { lane: 'a', seq: 3 },
    ]);
    const dropped = t.logs.lines
      .map((l) => JSON.parse(l) as { msg: string; err?: { message: string } })
      .find((l) => l.msg === 'core message dropped');
    expect(dropped?.err?.message).toMatch(/does not match contract smoke\.signal\/v1: at "seq"/);
  });

  it('ensures streams and consumers idempotently and applies changed settings', async () => {
    const jsm = await t.client.manager();
    await ensureStream(t.client, t.contracts.streams.work);
    const consumer = t.smoke.consumers.smoke('topo', { maxAckPending: 3 });
    await ensureConsumer(t.client, consumer);
    await ensureConsumer(t.client, consumer);
    expect((await jsm.consumers.info(t.contracts.streams.work.name, consumer.durableName)).config).toMatchObject({
      max_ack_pending: 3,
      ack_policy: 'explicit',
    });
    await ensureConsumer(t.client, t.smoke.consumers.smoke('topo', { maxAckPending: 7, ackWaitMs: 5000 }));
    expect((await jsm.consumers.info(t.contracts.streams.work.name, consumer.durableName)).config).toMatchObject({
      max_ack_pending: 7,
      ack_wait: 5e9,
    });
    const info = await jsm.streams.info(t.contracts.streams.work.name);
    expect(info.config).toMatchObject({ retention: 'workqueue', subjects: t.contracts.streams.work.subjects });
  });
});
