import type { MessageOf } from '@ferry/contracts';
import {
  ConsumeError,
  consume,
  ensureConsumer,
  publishToStream,
  streamRoute,
  type ConsumerHandle,
  type StreamDelivery,
} from '../src/index';
import { createTestTopology, gate, sleep, waitFor, type TestTopology } from './nats-test-harness';

type SmokeJob = TestTopology['smoke']['messages']['smokeJob'];

class StepError extends Error {
  constructor(readonly retryable: boolean) {
    super(retryable ? 'transient failure' : 'permanent failure');
  }
}

interface Seen {
  readonly id: string;
  readonly deliveryCount: number;
  readonly redelivered: boolean;
  readonly at: number;
}

describe('JetStream consume - settlement and flow control', () => {
  let t: TestTopology;
  let handle: ConsumerHandle | undefined;

  beforeEach(async () => {
    t = await createTestTopology();
  });
  afterEach(async () => {
    await handle?.stop();
    handle = undefined;
    await t.dispose();
  });

  const job = (id: string): MessageOf<SmokeJob> => ({ id, sentAt: new Date().toISOString() });
  const seen = (d: StreamDelivery<SmokeJob>): Seen => ({
    id: d.data.id,
    deliveryCount: d.deliveryCount,
    redelivered: d.redelivered,
    at: Date.now(),
  });

  async function start(
    lane: string,
    tuning: Parameters<TestTopology['smoke']['consumers']['smoke']>[1],
    handler: (d: StreamDelivery<SmokeJob>) => Promise<void>,
  ) {
    const consumer = t.smoke.consumers.smoke(lane, tuning);
    await ensureConsumer(t.client, consumer);
    handle = await consume(t.client, { consumer, routes: [streamRoute(t.smoke.messages.smokeJob, handler)], retryDelayMs: () => 100 });
    return consumer;
  }

  async function consumerInfo(durable: string) {
    return (await t.client.manager()).consumers.info(t.contracts.streams.work.name, durable);
  }

  it('redelivers a message that is not acked within ack wait', async () => {
    const deliveries: Seen[] = [];
    const held = gate();
    await start('unacked', { ackWaitMs: 1000 }, async (d) => {
      deliveries.push(seen(d));
      if (d.deliveryCount === 1) await held.promise; // never settles before the server gives up on it
    });
    // Measured from the publish: the first handler call may start late on a loaded machine, the server's ack wait does not.
    const publishedAt = Date.now();
    await publishToStream(t.client, t.smoke.messages.smokeJob, { lane: 'unacked' }, job('j-1'));
    await waitFor('a second delivery', () => deliveries.length >= 2);
    held.open();
    const [first, second] = deliveries;
    expect(first).toMatchObject({ id: 'j-1', deliveryCount: 1, redelivered: false });
    expect(second).toMatchObject({ id: 'j-1', deliveryCount: 2, redelivered: true });
    expect((second?.at ?? 0) - publishedAt).toBeGreaterThanOrEqual(1000);
  });

  it('redelivers a nak-ed message (retryable error) after the nak delay, long before ack wait', async () => {
    const deliveries: Seen[] = [];
    await start('nak', { ackWaitMs: 30_000 }, async (d) => {
      deliveries.push(seen(d));
      if (d.deliveryCount === 1) throw new StepError(true);
    });
    await publishToStream(t.client, t.smoke.messages.smokeJob, { lane: 'nak' }, job('j-2'));
    await waitFor('the redelivery after nak', () => deliveries.length >= 2, 10_000);
    expect(deliveries.map((d) => [d.id, d.deliveryCount, d.redelivered])).toEqual([
      ['j-2', 1, false],
      ['j-2', 2, true],
    ]);
    expect((deliveries[1]?.at ?? 0) - (deliveries[0]?.at ?? 0)).toBeLessThan(5000);
    await waitFor('the ack of the second delivery', async () => (await consumerInfo('smoke-jobs-nak')).num_ack_pending === 0);
  });

  it('terminates a message whose handler fails with a non-retryable error: no redelivery', async () => {
    const deliveries: Seen[] = [];
    const consumer = await start('term', { ackWaitMs: 1000 }, async (d) => {
      deliveries.push(seen(d));
      throw new StepError(false);
    });
    await publishToStream(t.client, t.smoke.messages.smokeJob, { lane: 'term' }, job('j-3'));
    await waitFor('the first delivery', () => deliveries.length === 1);
    await sleep(2500); // more than two ack waits: a nak or a missing ack would have redelivered by now
    expect(deliveries).toHaveLength(1);
    const info = await consumerInfo(consumer.durableName);
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
    expect(t.logs.lines.join('\n')).toMatch(/message terminated: not retryable: Error: permanent failure/);
  });

  it('never has more than maxAckPending handlers in flight, and still processes everything', async () => {
    let running = 0;
    let peak = 0;
    const done: string[] = [];
    const release = gate();
    await start('cap', { maxAckPending: 2, ackWaitMs: 10_000 }, async (d) => {
      running += 1;
      peak = Math.max(peak, running);
      await release.promise;
      await sleep(50);
      running -= 1;
      done.push(d.data.id);
    });
    try {
      for (let i = 0; i < 6; i++) await publishToStream(t.client, t.smoke.messages.smokeJob, { lane: 'cap' }, job(`c-${i}`));
      await waitFor('two running handlers', () => running >= 2);
      await sleep(500); // time for a third delivery, if the server were to hand one out
      expect(running).toBe(2);
    } finally {
      release.open();
    }
    await waitFor('all six jobs', () => done.length === 6, 15_000);
    expect(peak).toBe(2);
    expect([...done].sort()).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4', 'c-5']);
  });

  it('terminates an invalid payload, logs the subject and schema paths, and goes on with valid ones', async () => {
    const handled: string[] = [];
    const consumer = await start('invalid', { ackWaitMs: 1000 }, async (d) => {
      handled.push(d.data.id);
    });
    const subject = t.smoke.messages.smokeJob.subject.build({ lane: 'invalid' });
    await t.client.jetstream.publish(subject, JSON.stringify({ id: 5 }));
    await publishToStream(t.client, t.smoke.messages.smokeJob, { lane: 'invalid' }, job('valid-after'));
    await waitFor('the valid job', () => handled.length === 1);
    await sleep(1500);
    expect(handled).toEqual(['valid-after']);
    const logged = t.logs.lines.find((l) => l.includes('message terminated')) ?? '';
    expect(logged).toContain(subject);
    expect(logged).toMatch(/at \\"id\\": .*at \\"sentAt\\"/);
    expect(logged).toContain('"code":"NATS_MESSAGE_INVALID"');
    const info = await consumerInfo(consumer.durableName);
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
  });

  it('stop() lets a running handler finish and ack: nothing is redelivered', async () => {
    const deliveries: Seen[] = [];
    const held = gate();
    const consumer = await start('stop', { ackWaitMs: 1000 }, async (d) => {
      deliveries.push(seen(d));
      await held.promise;
    });
    await publishToStream(t.client, t.smoke.messages.smokeJob, { lane: 'stop' }, job('s-1'));
    await waitFor('the delivery', () => deliveries.length === 1);
    let stopped = false;
    const stopping = handle?.stop().then(() => (stopped = true));
    await sleep(200);
    expect(stopped).toBe(false); // still waiting for the handler
    held.open();
    await stopping;
    await waitFor('the ack', async () => (await consumerInfo(consumer.durableName)).num_ack_pending === 0);
    const info = await consumerInfo(consumer.durableName);
    expect([info.num_pending, info.num_redelivered, info.delivered.stream_seq]).toEqual([0, 0, 1]);
    const stream = await (await t.client.manager()).streams.info(t.contracts.streams.work.name);
    expect(stream.state.messages).toBe(0); // work queue: removed because it was acked
    expect(deliveries).toHaveLength(1);
  });

  it('cancels through the AbortSignal: the handler sees it and the job goes back at once for another consumer', async () => {
    const consumer = t.smoke.consumers.smoke('cancel', { ackWaitMs: 60_000 });
    await ensureConsumer(t.client, consumer);
    const cancel = new AbortController();
    const first: Seen[] = [];
    const cancelled = await consume(t.client, {
      consumer,
      signal: cancel.signal,
      routes: [
        streamRoute(t.smoke.messages.smokeJob, async (d) => {
          first.push(seen(d));
          await new Promise((_, reject) => d.signal.addEventListener('abort', () => reject(new Error('cancelled')), { once: true }));
        }),
      ],
    });
    await publishToStream(t.client, t.smoke.messages.smokeJob, { lane: 'cancel' }, job('x-1'));
    await waitFor('the first delivery', () => first.length === 1);
    cancel.abort();
    await cancelled.done;
    const second: Seen[] = [];
    handle = await consume(t.client, {
      consumer,
      routes: [streamRoute(t.smoke.messages.smokeJob, async (d) => void second.push(seen(d)))],
    });
    // Well below the ack wait, so only a nak explains it (5 s was too tight for a loaded CI machine).
    await waitFor('the redelivery to the new consumer', () => second.length === 1, 20_000);
    expect(second[0]).toMatchObject({ id: 'x-1', deliveryCount: 2, redelivered: true });
  });

  it('refuses to start without routes, or with a contract of another stream', async () => {
    const consumer = t.smoke.consumers.smoke('routes');
    await ensureConsumer(t.client, consumer);
    await expect(consume(t.client, { consumer, routes: [] })).rejects.toBeInstanceOf(ConsumeError);
    const foreign = { ...t.smoke.messages.smokeJob, stream: t.contracts.streams.events };
    await expect(consume(t.client, { consumer, routes: [streamRoute(foreign, async () => undefined)] })).rejects.toThrow(
      /belongs to .*_EVENTS/,
    );
    await expect(
      consume(t.client, {
        consumer: t.smoke.consumers.smoke('missing'),
        routes: [streamRoute(t.smoke.messages.smokeJob, async () => undefined)],
      }),
    ).rejects.toThrow(/cannot bind to consumer smoke-jobs-missing .*ensureConsumer/);
  });

  it('deduplicates publishes with the same message id', async () => {
    const first = await publishToStream(t.client, t.smoke.messages.smokeJob, { lane: 'dedup' }, job('d-1'), { messageId: 'd-1' });
    const again = await publishToStream(t.client, t.smoke.messages.smokeJob, { lane: 'dedup' }, job('d-1'), { messageId: 'd-1' });
    expect(first).toMatchObject({ stream: t.contracts.streams.work.name, duplicate: false });
    expect(again).toMatchObject({ sequence: first.sequence, duplicate: true });
  });
});
