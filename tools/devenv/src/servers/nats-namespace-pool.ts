// The pool of contract namespaces whose NATS identities the environment's server knows: test
// files and benchmarks claim one to run Ferry's services on a private topology.
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DevEnvError, DevEnvErrorCode } from '../errors';
import { testNatsNamespaces } from './nats-auth';

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
  throw new DevEnvError(
    DevEnvErrorCode.NatsNamespacesExhausted,
    `all ${testNatsNamespaces.length} test NATS namespaces stayed claimed for ${timeoutMs} ms: a test file does not dispose its TestContracts`,
    true,
  );
}
