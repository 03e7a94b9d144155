// The environment's nats-server runs with the authorization rendered from the contracts: these
// tests connect with the credentials the services get and check what each identity cannot do.
import { createFerryContracts, FerryService, type FerryContracts, type NatsIdentity } from '@ferry/contracts';
import {
  claimTestNatsNamespace,
  loadEnvironmentInfo,
  natsCredentialsFile,
  type ClaimedNatsNamespace,
  type EnvironmentInfo,
} from '@ferry/devenv/testing';
import { silentLogger } from '@ferry/logger';
import {
  connectNats,
  consume,
  ensureConsumer,
  ensureStreams,
  lastStoredMessage,
  NatsConnectError,
  publishToStream,
  readNatsCredentialsFile,
  streamRoute,
  type NatsClient,
} from '../src/index';

const operation = { kind: 'DataUpload', namespace: 'velero', name: 'du-1' } as const;
const now = () => new Date().toISOString();
const moveJob = (jobId: string) => ({
  v: 1 as const,
  jobId,
  operation,
  uploader: 'kopia' as const,
  volume: { podUid: 'pod-uid', volumeDir: 'pvc-1' },
  repository: { backupStorageLocation: 'default', volumeNamespace: 'app' },
  requestedAt: now(),
  direction: 'backup' as const,
  sourceName: 'app/data',
});
const moveResult = (jobId: string, node: string) => ({
  v: 1 as const,
  jobId,
  operation,
  direction: 'backup' as const,
  node,
  outcome: 'completed' as const,
  summary: { snapshotId: 'snap-1', path: '/data', totalBytes: 1, emptyVolume: false },
  startedAt: now(),
  completedAt: now(),
});
/** A refused publish gets no stream ack: fail fast. */
const quick = { timeoutMs: 1500 };

/** The messages of the error `promise` rejects with and of its causes, joined (what the server said is a cause). */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
  return messages.length === 0 ? 'no error' : messages.join(' <- ');
}
const permissionViolation = /permissions violation/i;

