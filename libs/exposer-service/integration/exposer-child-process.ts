// The exposer service as a separate process for the kill-restart test (`node --import tsx` this
// file): like apps/exposer, but on the test's contract namespace (FERRY_TEST_CONTRACTS) with a
// short ack wait (FERRY_TEST_ACK_WAIT_MS), so a SIGKILLed delivery comes back quickly.
import { createFerryContracts } from '@ferry/contracts';
import { createKubeClient } from '@ferry/kube';
import { createLogger } from '@ferry/logger';
import { connectNats, ensureStreams } from '@ferry/nats';
import { readExposerServiceSettings, startExposerService } from '../src/index';

async function main(): Promise<void> {
  const env = process.env;
  const logger = createLogger({ name: 'exposer-child', level: 'warn' });
  const contracts = createFerryContracts({ namespace: env['FERRY_TEST_CONTRACTS'] ?? 'ferry' });
  const nats = await connectNats({ name: 'exposer-child', servers: env['NATS_URL'] ?? '', logger });
  await ensureStreams(nats, Object.values(contracts.streams));
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: env['KUBECONFIG'] ?? '' });
  const service = await startExposerService({
    kube, nats, contracts, logger,
    config: { namespace: env['FERRY_NAMESPACE'] ?? 'velero', httpHost: '127.0.0.1', httpPort: 0 },
    settings: readExposerServiceSettings(env),
    consumerTuning: { ackWaitMs: Number(env['FERRY_TEST_ACK_WAIT_MS'] ?? 60_000) },
    pollIntervalMs: 100,
  });
  process.stdout.write(`ready ${service.httpUrl}\n`);
  process.once('SIGTERM', () => {
    void service.stop().then(() => nats.close()).then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`exposer child failed: ${String(error)}\n`);
  process.exit(1);
});
