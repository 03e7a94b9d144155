import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MoverJobsBody } from '../src/index';
import { startMoverHarness, type MoveResultEvent, type MoverHarness } from './mover-test-harness';
import { adminHeaders, eventually } from '@ferry/devenv/testing';

/** The largest number of [startedAt, completedAt] intervals open at one instant. */
function maxOverlap(results: readonly MoveResultEvent[]): number {
  const edges = results.flatMap(
    (r) =>
      [
        [Date.parse(r.startedAt), 1],
        [Date.parse(r.completedAt), -1],
      ] as const,
  );
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let max = 0;
  for (const [, delta] of edges) max = Math.max(max, (open += delta));
  return max;
}

describe('mover concurrency - loadConcurrency per node from the node-agent ConfigMap', () => {
  let h: MoverHarness;
  afterAll(() => h.close());

  it('two nodes, 10 jobs each: at most 2 at once on the node with the rule, 1 on the other; all complete; a live change raises the limit', async () => {
    h = await startMoverHarness('conc');
    const [nodeA, nodeB] = h.info.nodes.map((n) => n.name) as [string, string];
    const document = {
      loadConcurrency: {
        globalConfig: 1,
        perNodeConfig: [{ nodeSelector: { matchLabels: { 'kubernetes.io/hostname': nodeA } }, number: 2 }],
      },
    };
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'node-agent' }, data: { 'config.json': JSON.stringify(document) } },
    });
    const movers = {
      [nodeA]: await h.startMover(nodeA, { nodeAgentConfigMap: 'node-agent' }),
      [nodeB]: await h.startMover(nodeB, { nodeAgentConfigMap: 'node-agent' }),
    };
    const jobsOf = async (node: string) =>
      (await (await fetch(`${movers[node]?.httpUrl}/v1/jobs`, { headers: await adminHeaders() })).json()) as MoverJobsBody;
    expect((await jobsOf(nodeA)).loadConcurrency).toBe(2);
    expect((await jobsOf(nodeB)).loadConcurrency).toBe(1);

    const sent: Record<string, string[]> = { [nodeA]: [], [nodeB]: [] };
    for (const node of [nodeA, nodeB]) {
      for (let i = 0; i < 10; i++) {
        const volume = await h.volume(node);
        await writeFile(join(volume.path, 'data.bin'), randomBytes(2 * 1024 * 1024));
        const job = h.backupJob(node, volume);
        sent[node]?.push(job.jobId);
        await h.send(node, job);
      }
    }
    // Watch the HTTP API while the jobs run: never more in flight than the node's limit.
    const seenInFlight: Record<string, number> = { [nodeA]: 0, [nodeB]: 0 };
    await eventually(
      'all 20 results',
      async () => {
        for (const node of [nodeA, nodeB]) {
          const body = await jobsOf(node);
          seenInFlight[node] = Math.max(seenInFlight[node] ?? 0, body.jobs.length);
          expect(body.jobs.every((job) => sent[node]?.includes(job.jobId))).toBe(true);
        }
        return h.results.length >= 20;
      },
      180_000,
    );

    for (const [node, limit] of [
      [nodeA, 2],
      [nodeB, 1],
    ] as const) {
      const results = h.results.filter((r) => sent[node]?.includes(r.jobId));
      expect(results.filter((r) => r.outcome !== 'completed').map((r) => r.error)).toEqual([]);
      expect(results.every((r) => r.node === node)).toBe(true);
      expect(maxOverlap(results)).toBe(limit);
      expect(seenInFlight[node]).toBeLessThanOrEqual(limit);
    }

    // A live change: node B gets 3; its consumer's maxAckPending follows.
    const raised = { loadConcurrency: { globalConfig: 3, perNodeConfig: document.loadConcurrency.perNodeConfig } };
    await h.kube.core.replaceNamespacedConfigMap({
      name: 'node-agent',
      namespace: h.namespace,
      body: { metadata: { name: 'node-agent' }, data: { 'config.json': JSON.stringify(raised) } },
    });
    await eventually('loadConcurrency 3 on node B', async () => (await jobsOf(nodeB)).loadConcurrency === 3, 20_000);
    const jsm = await h.nats.manager();
    const consumer = h.contracts.consumers.mover(nodeB, 3);
    expect((await jsm.consumers.info(consumer.stream.name, consumer.durableName)).config.max_ack_pending).toBe(3);
    expect((await jobsOf(nodeA)).loadConcurrency).toBe(2);
  });
});
