import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTree } from '@ferry/devenv';
import { buildDataTree, loadEnvironmentInfo } from '@ferry/devenv/testing';
import { createKopiaUploader, ensureRepository, UploaderError, type RepositoryAccess, type TransferProgress } from '../src/index';

jest.setTimeout(300_000);

/** The kopia uploader against the environment's real MinIO and kopia binary. */
describe('kopia uploader - backup and restore through MinIO', () => {
  const info = loadEnvironmentInfo();
  const uploader = createKopiaUploader({ binary: info.binaries.kopia });
  let work: string;
  let access: RepositoryAccess;
  const tags = { 'snapshot-requester': 'snapshot-data-upload-download', 'snapshot-uploader': 'kopia' };

  const accessIn = (
    dir: string,
    overrides: Partial<RepositoryAccess['location']> = {},
    password = 'static-passw0rd',
  ): RepositoryAccess => ({
    location: { ...info.s3, prefix: `/kopia-uploader-spec-${process.pid}/`, volumeNamespace: 'ns1', ...overrides },
    password,
    workDir: join(work, dir),
  });

  async function expectUploaderError(promise: Promise<unknown>, code: string, secrets: string[]): Promise<void> {
    const error: unknown = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UploaderError);
    expect((error as UploaderError).code).toBe(code);
    for (const secret of secrets) expect((error as UploaderError).message).not.toContain(secret);
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'kopia-uploader-'));
    access = accessIn('repo');
    await buildDataTree(join(work, 'source'));
    expect(await ensureRepository(uploader, access)).toBe('created');
    expect(await ensureRepository(uploader, access)).toBe('connected'); // idempotent: connects the second time
  });

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('kopia uploader - restores a backup byte-identical with progress, and a 1% change moves about 1%', async () => {
    const progress: TransferProgress[] = [];
    const first = await uploader.backup(access, {
      sourceDir: join(work, 'source'),
      sourceName: 'ns1/pvc-data',
      tags,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.length).toBeGreaterThan(0);
    expect(first.totalBytes).toBeGreaterThan(50 * 1024 * 1024);
    // Every progress has a total (Ferry's source walk until kopia's estimate), close to the snapshot's size.
    const totals = progress.map((p) => p.totalBytes);
    expect(totals.filter((total) => total === undefined).length).toBeLessThanOrEqual(1);
    expect(Math.abs((totals.at(-1) ?? 0) - first.totalBytes) / first.totalBytes).toBeLessThan(0.01);

    const restoreProgress: TransferProgress[] = [];
    const restored = await uploader.restore(access, {
      snapshotId: first.snapshotId,
      targetDir: join(work, 'restored'),
      onProgress: (p) => restoreProgress.push(p),
    });
    expect(restoreProgress.length).toBeGreaterThan(0);
    expect(restored.snapshotId).toBe(first.snapshotId);
    // The exact size, as the backup reported it, not kopia's four printed digits.
    expect(restored.totalBytes).toBe(first.totalBytes);
    expect(await describeTree(join(work, 'restored'))).toEqual(await describeTree(join(work, 'source')));

    // Rewrite every small file: 1,000 × 512 B ≈ 1% of the tree's bytes.
    for (const dir of await readdir(join(work, 'source', 'small'))) {
      for (const file of await readdir(join(work, 'source', 'small', dir)))
        await writeFile(join(work, 'source', 'small', dir, file), randomBytes(512));
    }
    const second = await uploader.backup(access, { sourceDir: join(work, 'source'), sourceName: 'ns1/pvc-data', tags });
    expect(second.snapshotId).not.toBe(first.snapshotId);
    const ratio = (second.incrementalBytes ?? Number.NaN) / second.totalBytes;
    expect(ratio).toBeGreaterThan(0.002);
    expect(ratio).toBeLessThan(0.05);

    const snapshots = await uploader.listSnapshots(access, 'ns1/pvc-data');
    expect(snapshots.map((s) => s.id)).toEqual([first.snapshotId, second.snapshotId]);
    expect(snapshots[1]?.tags).toEqual(tags);
  });

  it('kopia uploader - an aborted backup is canceled, the repository stays consistent, a new backup succeeds', async () => {
    const source = join(work, 'abort-source');
    await buildDataTree(source, { largeFileBytes: 400 * 1024 * 1024, smallFiles: 10, smallFileBytes: 512 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 700).unref();
    await expectUploaderError(
      uploader.backup(access, { sourceDir: source, sourceName: 'ns1/pvc-abort', tags, signal: controller.signal }),
      'UPLOADER_CANCELED',
      [],
    );
    await uploader.checkRepository(access);
    const again = await uploader.backup(access, { sourceDir: source, sourceName: 'ns1/pvc-abort', tags });
    expect(again.totalBytes).toBeGreaterThan(400 * 1024 * 1024);
  });

  it('kopia uploader - a wrong password is classified and not leaked', async () => {
    const wrong = accessIn('wrong-password', {}, 'not-the-Pa55word-42');
    await expectUploaderError(ensureRepository(uploader, wrong), 'UPLOADER_WRONG_PASSWORD', [
      wrong.password,
      info.s3.secretAccessKey,
      info.s3.accessKeyId,
    ]);
  });

  it('kopia uploader - creating over an existing repository is classified, a missing one is not found', async () => {
    await expectUploaderError(uploader.createRepository(accessIn('create-again')), 'UPLOADER_REPOSITORY_EXISTS', [access.password]);
    await expectUploaderError(
      uploader.connectRepository(accessIn('missing', { volumeNamespace: 'nobody' })),
      'UPLOADER_REPOSITORY_NOT_FOUND',
      [access.password],
    );
  });

  it('kopia uploader - an unreachable endpoint is classified as retryable', async () => {
    const down = accessIn('unreachable', { endpoint: 'http://127.0.0.1:1' });
    await expectUploaderError(ensureRepository(uploader, down), 'UPLOADER_STORAGE_UNREACHABLE', [
      down.password,
      info.s3.secretAccessKey,
      info.s3.accessKeyId,
    ]);
  });

  it('kopia uploader - a missing snapshot is classified', async () => {
    const target = join(work, 'missing');
    await expectUploaderError(
      uploader.restore(access, { snapshotId: '0123456789abcdef0123456789abcdef', targetDir: target }),
      'UPLOADER_SNAPSHOT_NOT_FOUND',
      [access.password],
    );
  });
});
