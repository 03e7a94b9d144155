import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeTree } from '@ferry/devenv';
import { startMoverHarness, type MoveJobInput, type MoverHarness } from './mover-test-harness';

jest.setTimeout(600_000);

/** Brand-new repositories per round, raced at once (more races per round: the kopia window is narrow). */
const repositoriesPerRound = 3;
/** Backup jobs per node and repository. */
const jobsPerNode = 2;

describe('mover repository claim - first use of a repository from two nodes at once', () => {
  let h: MoverHarness;
  let nodes: [string, string];

  beforeAll(async () => {
    h = await startMoverHarness('claim');
    nodes = h.info.nodes.map((n) => n.name) as [string, string];
    const document = { loadConcurrency: { globalConfig: repositoriesPerRound } };
    await h.kube.core.createNamespacedConfigMap({
      namespace: h.namespace,
      body: { metadata: { name: 'node-agent' }, data: { 'config.json': JSON.stringify(document) } },
    });
    for (const node of nodes) await h.startMover(node, { nodeAgentConfigMap: 'node-agent' });
  });
  afterAll(() => h?.close());

  /** How many claims the stream stores per repository key. */
  async function storedClaims(): Promise<Record<string, number>> {
    const contract = h.contracts.messages.repositoryClaim;
    const jsm = await h.nats.manager();
    const info = await jsm.streams.info(contract.stream.name, { subjects_filter: contract.subject.wildcard });
    return info.state.subjects ?? {};
  }

  it.each([
    ['kopia', 1],
    ['kopia', 2],
    ['restic', 1],
    ['restic', 2],
  ] as const)(
    `%s round %d: ${repositoriesPerRound} new repositories, ${jobsPerNode} jobs per node each, all complete, one claim stored per repository, every snapshot restores identical on the other node`,
    async (uploader, _round) => {
      const claimsBefore = Object.keys(await storedClaims()).length;
      const repositories = Array.from({ length: repositoriesPerRound }, () => ({
        backupStorageLocation: 'default',
        volumeNamespace: `claim-${uploader}-${randomBytes(3).toString('hex')}`,
      }));
      const backups: { node: string; job: MoveJobInput; path: string; repository: (typeof repositories)[number] }[] = [];
      // Per node, the first jobs in the stream are one per repository, so each node starts every repository at once.
      for (let i = 0; i < jobsPerNode; i++) {
        for (const repository of repositories) {
          for (const node of nodes) {
            const volume = await h.volume(node);
            await writeFile(join(volume.path, 'data.bin'), randomBytes(512 * 1024));
            await writeFile(join(volume.path, 'note.txt'), `${node} volume ${i}\n`);
            const job = h.backupJob(node, volume, {
              uploader,
              repository,
              sourceName: `${repository.volumeNamespace}/${volume.volumeDir}`,
            });
            backups.push({ node, job, path: volume.path, repository });
          }
        }
      }
      // Every job of both nodes published at once: the movers pull them within milliseconds.
      await Promise.all(backups.map(({ node, job }) => h.send(node, job)));
      const results = await Promise.all(backups.map(({ job }) => h.result(job.jobId, 300_000)));
      expect(
        results.filter((r) => r.outcome !== 'completed').map((r) => `${r.node}: ${r.error?.code ?? ''} ${r.error?.message ?? ''}`),
      ).toEqual([]);
      expect(new Set(results.map((r) => r.node)).size).toBe(2);

      const claims = await storedClaims();
      expect(Object.keys(claims)).toHaveLength(claimsBefore + repositoriesPerRound);
      expect(Object.values(claims).every((count) => count === 1)).toBe(true);

      // Each snapshot restored by the mover of the node that did not write it.
      const restores = await Promise.all(
        backups.map(async ({ node, repository }, i) => {
          const other = nodes.find((n) => n !== node) ?? node;
          const target = await h.volume(other);
          const restore = h.restoreJob(target, results[i]?.summary?.snapshotId ?? '', { uploader, repository });
          await h.send(other, restore);
          return { restore, target };
        }),
      );
      for (const [i, { restore, target }] of restores.entries()) {
        const restored = await h.result(restore.jobId, 300_000);
        expect(restored.error).toBeUndefined();
        expect(restored.outcome).toBe('completed');
        expect(await describeTree(target.path)).toEqual(await describeTree(backups[i]?.path ?? ''));
      }
    },
  );
});
