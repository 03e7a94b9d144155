// Shared set-up of the NATS integration tests: a client on the environment's nats-server, an
// isolated copy of Ferry's contracts per test (unique namespace → own streams and subjects), and
// small waiting helpers. Nothing here is mocked.
import { randomBytes } from 'node:crypto';
import { createFerryContracts, type FerryContracts } from '@ferry/contracts';
import { createSmokeContracts, type SmokeContracts } from '@ferry/contracts/testing';
import { loadEnvironmentInfo } from '@ferry/devenv/testing';
import { createLogger, type Logger } from '@ferry/logger';
import { connectNats, ensureStream, type NatsClient } from '../src/index';

/** A logger whose lines the test can read. */
export interface CapturedLogger {
  readonly logger: Logger;
  readonly lines: string[];
}

/** Builds a logger that keeps its JSON lines in memory. */
export function captureLogs(): CapturedLogger {
  const lines: string[] = [];
  return { lines, logger: createLogger({ name: 'nats-it', level: 'debug', destination: { write: (l: string) => lines.push(l) } }) };
}

/** A client and an isolated topology; `dispose` deletes the streams and drains the client. */
export interface TestTopology {
  readonly client: NatsClient;
  readonly contracts: FerryContracts;
  /** The test-only smoke contracts in the same namespace (on `contracts.streams.work`). */
  readonly smoke: SmokeContracts;
  readonly logs: CapturedLogger;
  dispose(): Promise<void>;
}

/** Connects to the environment's NATS and creates the WORK and EVENTS streams of a fresh namespace. */
export async function createTestTopology(): Promise<TestTopology> {
  const logs = captureLogs();
  const info = loadEnvironmentInfo();
  const client = await connectNats({
    name: 'nats-integration-test',
    servers: info.natsUrl,
    credentials: info.natsTestCredentials,
    logger: logs.logger,
  });
  const contracts = createFerryContracts({ namespace: `t${randomBytes(5).toString('hex')}` });
  await ensureStream(client, contracts.streams.work);
  await ensureStream(client, contracts.streams.events);
  return {
    client,
    contracts,
    smoke: createSmokeContracts(contracts),
    logs,
    async dispose() {
      const jsm = await client.manager();
      for (const stream of Object.values(contracts.streams)) await jsm.streams.delete(stream.name).catch(() => false);
      await client.close();
    },
  };
}

/** Polls `check` every 25 ms until it returns true; throws after `timeoutMs` with `what`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A promise with its resolver, for holding a handler until the test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
