import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describeTree } from '@ferry/devenv';
import { buildDataTree, loadEnvironmentInfo } from '@ferry/devenv/testing';
import {
  UploaderError,
  UploaderErrorCode,
  createResticUploader,
  ensureRepository,
  type RepositoryAccess,
  type TransferProgress,
} from '../src/index';

/** Rejects unless `promise` rejects with an UploaderError; returns that error. */
async function uploaderError(promise: Promise<unknown>): Promise<UploaderError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof UploaderError)) throw new Error(`expected an UploaderError, got ${String(error)}`);
  return error;
}

/**
 * The restic uploader against the environment's real MinIO and restic: round trip byte-identical,
 * incremental second backup with the first as parent, progress, abort, classified failures.
 */
describe('restic uploader - against MinIO and restic 0.19', () => {
  const info = loadEnvironmentInfo();
  const uploader = createResticUploader({ binary: info.binaries.restic });
  const tags = { 'snapshot-requester': 'snapshot-data-upload-download', 'snapshot-uploader': 'restic' };
  let work: string;
  let source: string;
  let access: RepositoryAccess;
  const secrets = [info.s3.secretAccessKey, info.s3.accessKeyId, 'static-passw0rd', 'not-the-passw0rd'];
  const expectNoSecret = (error: UploaderError) => {
    for (const secret of secrets) expect(error.message).not.toContain(secret);
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ferry-restic-uploader-'));
    source = join(work, 'source');
    await buildDataTree(source);
    access = {
      location: { ...info.s3, prefix: `restic-uploader-spec-${Date.now().toString(36)}/velero`, volumeNamespace: 'app' },
      password: 'static-passw0rd',
      workDir: join(work, 'restic-work'),
    };
    expect(await ensureRepository(uploader, access)).toBe('created');
    expect(await ensureRepository(uploader, access)).toBe('connected');
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  let firstId: string;
  let firstTotal: number;

  it('backs up and restores the tree byte-identical, with increasing progress', async () => {
    const progress: TransferProgress[] = [];
    const summary = await uploader.backup(access, { sourceDir: source, sourceName: 'app/data', tags, onProgress: (p) => progress.push(p) });
    expect(summary.snapshotId).toMatch(/^[0-9a-f]{8}$/);
    expect(summary.totalBytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(progress.length).toBeGreaterThan(0);
    progress.slice(1).forEach((p, i) => expect(p.bytesDone).toBeGreaterThanOrEqual(progress[i]?.bytesDone ?? 0));
    expect(progress.at(-1)?.bytesDone).toBe(summary.totalBytes);
    [firstId, firstTotal] = [summary.snapshotId, summary.totalBytes];

    const target = join(work, 'restore-1');
    const restoreProgress: TransferProgress[] = [];
    const restored = await uploader.restore(access, { snapshotId: firstId, targetDir: target, onProgress: (p) => restoreProgress.push(p) });
    expect(restored).toMatchObject({ snapshotId: firstId, totalBytes: firstTotal });
    expect(restoreProgress.at(-1)).toEqual({ bytesDone: firstTotal, totalBytes: firstTotal });
    expect(await describeTree(target)).toEqual(await describeTree(source));

    const listed = await uploader.listSnapshots(access, 'app/data');
    expect(listed).toEqual([expect.objectContaining({ id: firstId, sourceName: 'app/data', tags })]);
  });

  it('moves about 1% of the bytes after 1% changed, using the first backup as parent', async () => {
    const large = join(source, 'nested/deeper/large.bin');
    const size = (await stat(large)).size;
    const handle = await open(large, 'r+');
    await handle.write(Buffer.alloc(Math.round(firstTotal / 100), 7), 0, undefined, Math.floor(size / 2));
    await handle.close();
    const summary = await uploader.backup(access, { sourceDir: source, sourceName: 'app/data', tags });
    expect(summary.incrementalBytes).toBeGreaterThan(firstTotal * 0.005);
    expect(summary.incrementalBytes).toBeLessThan(firstTotal * 0.2);
    const listed = await uploader.listSnapshots(access, 'app/data');
    expect(listed.map((s) => s.id)).toEqual([firstId, summary.snapshotId]);
    // The parent is only visible in restic's own listing.
    const { stdout } = await promisify(execFile)(
      info.binaries.restic,
      ['snapshots', '--json', '--no-cache', `--repo=s3:${info.s3.endpoint}/${info.s3.bucket}/${access.location.prefix}/restic/app`],
      {
        env: {
          PATH: process.env['PATH'],
          AWS_ACCESS_KEY_ID: info.s3.accessKeyId,
          AWS_SECRET_ACCESS_KEY: info.s3.secretAccessKey,
          RESTIC_PASSWORD: access.password,
        },
      },
    );
    const second = (JSON.parse(stdout) as { short_id: string; parent?: string }[]).find((s) => s.short_id === summary.snapshotId);
    expect(second?.parent?.slice(0, 8)).toBe(firstId);

    const target = join(work, 'restore-2');
    await uploader.restore(access, { snapshotId: summary.snapshotId, targetDir: target });
    expect(await describeTree(target)).toEqual(await describeTree(source));
  });

  it('stops on abort with UPLOADER_CANCELED; the repository stays consistent and takes a new backup', async () => {
    const bigSource = join(work, 'big-source');
    await buildDataTree(bigSource, { largeFileBytes: 400 * 1024 * 1024, smallFiles: 10, smallFileBytes: 512 });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 3_000);
    const backup = uploader.backup(access, {
      sourceDir: bigSource,
      sourceName: 'app/big',
      tags,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytesDone > 0) controller.abort();
      },
    });
    const error = await uploaderError(backup);
    clearTimeout(timer);
    expect(error.code).toBe(UploaderErrorCode.Canceled);
    await uploader.checkRepository(access);
    const summary = await uploader.backup(access, { sourceDir: source, sourceName: 'app/other', tags });
    expect(summary.snapshotId).toMatch(/^[0-9a-f]{8}$/);
    await rm(bigSource, { recursive: true, force: true });
  });

  it('reports an empty source as an empty volume', async () => {
    const empty = join(work, 'empty');
    await mkdir(empty);
    expect(await uploader.backup(access, { sourceDir: empty, sourceName: 'app/empty', tags })).toMatchObject({
      emptyVolume: true,
      snapshotId: '',
    });
  });

  it('classifies a wrong password, without the secret in the message', async () => {
    const error = await uploaderError(ensureRepository(uploader, { ...access, password: 'not-the-passw0rd' }));
    expect(error).toMatchObject({ code: UploaderErrorCode.WrongPassword, retryable: false });
    expectNoSecret(error);
  });

  it('classifies creating over an existing repository, and connecting to a missing one', async () => {
    expect(await uploaderError(uploader.createRepository(access))).toMatchObject({
      code: UploaderErrorCode.RepositoryExists,
      retryable: false,
    });
    const missing = { ...access, location: { ...access.location, volumeNamespace: 'nobody' } };
    expect(await uploaderError(uploader.connectRepository(missing))).toMatchObject({ code: UploaderErrorCode.RepositoryNotFound });
  });

  it('classifies an unreachable endpoint as retryable, without secrets in the message', async () => {
    const unreachable = { ...access, location: { ...access.location, endpoint: 'http://127.0.0.1:1' } };
    const error = await uploaderError(ensureRepository(uploader, unreachable));
    expect(error).toMatchObject({ code: UploaderErrorCode.StorageUnreachable, retryable: true });
    expectNoSecret(error);
  });
});
