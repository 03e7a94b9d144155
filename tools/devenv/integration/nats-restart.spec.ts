// The environment's nats-server is supervised as a kubelet supervises a container: killed, it is
// started again on the same port with its JetStream state, and clients reconnect by themselves.
// The test runs its own server (same code path as the environment's) so other test files keep theirs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFerryContracts } from '@ferry/contracts';
import { silentLogger } from '@ferry/logger';
import { connectNats, ensureStreams, lastStoredMessage, publishToStream, type NatsClient } from '@ferry/nats';
import { startSecuredNats, type SecuredNatsServer } from '../src/servers/nats-server';
import { eventually, loadEnvironmentInfo } from '../src/testing';

const operation = { kind: 'DataUpload', namespace: 'velero', name: 'du-1' } as const;
const cancel = (jobId: string) => ({ v: 1 as const, jobId, operation, at: new Date().toISOString() });

describe('nats-server supervision - a crashed server is restarted with its streams, as Kubernetes would', () => {
  let stateDir: string;
  let server: SecuredNatsServer | undefined;
  let client: NatsClient | undefined;

  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'ferry-nats-restart-'));
  });
  afterAll(async () => {
    await client?.close();
    await server?.process.stop();
    await rm(stateDir, { recursive: true, force: true });
  });

  it('SIGKILL: a new process on the same URL, the stored message still there, the client publishing again', async () => {
    const restarts: number[] = [];
    server = await startSecuredNats(loadEnvironmentInfo().binaries.natsServer, stateDir, ['ferry-node-1'], {
      restartDelayMs: 200,
      onRestart: (restarted) => void restarts.push(restarted.pid),
    });
    const contracts = createFerryContracts();
    client = await connectNats({
      name: 'nats-restart-it',
      servers: server.url,
      credentials: server.testCredentials,
      logger: silentLogger(),
      reconnectWaitMs: 200,
    });
    await ensureStreams(client, Object.values(contracts.streams));
    await publishToStream(client, contracts.messages.moveCancel, { job: 'before' }, cancel('before'));
    const firstPid = server.process.pid;

    await server.process.kill('SIGKILL');

    await eventually('nats-server restarted', async () => (restarts.length > 0 ? true : undefined), 30_000);
    expect(server.process.pid).not.toBe(firstPid);
    expect(restarts).toEqual([server.process.pid]);
    const connected = client;
    await eventually('client reconnected', async () => (connected.connectionState() === 'connected' ? true : undefined), 30_000);
    await publishToStream(connected, contracts.messages.moveCancel, { job: 'after' }, cancel('after'));
    expect((await lastStoredMessage(connected, contracts.messages.moveCancel, { job: 'before' }))?.data.jobId).toBe('before');
    expect((await lastStoredMessage(connected, contracts.messages.moveCancel, { job: 'after' }))?.data.jobId).toBe('after');
    const health = await fetch(`${server.monitorUrl}/healthz?js-enabled-only=true`);
    expect(health.status).toBe(200);
  });
});