describe('NATS authorization - every client authenticates; each identity publishes and consumes only its own', () => {
  let info: EnvironmentInfo;
  let claim: ClaimedNatsNamespace;
  let contracts: FerryContracts;
  let admin: NatsClient;
  const clients: NatsClient[] = [];
  const [nodeA, nodeB] = ['ferry-node-1', 'ferry-node-2'];
  const moverA: NatsIdentity = { service: FerryService.Mover, node: nodeA };
  const controller: NatsIdentity = { service: FerryService.Controller };

  const connectAs = async (identity: NatsIdentity): Promise<NatsClient> => {
    const credentials = await readNatsCredentialsFile(natsCredentialsFile(info.stateDir, contracts.namespace, identity));
    const client = await connectNats({ name: `authz-it-${identity.service}`, servers: info.natsUrl, credentials, logger: silentLogger() });
    clients.push(client);
    return client;
  };
  const stored = async (stream: string): Promise<number> => (await (await admin.manager()).streams.info(stream)).state.messages;

  beforeAll(async () => {
    info = loadEnvironmentInfo();
    claim = await claimTestNatsNamespace(info.stateDir);
    contracts = createFerryContracts({ namespace: claim.namespace });
    admin = await connectNats({
      name: 'authz-it-admin',
      servers: info.natsUrl,
      credentials: info.natsTestCredentials,
      logger: silentLogger(),
    });
    const jsm = await admin.manager();
    for (const stream of Object.values(contracts.streams)) await jsm.streams.delete(stream.name).catch(() => false);
    await ensureStreams(admin, Object.values(contracts.streams));
  });

  afterAll(async () => {
    for (const client of clients) await client.close();
    const jsm = await admin.manager();
    for (const stream of Object.values(contracts.streams)) await jsm.streams.delete(stream.name).catch(() => false);
    await admin.close();
    await claim.release();
  });

  it('refuses an anonymous connection and a wrong password', async () => {
    await expect(connectNats({ name: 'authz-it-anonymous', servers: info.natsUrl, logger: silentLogger() })).rejects.toThrow(
      NatsConnectError,
    );
    await expect(connectNats({ name: 'authz-it-anonymous', servers: info.natsUrl, logger: silentLogger() })).rejects.toThrow(
      /Authorization Violation/i,
    );
    const credentials = { user: `${contracts.namespace}-controller`, password: 'not-the-password-at-all' };
    await expect(connectNats({ name: 'authz-it-guess', servers: info.natsUrl, credentials, logger: silentLogger() })).rejects.toThrow(
      /Authorization Violation/i,
    );
  });

  it("a mover cannot publish an expose job or a move job, for either node, nor another node's job result", async () => {
    const mover = await connectAs(moverA);
    const exposeJob = { v: 1 as const, operation, direction: 'backup' as const, acceptedAt: now() };
    expect(await refusal(publishToStream(mover, contracts.messages.exposeJob, {}, exposeJob, quick))).toMatch(permissionViolation);
    expect(await refusal(publishToStream(mover, contracts.messages.moveJob, { node: nodeA }, moveJob('forged-a'), quick))).toMatch(
      permissionViolation,
    );
    expect(await refusal(publishToStream(mover, contracts.messages.moveJob, { node: nodeB }, moveJob('forged-b'), quick))).toMatch(
      permissionViolation,
    );
    expect(await stored(contracts.streams.work.name)).toBe(0);
    // It may publish what it produces: the result of a job.
    await publishToStream(mover, contracts.messages.moveResult, { node: nodeA, job: 'real-a' }, moveResult('real-a', nodeA), quick);
    expect((await lastStoredMessage(admin, contracts.messages.moveResult, { node: nodeA, job: 'real-a' }))?.data.node).toBe(nodeA);
    // …but not the result of another node's job.
    expect(
      await refusal(
        publishToStream(mover, contracts.messages.moveResult, { node: nodeB, job: 'job-b' }, moveResult('job-b', nodeB), quick),
      ),
    ).toMatch(permissionViolation);
  });

  it("a mover consumes its own node's move jobs but cannot bind to, or redirect its consumer to, another node's", async () => {
    const boss = await connectAs(controller);
    const mover = await connectAs(moverA);
    const theirs = contracts.consumers.mover(nodeB, 1);
    await ensureConsumer(admin, theirs);
    await publishToStream(boss, contracts.messages.moveJob, { node: nodeB }, moveJob('job-b'));
    const routes = [streamRoute(contracts.messages.moveJob, async () => undefined)];
    expect(await refusal(consume(mover, { consumer: theirs, routes }))).toMatch(permissionViolation);
    // Its own durable with another node's filter is refused too.
    const redirected = { ...contracts.consumers.mover(nodeA, 1), filterSubjects: [contracts.subjects.moveJob.build({ node: nodeB })] };
    expect(await refusal(ensureConsumer(mover, redirected))).toMatch(permissionViolation);
    expect((await (await admin.manager()).consumers.info(theirs.stream.name, theirs.durableName)).num_pending).toBe(1);

    const ours = contracts.consumers.mover(nodeA, 1);
    await ensureConsumer(mover, ours);
    await publishToStream(boss, contracts.messages.moveJob, { node: nodeA }, moveJob('job-a'));
    const received: string[] = [];
    const handle = await consume(mover, {
      consumer: ours,
      routes: [streamRoute(contracts.messages.moveJob, async ({ data }) => void received.push(data.jobId))],
    });
    try {
      const deadline = Date.now() + 10_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(received).toEqual(['job-a']);
    } finally {
      await handle.stop();
    }
  });

  it("the controller cannot impersonate a mover's result", async () => {
    const boss = await connectAs(controller);
    expect(
      await refusal(
        publishToStream(boss, contracts.messages.moveResult, { node: nodeA, job: 'forged' }, moveResult('forged', nodeA), quick),
      ),
    ).toMatch(permissionViolation);
    expect(await lastStoredMessage(admin, contracts.messages.moveResult, { node: nodeA, job: 'forged' })).toBeUndefined();
  });
});
