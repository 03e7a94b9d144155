import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMinioStorageLocation } from '@ferry/devenv';
import { adminHeaders, buildDataTree, eventually, startMinio } from '@ferry/devenv/testing';
import { createKopiaUploader, createResticUploader } from '@ferry/uploader';
import { createRepositoryAccessResolver, type MoverService } from '../src/index';
import { repositoryPassword, startMoverHarness, type MoverHarness } from './mover-test-harness';

describe('mover faults - cancel, wrong password, unreachable or stopped store, missing objects', () => {
  let h: MoverHarness;
  let mover: MoverService;
  let node: string;
  const secrets = () => [h.info.s3.secretAccessKey, h.info.s3.accessKeyId, repositoryPassword, 'not-the-passw0rd'];

  beforeAll(async () => {
    h = await startMoverHarness('faults');
    node = h.info.nodes[1]?.name ?? 'node-missing';
    mover = await h.startMover(node);
  });
  afterAll(async () => {
    await mover.stop();
    await h.close();
  });

  it.each(['restic', 'kopia'] as const)(
    'cancel mid-backup (%s): canceled result, the repository checks out, a later backup succeeds',
    async (uploader) => {
      const big = await h.volume(node);
      await buildDataTree(big.path, { largeFileBytes: 300 * 1024 * 1024, smallFiles: 10, smallFileBytes: 512 });
      const job = h.backupJob(node, big, { uploader });
      await h.send(node, job);
      await eventually('bytes moving', () => h.progress.some((p) => p.jobId === job.jobId && p.bytesDone > 0), 60_000);
      const inFlight = (await (await fetch(`${mover.httpUrl}/v1/jobs`, { headers: await adminHeaders() })).json()) as {
        jobs: { jobId: string; state: string; bytesPerSecond: number }[];
      };
      expect(inFlight.jobs).toEqual([expect.objectContaining({ jobId: job.jobId, state: 'moving data' })]);
      await h.cancel(job);
      const result = await h.result(job.jobId);
      expect(result).toMatchObject({ outcome: 'canceled', error: { code: 'MOVER_CANCELED', retryable: false } });
      expect(result.summary).toBeUndefined();

      const tools = {
        restic: createResticUploader({ binary: h.info.binaries.restic }),
        kopia: createKopiaUploader({ binary: h.info.binaries.kopia }),
      };
      const access = await createRepositoryAccessResolver({
        kube: h.kube,
        namespace: h.namespace,
        workDir: (await h.settings(node)).workDir,
      }).resolve(uploader, { backupStorageLocation: 'default', volumeNamespace: 'app' });
      await tools[uploader].checkRepository(access);

      const small = await h.volume(node);
      await writeFile(join(small.path, 'after-cancel.txt'), 'still works');
      const later = h.backupJob(node, small, { uploader });
      await h.send(node, later);
      expect((await h.result(later.jobId)).outcome).toBe('completed');
    },
  );

  it('a job whose cancel was stored before delivery ends canceled without running', async () => {
    const volume = await h.volume(node);
    const job = h.backupJob(node, volume);
    await h.cancel(job);
    await h.send(node, job);
    const result = await h.result(job.jobId);
    expect(result).toMatchObject({
      outcome: 'canceled',
      error: { code: 'MOVER_CANCELED', message: expect.stringContaining('before it started') },
    });
    expect(h.progress.some((p) => p.jobId === job.jobId)).toBe(false);
  });

  it('a redelivered job whose result is stored is not run again', async () => {
    const volume = await h.volume(node);
    await writeFile(join(volume.path, 'once.bin'), randomBytes(1024));
    const job = h.backupJob(node, volume);
    await h.send(node, job);
    expect((await h.result(job.jobId)).outcome).toBe('completed');
    await h.send(node, job);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(h.results.filter((r) => r.jobId === job.jobId)).toHaveLength(1);
    const consumer = h.contracts.consumers.mover(node, 1);
    const info = await (await h.nats.manager()).consumers.info(consumer.stream.name, consumer.durableName);
    expect(info.num_pending + info.num_ack_pending).toBe(0);
  });

  it.each(['restic', 'kopia'] as const)(
    'wrong repository password (%s): classified, no secret in the result; the next job succeeds',
    async (uploader) => {
      const volume = await h.volume(node);
      await writeFile(join(volume.path, 'a.txt'), 'a');
      const first = h.backupJob(node, volume, { uploader });
      await h.send(node, first);
      expect((await h.result(first.jobId)).outcome).toBe('completed');
      await h.setRepositoryPassword('not-the-passw0rd');
      const wrong = h.backupJob(node, volume, { uploader });
      await h.send(node, wrong);
      const result = await h.result(wrong.jobId);
      expect(result).toMatchObject({ outcome: 'failed', error: { code: 'UPLOADER_WRONG_PASSWORD', retryable: false } });
      for (const secret of secrets()) expect(JSON.stringify(result)).not.toContain(secret);
      await h.setRepositoryPassword(repositoryPassword);
      const again = h.backupJob(node, volume, { uploader });
      await h.send(node, again);
      expect((await h.result(again.jobId)).outcome).toBe('completed');
    },
  );

  it.each(['restic', 'kopia'] as const)(
    'unreachable object store (%s, a BSL whose s3Url has no server): retryable classified error; others still served',
    async (uploader) => {
      await h.createStorageLocation(`down-${uploader}`, { s3Url: 'http://127.0.0.1:1' });
      const volume = await h.volume(node);
      await writeFile(join(volume.path, 'a.txt'), 'a');
      const down = h.backupJob(node, volume, {
        uploader,
        repository: { backupStorageLocation: `down-${uploader}`, volumeNamespace: 'app' },
      });
      const fine = h.backupJob(node, volume, { uploader });
      await h.send(node, down);
      await h.send(node, fine);
      const result = await h.result(down.jobId);
      expect(result).toMatchObject({ outcome: 'failed', error: { code: 'UPLOADER_STORAGE_UNREACHABLE', retryable: true } });
      for (const secret of secrets()) expect(JSON.stringify(result)).not.toContain(secret);
      expect((await h.result(fine.jobId)).outcome).toBe('completed');
    },
  );

  it.each(['restic', 'kopia'] as const)(
    'stopped MinIO (%s, a private MinIO stopped after the first backup): retryable classified error; others still served',
    async (uploader) => {
      const stateDir = await mkdtemp(join(tmpdir(), 'ferry-stopped-minio-'));
      const minio = await startMinio(h.info.binaries.minio, stateDir, 'stopped');
      try {
        const bsl = `stopped-${uploader}`;
        await createMinioStorageLocation(h.kube, minio.s3, { namespace: h.namespace, name: bsl, prefix: 'velero' });
        const volume = await h.volume(node);
        await writeFile(join(volume.path, 'a.txt'), 'a');
        const repository = { backupStorageLocation: bsl, volumeNamespace: 'app' };
        const before = h.backupJob(node, volume, { uploader, repository });
        await h.send(node, before);
        expect((await h.result(before.jobId)).outcome).toBe('completed');

        await minio.process.stop();
        const down = h.backupJob(node, volume, { uploader, repository });
        const fine = h.backupJob(node, volume, { uploader });
        await h.send(node, down);
        await h.send(node, fine);
        const result = await h.result(down.jobId, 120_000);
        expect(result).toMatchObject({ outcome: 'failed', error: { code: 'UPLOADER_STORAGE_UNREACHABLE', retryable: true } });
        for (const secret of [...secrets(), minio.s3.secretAccessKey, minio.s3.accessKeyId])
          expect(JSON.stringify(result)).not.toContain(secret);
        expect((await h.result(fine.jobId)).outcome).toBe('completed');
      } finally {
        await minio.process.stop();
        await rm(stateDir, { recursive: true, force: true });
      }
    },
  );

  it.each([
    [
      'a missing BSL',
      { repository: { backupStorageLocation: 'nope', volumeNamespace: 'app' } },
      'MOVER_BSL_NOT_FOUND',
      /BackupStorageLocation mover-faults-\w+\/nope does not exist/,
    ],
    [
      'a missing volume',
      { volume: { podUid: 'no-such-pod', volumeDir: 'pvc-x' } },
      'MOVER_VOLUME_NOT_FOUND',
      /pods\/no-such-pod\/volumes\/\*\/pvc-x/,
    ],
  ])('%s fails with a classified, non-retryable error naming it', async (_what, overrides, code, message) => {
    const volume = await h.volume(node);
    const job = h.backupJob(node, volume, overrides);
    await h.send(node, job);
    expect(await h.result(job.jobId)).toMatchObject({
      outcome: 'failed',
      error: { code, retryable: false, message: expect.stringMatching(message) },
    });
  });
});
