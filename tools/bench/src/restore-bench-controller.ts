// The restore benchmark's controller process: Ferry's Restore controller (libs/restore-service,
// started as apps/controller starts it in role `server` and as the restore integration specs do)
// alone in a child process, so its resident memory is its own. Its Kubernetes requester counts
// every API request and every 429 (priority and fairness) answer. Driven over the IPC channel:
// `begin` resets the counters and starts sampling RSS, `end` answers the figures (with the heap
// left after a full GC), `stop` stops the service and exits. Started by restore-bench-process.ts;
// settings in RESTORE_BENCH_* variables.
import { createKubeClient, hasKubeErrorCode, KubeErrorCode, silentLogger, type ApiRequester, type KubeClient } from '@ferry/kube';
import { createFerryContracts } from '@ferry/contracts';
import { createLogger } from '@ferry/logger';
import { connectNats, ensureStreams } from '@ferry/nats';
import { createVolumeReporter } from '@ferry/volume-info-client';
import { createApiAccess, defaultOpenPaths, HttpAuthMode } from '@ferry/service-runtime';
import { startVolumeInfoService } from '@ferry/volume-info-service';
import { startRestoreService } from '@ferry/restore-service';
import { startRssSampler } from './backup-bench-dataset';
import { createFlightMeter, type ControllerFigures, type ControllerMessage, type CreateFlight } from './restore-bench-process';

interface Counts {
  requests: number;
  throttled: number;
}

function countingClient(kube: KubeClient, counts: Counts, flight: CreateFlight): KubeClient {
  const inner = flight.wrap(kube.requester);
  const requester: ApiRequester = {
    async request(request) {
      counts.requests++;
      try {
        return await inner.request(request);
      } catch (error) {
        if (hasKubeErrorCode(error, KubeErrorCode.TooManyRequests)) counts.throttled++;
        throw error;
      }
    },
  };
  return { ...kube, requester };
}

/**
 * Volume-info in this process (own client, uncounted; own NATS topology): Restores complete once it
 * sealed their report. Resolves with its reporter and a stop that also removes the topology.
 */
async function startBenchVolumeInfo(namespace: string) {
  // `bench`: the topology namespace the environment's test identity may use for benchmarks.
  const contracts = createFerryContracts({ namespace: 'bench' });
  const logger = createLogger({ name: 'restore-bench-volume-info', level: 'warn' });
  const credentials = { user: process.env['RESTORE_BENCH_NATS_USER'] ?? '', password: process.env['RESTORE_BENCH_NATS_PASSWORD'] ?? '' };
  const servers = process.env['RESTORE_BENCH_NATS_URL'] ?? '';
  const nats = await connectNats({ name: 'restore-bench-volume-info', servers, credentials, logger });
  await ensureStreams(nats, Object.values(contracts.streams));
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: process.env['KUBECONFIG'] ?? '' });
  const service = await startVolumeInfoService({
    kube,
    nats,
    contracts,
    logger,
    config: { namespace, httpHost: '127.0.0.1', httpPort: 0 },
    // Nobody calls its HTTP API here; the same authentication as in a cluster all the same.
    apiAccess: createApiAccess({ config: { mode: HttpAuthMode.Kubernetes, openPaths: defaultOpenPaths }, requester: kube.requester }),
  });
  return {
    reporter: createVolumeReporter({ nats, contracts, source: 'controller' }),
    async stop() {
      await service.stop();
      const jsm = await nats.manager();
      for (const stream of Object.values(contracts.streams)) await jsm.streams.delete(stream.name).catch(() => false);
      await nats.close();
    },
  };
}

const send = (message: ControllerMessage): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  const counts: Counts = { requests: 0, throttled: 0 };
  const flight = createFlightMeter();
  const kube = countingClient(createKubeClient({ kind: 'file', kubeconfigPath: process.env['KUBECONFIG'] ?? '' }), counts, flight);
  const namespace = process.env['RESTORE_BENCH_NAMESPACE'] ?? 'velero';
  const volumeInfo = await startBenchVolumeInfo(namespace);
  const service = await startRestoreService({
    kube,
    logger: silentLogger,
    namespace,
    parallel: Number(process.env['RESTORE_BENCH_PARALLEL'] ?? '16'),
    volumeReporter: volumeInfo.reporter,
  });
  let sampler: ReturnType<typeof startRssSampler> | undefined;
  let cpuAtBegin = process.cpuUsage();
  process.on('message', (message: ControllerMessage) => {
    if (message.kind === 'begin') {
      global.gc?.();
      counts.requests = 0;
      counts.throttled = 0;
      flight.reset();
      cpuAtBegin = process.cpuUsage();
      // Every 100 ms: sampling every 20 ms took some 3% of this process's CPU in the restore window (profiled).
      sampler = startRssSampler(100);
    } else if (message.kind === 'end') {
      const cpu = process.cpuUsage(cpuAtBegin);
      const rss = sampler?.stop() ?? { peakMiB: 0, startMiB: 0 };
      global.gc?.();
      const heapAfterGcMiB = process.memoryUsage().heapUsed / 1024 / 1024;
      const figures: ControllerFigures = {
        requests: counts.requests,
        throttled: counts.throttled,
        ...rss,
        heapAfterGcMiB,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        createsInFlight: flight.averageInFlight(),
      };
      send({ kind: 'figures', figures });
    } else if (message.kind === 'stop') {
      void service
        .stop()
        .then(() => volumeInfo.stop())
        .finally(() => process.exit(0));
    }
  });
  send({ kind: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`restore bench controller failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
