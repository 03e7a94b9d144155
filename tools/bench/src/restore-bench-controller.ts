// The restore benchmark's controller process: Ferry's Restore controller (libs/restore-service,
// started as apps/controller starts it in role `server` and as the restore integration specs do)
// alone in a child process, so its resident memory is its own. Its Kubernetes requester counts
// every API request and every 429 (priority and fairness) answer. Driven over the IPC channel:
// `begin` resets the counters and starts sampling RSS, `end` answers the figures (with the heap
// left after a full GC), `stop` stops the service and exits. Started by restore-bench-process.ts;
// settings in RESTORE_BENCH_* variables.
import { createKubeClient, hasKubeErrorCode, KubeErrorCode, silentLogger, type ApiRequester, type KubeClient } from '@ferry/kube';
import { startRestoreService } from '@ferry/restore-service';
import { startRssSampler } from './backup-bench-dataset';
import type { ControllerFigures, ControllerMessage } from './restore-bench-process';

interface Counts {
  requests: number;
  throttled: number;
}

function countingClient(kube: KubeClient, counts: Counts): KubeClient {
  const inner = kube.requester;
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

const send = (message: ControllerMessage): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  const counts: Counts = { requests: 0, throttled: 0 };
  const kube = countingClient(createKubeClient({ kind: 'file', kubeconfigPath: process.env['KUBECONFIG'] ?? '' }), counts);
  const service = await startRestoreService({
    kube,
    logger: silentLogger,
    namespace: process.env['RESTORE_BENCH_NAMESPACE'] ?? 'velero',
    parallel: Number(process.env['RESTORE_BENCH_PARALLEL'] ?? '16'),
  });
  let sampler: ReturnType<typeof startRssSampler> | undefined;
  process.on('message', (message: ControllerMessage) => {
    if (message.kind === 'begin') {
      global.gc?.();
      counts.requests = 0;
      counts.throttled = 0;
      sampler = startRssSampler();
    } else if (message.kind === 'end') {
      const rss = sampler?.stop() ?? { peakMiB: 0, startMiB: 0 };
      global.gc?.();
      const heapAfterGcMiB = process.memoryUsage().heapUsed / 1024 / 1024;
      const figures: ControllerFigures = { requests: counts.requests, throttled: counts.throttled, ...rss, heapAfterGcMiB };
      send({ kind: 'figures', figures });
    } else if (message.kind === 'stop') {
      void service.stop().finally(() => process.exit(0));
    }
  });
  send({ kind: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(`restore bench controller failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
