import { lastStoredMessage, MessageDecodeError, NatsErrorCode, publishToStream, readStoredMessages, subscribe } from '../src/index';
import { createTestTopology, waitFor, type TestTopology } from './nats-test-harness';

const operation = { kind: 'DataUpload', namespace: 'velero', name: 'du-1' } as const;
const cancel = (jobId: string, at: string) => ({ v: 1 as const, jobId, operation, at });

describe('stored messages - last by subject, and live JetStream subjects over core NATS', () => {
  let t: TestTopology;

  beforeEach(async () => {
    t = await createTestTopology();
  });
  afterEach(() => t.dispose());

  it('returns undefined when nothing is stored on the subject, else the last one decoded', async () => {
    const { moveCancel } = t.contracts.messages;
    expect(await lastStoredMessage(t.client, moveCancel, { job: 'job-a' })).toBeUndefined();
    await publishToStream(t.client, moveCancel, { job: 'job-a' }, cancel('job-a', '2026-01-01T00:00:00Z'));
    await publishToStream(t.client, moveCancel, { job: 'job-b' }, cancel('job-b', '2026-01-01T00:00:01Z'));
    await publishToStream(t.client, moveCancel, { job: 'job-a' }, cancel('job-a', '2026-01-01T00:00:02Z'));
    const last = await lastStoredMessage(t.client, moveCancel, { job: 'job-a' });
    expect(last?.data).toEqual(cancel('job-a', '2026-01-01T00:00:02Z'));
    expect(last?.subject).toBe(`${t.contracts.namespace}.event.move.v1.cancel.job-a`);
    expect(last?.streamSequence).toBe(3);
    expect(last?.storedAt).toBeInstanceOf(Date);
    expect(await lastStoredMessage(t.client, moveCancel, { job: 'job-c' })).toBeUndefined();
  });

  it('rejects a stored payload that violates the contract, as a consumer would', async () => {
    const subject = t.contracts.subjects.moveCancel.build({ job: 'job-x' });
    await t.client.jetstream.publish(subject, new TextEncoder().encode('{"v":1,"jobId":"job-x"}'));
    const error: unknown = await lastStoredMessage(t.client, t.contracts.messages.moveCancel, { job: 'job-x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageDecodeError);
  });

  it('fails with a retryable error naming the stream when it does not exist', async () => {
    const jsm = await t.client.manager();
    await jsm.streams.delete(t.contracts.streams.events.name);
    await expect(lastStoredMessage(t.client, t.contracts.messages.moveCancel, { job: 'job-a' })).rejects.toMatchObject({
      code: NatsErrorCode.ConsumeFailed,
      retryable: true,
      message: expect.stringContaining('does not exist'),
    });
  });

  it('delivers a JetStream event to a core subscriber while it runs', async () => {
    const seen: string[] = [];
    const handle = subscribe(t.client, {
      contract: t.contracts.messages.moveCancel,
      handler: ({ data, params }) => void seen.push(`${params.job}:${data.jobId}`),
    });
    await t.client.connection.flush();
    await publishToStream(t.client, t.contracts.messages.moveCancel, { job: 'job-live' }, cancel('job-live', '2026-01-01T00:00:00Z'));
    await waitFor('the live cancel', () => seen.length === 1);
    expect(seen).toEqual(['job-live:job-live']);
    await handle.stop();
  });

  it('reads every stored message of a contract in order, skipping invalid ones and other kinds', async () => {
    const { moveCancel } = t.contracts.messages;
    expect(await readStoredMessages(t.client, moveCancel, () => undefined)).toEqual({ read: 0, nextSequence: 1 });
    for (const [job, second] of [
      ['job-a', 0],
      ['job-b', 1],
      ['job-c', 2],
    ] as const) {
      await publishToStream(t.client, moveCancel, { job }, cancel(job, `2026-01-01T00:00:0${second}Z`));
    }
    await t.client.jetstream.publish(t.contracts.subjects.moveCancel.build({ job: 'job-x' }), new TextEncoder().encode('{"v":1}'));
    await publishToStream(t.client, moveCancel, { job: 'job-d' }, cancel('job-d', '2026-01-01T00:00:04Z'));
    await t.client.jetstream.publish(t.contracts.subjects.exposeResult.build({}), new TextEncoder().encode('{"v":1}'));
    const seen: string[] = [];
    const onMessage = ({ data, streamSequence }: { data: { jobId: string }; streamSequence: number }) =>
      void seen.push(`${streamSequence}:${data.jobId}`);
    expect(await readStoredMessages(t.client, moveCancel, onMessage)).toEqual({ read: 4, nextSequence: 7 });
    expect(seen).toEqual(['1:job-a', '2:job-b', '3:job-c', '5:job-d']);
    // A follower goes on from where it stopped: only what came after.
    seen.length = 0;
    await publishToStream(t.client, moveCancel, { job: 'job-e' }, cancel('job-e', '2026-01-01T00:00:05Z'));
    expect(await readStoredMessages(t.client, moveCancel, onMessage, { fromSequence: 7 })).toEqual({ read: 1, nextSequence: 8 });
    expect(seen).toEqual(['7:job-e']);
  });
});
