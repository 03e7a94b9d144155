// /readyz during a NATS outage: a nats-server of its own (on a fixed free port, so it can come back
// at the same address) is stopped and started while a client and an HTTP server watch it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect as connectTcp } from 'node:net';
import { eventuallyPasses, loadEnvironmentInfo } from '@ferry/devenv/testing';
import { createLogger } from '@ferry/logger';
import { connectNats, type NatsClient } from '@ferry/nats';
import { natsReadiness, openApiAccess, startHttpServer, type HttpServer } from '../src/index';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function startNatsServer(port: number): Promise<ChildProcess> {
  const child = spawn(loadEnvironmentInfo().binaries.natsServer, ['-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  await eventuallyPasses(async () => expect(await accepts(port)).toBe(true), 10_000);
  return child;
}

async function stopNatsServer(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

async function readyz(http: HttpServer): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${http.url}/readyz`);
  return { status: response.status, body: await response.json() };
}

describe('readiness - /readyz follows the NATS connection', () => {
  let server: ChildProcess | undefined;
  let nats: NatsClient | undefined;
  let http: HttpServer | undefined;

  afterEach(async () => {
    await http?.close();
    await nats?.close();
    if (server && server.exitCode === null) await stopNatsServer(server);
  });

  it('answers 503 naming NATS while nats-server is stopped, and 200 again once it is back', async () => {
    const port = await freePort();
    server = await startNatsServer(port);
    const logger = createLogger({ name: 'readiness-it', level: 'fatal' });
    nats = await connectNats({ name: 'readiness-it', servers: `nats://127.0.0.1:${port}`, logger, reconnectWaitMs: 200 });
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger,
      // Probes only: /readyz is open whatever the guard.
      access: { api: openApiAccess, rules: [], namespace: 'velero' },
      routes: () => undefined,
      isReady: () => true,
      readiness: [natsReadiness(nats)],
    });
    expect(await readyz(http)).toEqual({ status: 200, body: { status: 'ready' } });

    await stopNatsServer(server);
    await eventuallyPasses(
      async () =>
        expect(await readyz(http as HttpServer)).toEqual({
          status: 503,
          body: { status: 'not ready', reasons: ['NATS unreachable; reconnecting'] },
        }),
      10_000,
    );
    // Still down a while later: the outage is reported for as long as it lasts.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await readyz(http)).status).toBe(503);
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);

    server = await startNatsServer(port);
    await eventuallyPasses(
      async () => expect(await readyz(http as HttpServer)).toEqual({ status: 200, body: { status: 'ready' } }),
      15_000,
    );

    await nats.close();
    expect(await readyz(http)).toEqual({ status: 503, body: { status: 'not ready', reasons: ['NATS connection closed'] } });
  });
});
