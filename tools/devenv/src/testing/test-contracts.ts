// An isolated copy of Ferry's NATS topology per test file: contracts in a namespace of the
// environment's test pool (own streams and subjects, and NATS identities for every Ferry service)
// on the environment's nats-server, so test files never share messages.
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createFerryContracts, type FerryContracts } from '@ferry/contracts';
import { createLogger, type Logger } from '@ferry/logger';
import { connectNats, ensureStreams, type NatsClient } from '@ferry/nats';
import type { EnvironmentInfo } from '../environment-info';
import { testNatsNamespaces } from '../servers/nats-auth';

/** A connection with a private topology; `dispose` deletes its streams, closes the connection and frees the namespace. */
export interface TestContracts {
  readonly contracts: FerryContracts;
  readonly nats: NatsClient;
  /** Logger at `warn` named `name` (the connection's and, usually, the services' under test). */
  readonly logger: Logger;
  dispose(): Promise<void>;
}

/** What {@link connectTestContracts} needs of the environment. */
export type TestNatsEnvironment = Pick<EnvironmentInfo, 'natsUrl' | 'natsTestCredentials' | 'stateDir'>;

/** A claimed namespace of the test pool; `release` frees it for the next test file. */
export interface ClaimedNatsNamespace {
  readonly namespace: string;
  release(): Promise<void>;
}

/**
 * Claims a free namespace of the environment's test pool (`testNatsNamespaces`), across every jest
 * worker: a claim is a file created exclusively under the state folder. Waits up to `timeoutMs`
 * when every namespace is taken, then throws naming the pool size.
 */
export async function claimTestNatsNamespace(stateDir: string, timeoutMs = 120_000): Promise<ClaimedNatsNamespace> {
  const folder = join(stateDir, 'nats-namespaces');
  await mkdir(folder, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const namespace of testNatsNamespaces) {
      const file = join(folder, `${namespace}.claim`);
      const handle = await open(file, 'wx').catch(() => undefined);
      if (handle === undefined) continue;
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { namespace, release: () => rm(file, { force: true }) };
    }
    await sleep(500);
  }
  throw new Error(
    `all ${testNatsNamespaces.length} test NATS namespaces stayed claimed for ${timeoutMs} ms: a test file does not dispose its TestContracts`,
  );
}

/**
 * Claims a namespace of the test pool, connects to NATS as `name` with the test identity and
 * creates every stream of the contracts in that namespace (emptied first: a namespace is reused
 * by later test files). Ferry services started with `natsNamespace: contracts.namespace` find
 * their credentials for it (`startFerryService`).
 */
export async function connectTestContracts(name: string, environment: TestNatsEnvironment): Promise<TestContracts> {
  const claim = await claimTestNatsNamespace(environment.stateDir);
  const contracts = createFerryContracts({ namespace: claim.namespace });
  const logger = createLogger({ name, level: 'warn' });
  const nats = await connectNats({ name, servers: environment.natsUrl, credentials: environment.natsTestCredentials, logger });
  const jsm = await nats.manager();
  for (const stream of Object.values(contracts.streams)) await jsm.streams.delete(stream.name).catch(() => false);
  await ensureStreams(nats, Object.values(contracts.streams));
  return {
    contracts,
    nats,
    logger,
    async dispose() {
      for (const stream of Object.values(contracts.streams)) await jsm.streams.delete(stream.name).catch(() => false);
      await nats.close();
      await claim.release();
    },
  };
}
