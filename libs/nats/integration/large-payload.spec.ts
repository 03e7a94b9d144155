import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  consumerName,
  defineConsumer,
  defineJetStreamContract,
  param,
  subjectTemplate,
  type MessageOf,
  type ReplyInput,
} from '@ferry/contracts';
import {
  consume,
  ensureConsumer,
  PayloadTooLargeError,
  publish,
  publishToStream,
  RemoteError,
  request,
  serveRequests,
  streamRoute,
  type ConsumerHandle,
  type SubscriptionHandle,
} from '../src/index';
import { createTestTopology, waitFor, type TestTopology } from './nats-test-harness';

type PolicyEvaluate = TestTopology['contracts']['messages']['policyEvaluate'];
type Plan = ReplyInput<PolicyEvaluate>;
type PlanEntry = Plan['entries'][number];

const mib = 1024 * 1024;

/** The `i`-th decision of a big plan: distinct names and UUIDs (so gzip has real work), varied reasons. */
function planEntry(i: number): PlanEntry {
  const claim = { namespace: `team-${i % 97}`, name: `data-${i}-${randomBytes(3).toString('hex')}` };
  const volumeName = `pvc-${randomUUID()}`;
  if (i % 10 === 9) {
    return {
      target: { kind: 'pvc', claim, volumeName },
      approach: 'snapshot',
      outcome: 'skip',
      reason: { kind: 'pvc-not-found', claim, volume: 'data' },
      reasonText: `skip: claim ${claim.namespace}/${claim.name} not found`,
    };
  }
  return {
    target: { kind: 'pvc', claim, volumeName },
    approach: 'snapshot',
    outcome: 'perform',
    reason: { kind: 'snapshot-volumes-setting', snapshotVolumes: true },
    reasonText: `perform: snapshotVolumes is true on backup velero/nightly for ${volumeName}`,
    dataMover: { dataMover: 'velero', source: 'backup-spec' },
  };
}

/** A whole-backup plan of `volumes` decisions, shaped like the policy service's reply. */
function bigPlan(volumes: number): Plan {
  const entries = Array.from({ length: volumes }, (_, i) => planEntry(i));
  const skip = entries.filter((e) => e.outcome === 'skip').length;
  return {
    backup: { namespace: 'velero', name: 'nightly' },
    namespaces: Array.from({ length: 97 }, (_, i) => `team-${i}`),
    policySources: [],
    settings: {
      defaultVolumesToFsBackup: false,
      defaultVolumesToFsBackupSource: 'server-default',
      pvcsExcludedByResourceFilter: false,
      datamover: 'velero',
    },
    entries,
    summary: { perform: volumes - skip, skip, error: 0 },
    stats: {
      apiRequests: 7,
      requestsByResource: { backups: 1, pods: 3, persistentvolumeclaims: 2, persistentvolumes: 1 },
      listScope: 'cluster',
      objects: { namespaces: 97, pods: volumes, persistentVolumeClaims: volumes, persistentVolumes: volumes },
      work: { decisions: volumes, policyEvaluations: volumes, claimMountChecks: volumes, indexEntries: volumes },
      inventoryMs: 120,
      planMs: 35,
    },
  };
}

/** Random base64: gzip shrinks it only to about 3/4, so 2 MiB of it stays over a 1 MiB limit. */
const incompressible = (bytes: number): string => randomBytes(bytes).toString('base64');

/**
 * A JetStream kind with an unbounded body, only for this test (no production contract carries MBs
 * through a stream yet); it lives in the test namespace's WORK stream like every job.
 */
function bulkJobContract(t: TestTopology) {
  return defineJetStreamContract({
    name: 'bulk.job',
    version: 1,
    subject: subjectTemplate([t.contracts.namespace, 'job.bulk.v1', param('lane')]),
    stream: t.contracts.streams.work,
    schema: z.object({ id: z.string(), rows: z.array(z.object({ key: z.string(), value: z.string() })), blob: z.string().optional() }),
  });
}

