import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDataTree, loadEnvironmentInfo } from '@ferry/devenv/testing';
import {
  createKopiaUploader,
  createResticUploader,
  ensureRepository,
  UploaderErrorCode,
  type RepositoryAccess,
  type Uploader,
} from '../src/index';

jest.setTimeout(300_000);

/** Snapshot deletion (Velero's repository Forget) with the real tools against MinIO. */
describe('snapshot deletion - restic forget and kopia snapshot delete through MinIO', () => {
  const info = loadEnvironmentInfo();
  const tools: Record<'restic' | 'kopia', Uploader> = {
    restic: createResticUploader({ binary: info.binaries.restic }),
    kopia: createKopiaUploader({ binary: info.binaries.kopia }),
  };
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ferry-snapshot-deletion-'));
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it.each(['restic', 'kopia'] as const)(
    '%s - deletes by id (restic short ids too), reports ids already gone as missing, and a missing repository as RepositoryNotFound',
    async (kind) => {
      const uploader = tools[kind];
      const accessFor = (volumeNamespace: string, dir: string): RepositoryAccess => ({
        location: { ...info.s3, prefix: `/snapshot-deletion-spec-${process.pid}/`, volumeNamespace },
        password: 'static-passw0rd',
        workDir: join(work, kind, dir),
      });
      const access = accessFor('ns1', 'repo');
      const source = join(work, kind, 'source');
      await buildDataTree(source, { largeFileBytes: 256 * 1024, smallFiles: 10, smallFileBytes: 100 });
      expect(await ensureRepository(uploader, access)).toBe('created');
      const first = await uploader.backup(access, { sourceDir: source, sourceName: 'ns1/pvc', tags: {} });
      await writeFile(join(source, 'changed.txt'), 'second');
      const second = await uploader.backup(access, { sourceDir: source, sourceName: 'ns1/pvc', tags: {} });
      const firstId = kind === 'restic' ? first.snapshotId.slice(0, 8) : first.snapshotId;

      await expect(uploader.deleteSnapshots(access, [firstId, 'deadbeef'])).resolves.toEqual({ deleted: [firstId], missing: ['deadbeef'] });
      expect((await uploader.listSnapshots(access)).map((s) => s.id)).toEqual([second.snapshotId]);
      await expect(uploader.deleteSnapshots(access, [firstId])).resolves.toEqual({ deleted: [], missing: [firstId] });
      // A fresh work folder (another mover) finds the repository from the bucket alone.
      await expect(uploader.deleteSnapshots(accessFor('ns1', 'other-mover'), [second.snapshotId])).resolves.toEqual({
        deleted: [second.snapshotId],
        missing: [],
      });
      expect(await uploader.listSnapshots(access)).toEqual([]);
      await expect(uploader.deleteSnapshots(accessFor('never-backed-up', 'none'), ['abc'])).rejects.toMatchObject({
        code: UploaderErrorCode.RepositoryNotFound,
      });
    },
  );
});
