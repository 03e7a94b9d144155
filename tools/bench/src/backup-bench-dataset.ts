// The backup benchmark's data and measurements: objects seeded over the bench namespaces (grown in
// steps), the LIST floor (the same objects listed with the same page size, nothing else done),
// and a resident-memory sampler.
import { randomBytes } from 'node:crypto';
import type { ApiRequester, KubeClient } from '@ferry/kube';

/** What one step of the dataset holds, cumulatively. */
export interface DatasetSize {
  readonly configMaps: number;
  readonly secrets: number;
}

const payload = (): Record<string, string> => ({
  'settings.json': JSON.stringify({ token: randomBytes(48).toString('hex'), replicas: 3 }),
});

/** Runs `task` over indexes 0..count-1 with at most `limit` running at once; rejects on the first failure. */
export async function inParallel(count: number, limit: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** Creates the namespaces, one Deployment and one Service in each. */
export async function seedNamespaces(kube: KubeClient, namespaces: readonly string[]): Promise<void> {
  await inParallel(namespaces.length, 8, async (i) => {
    const namespace = namespaces[i] ?? '';
    const labels = { app: 'bench' };
    await kube.core.createNamespace({ body: { metadata: { name: namespace } } });
    await kube.apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'web', labels },
        spec: {
          selector: { matchLabels: labels },
          template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
        },
      },
    });
    await kube.core.createNamespacedService({
      namespace,
      body: { metadata: { name: 'web', labels }, spec: { selector: labels, ports: [{ port: 80 }] } },
    });
  });
}

/** Adds ConfigMaps and Secrets spread round-robin over `namespaces` until the totals reach `to`. */
export async function growDataset(kube: KubeClient, namespaces: readonly string[], from: DatasetSize, to: DatasetSize): Promise<void> {
  const at = (index: number) => namespaces[index % namespaces.length] ?? '';
  await inParallel(to.configMaps - from.configMaps, 16, (i) => {
    const index = from.configMaps + i;
    return kube.core.createNamespacedConfigMap({ namespace: at(index), body: { metadata: { name: `config-${index}` }, data: payload() } });
  });
  await inParallel(to.secrets - from.secrets, 16, (i) => {
    const index = from.secrets + i;
    return kube.core.createNamespacedSecret({
      namespace: at(index),
      body: { metadata: { name: `secret-${index}` }, stringData: payload() },
    });
  });
}

/**
 * Seconds to LIST every ConfigMap, Secret, Deployment and Service (all namespaces, `pageSize` per
 * page, one after the other, through `requester`), and the item count.
 */
export async function listFloor(requester: ApiRequester, pageSize: number): Promise<{ seconds: number; items: number; requests: number }> {
  const paths = ['/api/v1/configmaps', '/api/v1/secrets', '/apis/apps/v1/deployments', '/api/v1/services'];
  const begin = process.hrtime.bigint();
  let items = 0;
  let requests = 0;
  for (const path of paths) {
    let token: string | undefined;
    do {
      const page = await requester.request<{ items: unknown[]; metadata?: { continue?: string } }>({
        method: 'GET',
        path,
        query: { limit: pageSize, continue: token },
      });
      requests++;
      items += page.items.length;
      token = page.metadata?.continue || undefined;
    } while (token);
  }
  return { seconds: Number(process.hrtime.bigint() - begin) / 1e9, items, requests };
}

/** What a backup's API requests were: discovery, first list pages with and without items, further pages. */
export interface RequestTally {
  discovery: number;
  listsWithItems: number;
  emptyLists: number;
  furtherPages: number;
}

/** Wraps `requester`, sorting every request it sends into a {@link RequestTally}. */
export function tallyingRequester(requester: ApiRequester): { requester: ApiRequester; tally: RequestTally } {
  const tally: RequestTally = { discovery: 0, listsWithItems: 0, emptyLists: 0, furtherPages: 0 };
  return {
    tally,
    requester: {
      async request<T>(request: Parameters<ApiRequester['request']>[0]): Promise<T> {
        const answer = await requester.request<T>(request);
        const items = (answer as { items?: unknown } | undefined)?.items;
        if (request.path === '/api' || request.path === '/apis') tally.discovery++;
        else if (request.query?.['continue'] !== undefined) tally.furtherPages++;
        else if (Array.isArray(items) && items.length > 0) tally.listsWithItems++;
        else tally.emptyLists++;
        return answer;
      },
    },
  };
}

/** Samples this process's resident memory every `intervalMs` (default 20 ms) until stopped; `peak` is the highest seen (MiB). */
export function startRssSampler(intervalMs = 20): { stop(): { peakMiB: number; startMiB: number } } {
  const mib = (bytes: number) => bytes / 1024 / 1024;
  const startMiB = mib(process.memoryUsage.rss());
  let peak = startMiB;
  const timer = setInterval(() => {
    peak = Math.max(peak, mib(process.memoryUsage.rss()));
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, mib(process.memoryUsage.rss()));
      return { peakMiB: peak, startMiB };
    },
  };
}