describe('large payloads - compression and the max_payload limit', () => {
  let t: TestTopology;
  let running: SubscriptionHandle[] = [];
  let consumer: ConsumerHandle | undefined;

  beforeEach(async () => {
    t = await createTestTopology();
  });
  afterEach(async () => {
    for (const handle of running) await handle.stop();
    running = [];
    await consumer?.stop();
    consumer = undefined;
    await t.dispose();
  });

  it('round-trips a request whose reply is several MB of JSON, gzip-compressed under max_payload', async () => {
    const plan = bigPlan(20_000);
    const policy = t.contracts.messages.policyEvaluate;
    const jsonBytes = Buffer.byteLength(JSON.stringify(plan));
    expect(jsonBytes).toBeGreaterThan(5 * mib);
    expect(t.client.connection.info?.max_payload).toBe(mib);
    running.push(serveRequests(t.client, { contract: policy, handler: async () => plan }));

    const reply = await request(t.client, policy, {}, { backup: { namespace: 'velero', name: 'nightly' } }, { timeoutMs: 30_000 });
    expect(reply).toEqual(plan);

    const raw = await t.client.connection.request(
      policy.subject.build({}),
      JSON.stringify({ backup: { namespace: 'velero', name: 'nightly' } }),
      { timeout: 30_000 },
    );
    expect(raw.headers?.get('Ferry-Content-Encoding')).toBe('gzip');
    expect(raw.headers?.get('Ferry-Contract')).toBe('policy.evaluate/v1');
    expect(raw.data.length).toBeLessThan(mib);
  });

  it('round-trips a JetStream message of ~3 MB, stored compressed with its encoding header', async () => {
    const bulk = bulkJobContract(t);
    const rows = Array.from({ length: 40_000 }, (_, i) => ({
      key: `row-${i}`,
      value: `snapshot of volume data-${i % 500} in namespace team-${i % 37}, checksum ${randomBytes(3).toString('hex')}`,
    }));
    const payload = { id: 'bulk-1', rows };
    expect(Buffer.byteLength(JSON.stringify(payload))).toBeGreaterThan(3 * mib);

    const receipt = await publishToStream(t.client, bulk, { lane: 'big' }, payload, { messageId: 'bulk-1', timeoutMs: 30_000 });
    const stored = await (await t.client.manager()).streams.getMessage(t.contracts.streams.work.name, { seq: receipt.sequence });
    expect(stored?.header.get('Ferry-Content-Encoding')).toBe('gzip');
    expect(stored?.data.length).toBeLessThan(mib);

    const received: MessageOf<typeof bulk>[] = [];
    const definition = defineConsumer({
      stream: t.contracts.streams.work,
      durableName: consumerName('bulk', 'jobs', 'big'),
      description: 'bulk jobs of lane big',
      filterSubjects: [bulk.subject.filter({ lane: 'big' })],
      ackWaitMs: 30_000,
      maxDeliver: 2,
      maxAckPending: 1,
    });
    await ensureConsumer(t.client, definition);
    consumer = await consume(t.client, { consumer: definition, routes: [streamRoute(bulk, async (d) => void received.push(d.data))] });
    await waitFor('the bulk job', () => received.length === 1, 30_000);
    expect(received[0]).toEqual(payload);
  });

  it('refuses an incompressible payload over max_payload with a typed error before sending, on every path', async () => {
    const ping = t.smoke.messages.smokePing;
    const big = incompressible(2 * mib);
    running.push(serveRequests(t.client, { contract: ping, handler: async (r) => ({ id: r.data.id, responder: 'it' }) }));
    const started = Date.now();
    const failure = request(t.client, ping, {}, { id: big }, { timeoutMs: 20_000 });
    await expect(failure).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(failure).rejects.toMatchObject({
      code: 'NATS_PAYLOAD_TOO_LARGE',
      retryable: false,
      subject: ping.subject.build({}),
      size: { compressed: true, limitBytes: mib },
      message: expect.stringMatching(
        /refusing to send smoke\.ping\/v1 to \S+: the message is \d+ bytes .*max_payload of 1048576 bytes; raise max_payload on the server or send less/,
      ),
    });
    expect(Date.now() - started).toBeLessThan(5_000);

    const signal = t.smoke.messages.smokeSignal;
    expect(() => publish(t.client, signal, { lane: 'a' }, { id: big, seq: 1 })).toThrow(PayloadTooLargeError);
    const bulk = bulkJobContract(t);
    await expect(publishToStream(t.client, bulk, { lane: 'big' }, { id: 'b', rows: [], blob: big })).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
  });

  it('answers with an error reply when the reply would exceed max_payload', async () => {
    const ping = t.smoke.messages.smokePing;
    running.push(
      serveRequests(t.client, { contract: ping, handler: async (r) => ({ id: r.data.id, responder: incompressible(2 * mib) }) }),
    );
    const failure = request(t.client, ping, {}, { id: 'a' }, { timeoutMs: 20_000 });
    await expect(failure).rejects.toBeInstanceOf(RemoteError);
    await expect(failure).rejects.toMatchObject({
      remoteCode: 'NATS_PAYLOAD_TOO_LARGE',
      retryable: false,
      message: expect.stringMatching(/max_payload of 1048576 bytes; raise max_payload on the server or send less/),
    });
  });
});
