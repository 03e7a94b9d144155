// An isolated copy of Ferry's NATS topology per test file: contracts in a namespace of the
// environment's test pool (own streams and subjects, and NATS identities for every Ferry service)
// on the environment's nats-server, so test files never share messages.
import { createFerryContracts, type FerryContracts } from '@ferry/contracts';
import { createLogger, type Logger } from '@ferry/logger';
import { connectNats, ensureStreams, type NatsClient } from '@ferry/nats';
import type { EnvironmentInfo } from '../environment-info';
import { claimTestNatsNamespace } from '../servers/nats-namespace-pool';

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
