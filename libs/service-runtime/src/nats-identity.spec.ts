import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import { createLogger } from '@ferry/logger';
import { InvalidServiceConfigError } from './errors';
import { fetchIssuedNatsCredentials } from './nats-identity';

const token = 'pod-bound-t0ken';
const password = 's3cret-nats-passw0rd';
const quickRetry = { firstPauseMs: 5, longestPauseMs: 20 };

function kubeConfigWith(user: { name: string; token?: string }): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server: 'https://127.0.0.1:6443', skipTLSVerify: false }],
    users: [user],
    contexts: [{ name: 'c', cluster: 'c', user: user.name }],
    currentContext: 'c',
  });
  return config;
}

/** An issuer answering each ask with the next of `answers` (status, body), the last one forever. */
async function startIssuer(answers: readonly [number, string][]): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    const [status, body] = answers[Math.min(seen.length - 1, answers.length - 1)] ?? [500, ''];
    res.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'application/problem+json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/mover-nats-credentials`, seen, server };
}

describe('nats identity - issued for the service’s Kubernetes token', () => {
  let servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    servers = [];
  });

  it('asks again, logging why, until the issuer answers; shows the bearer token and never logs it or the password', async () => {
    const issuer = await startIssuer([
      [503, JSON.stringify({ status: 503, detail: 'the controller is not the leader yet' })],
      [403, JSON.stringify({ status: 403, detail: 'the token is bound to no node' })],
      [200, JSON.stringify({ user: 'ferry-mover-node-1', password })],
    ]);
    servers.push(issuer.server);
    const lines: string[] = [];
    const logger = createLogger({
      name: 'test',
      level: 'debug',
      destination: new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }),
    });
    const credentials = await fetchIssuedNatsCredentials(issuer.url, kubeConfigWith({ name: 'mover', token }), logger, quickRetry);
    expect(credentials).toEqual({ user: 'ferry-mover-node-1', password });
    expect(issuer.seen).toEqual([`Bearer ${token}`, `Bearer ${token}`, `Bearer ${token}`]);
    const log = lines.join('');
    expect(log).toContain('the controller is not the leader yet');
    expect(log).toContain('the token is bound to no node');
    expect(log).not.toContain(token);
    expect(log).not.toContain(password);
  });

  it('keeps asking when the issuer cannot be reached or answers no credentials', async () => {
    const issuer = await startIssuer([
      [200, '{"user": "ferry-mover-node-1"}'],
      [200, JSON.stringify({ user: 'ferry-mover-node-1', password })],
    ]);
    servers.push(issuer.server);
    const logger = createLogger({ name: 'test', level: 'silent' });
    await expect(fetchIssuedNatsCredentials(issuer.url, kubeConfigWith({ name: 'm', token }), logger, quickRetry)).resolves.toEqual({
      user: 'ferry-mover-node-1',
      password,
    });
    expect(issuer.seen).toHaveLength(2);
  });

  it('refuses to start without a bearer token to show, naming the variable', async () => {
    const logger = createLogger({ name: 'test', level: 'silent' });
    const asking = fetchIssuedNatsCredentials('http://127.0.0.1:9/x', kubeConfigWith({ name: 'cert-user' }), logger, quickRetry);
    await expect(asking).rejects.toThrow(InvalidServiceConfigError);
    await expect(asking).rejects.toThrow(/NATS_CREDENTIALS_URL needs a Kubernetes bearer token/);
  });
});
