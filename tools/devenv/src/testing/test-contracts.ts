// An isolated copy of Ferry's NATS topology per test file: contracts in a fresh namespace (own
// streams and subjects) on the environment's nats-server, so test files never share messages.
import { randomBytes } from 'node:crypto';
import { createFerryContracts, type FerryContracts } from '@ferry/contracts';
import { createLogger, type Logger } from '@ferry/logger';
import { connectNats, ensureStreams, type NatsClient } from '@ferry/nats';

/** A connection with a private topology; `dispose` deletes its streams and closes the connection. */
export interface TestContracts {
  readonly contracts: FerryContracts;
  readonly nats: NatsClient;
  /** Logger at `warn` named `name` (the connection's and, usually, the services' under test). */
  readonly logger: Logger;
  dispose(): Promise<void>;
}

/** Connects to `natsUrl` as `name` and creates every stream of contracts in namespace `t<hex>`. */
export async function connectTestContracts(name: string, natsUrl: string): Promise<TestContracts> {
  const contracts = createFerryContracts({ namespace: `t${randomBytes(4).toString('hex')}` });
  const logger = createLogger({ name, level: 'warn' });
  const nats = await connectNats({ name, servers: natsUrl, logger });
  await ensureStreams(nats, Object.values(contracts.streams));
  return {
    contracts,
    nats,
    logger,
    async dispose() {
      const jsm = await nats.manager();
      for (const stream of Object.values(contracts.streams)) await jsm.streams.delete(stream.name).catch(() => false);
      await nats.close();
    },
  };
}
