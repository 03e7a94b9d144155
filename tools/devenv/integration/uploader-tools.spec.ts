import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildDataTree, describeTree } from '../src/data-tree';
import { loadEnvironmentInfo } from '../src/testing';

const run = promisify(execFile);

/**
 * restic and kopia back a tree up into a MinIO-backed repository and restore it byte-identical.
 * Credentials and passwords reach the tools through their environment, never their arguments.
 */
describe('uploader tools - restic and kopia round trips through MinIO', () => {
  const info = loadEnvironmentInfo();
  const s3Env = { AWS_ACCESS_KEY_ID: info.s3.accessKeyId, AWS_SECRET_ACCESS_KEY: info.s3.secretAccessKey };
  let work: string;
  let source: string;
  let expected: Record<string, string>;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ferry-uploader-spec-'));
    source = join(work, 'source');
    await buildDataTree(source);
    expected = await describeTree(source);
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  it('restic restores the tree byte-identical', async () => {
    const env = {
      ...process.env,
      ...s3Env,
      RESTIC_PASSWORD: 'static-passw0rd',
      RESTIC_REPOSITORY: `s3:${info.s3.endpoint}/${info.s3.bucket}/uploader-spec-${Date.now()}/restic/default`,
      RESTIC_CACHE_DIR: join(work, 'restic-cache'),
    };
    const restic = (args: string[], cwd = work) => run(info.binaries.restic, args, { env, cwd, maxBuffer: 64 * 1024 * 1024 });

    await restic(['init']);
    const backup = await restic(['backup', '.', '--json', '--host=velero'], source);
    const summary = JSON.parse(backup.stdout.trim().split('\n').pop()!) as {
      message_type: string;
      snapshot_id: string;
      total_files_processed: number;
    };
    expect(summary.message_type).toBe('summary');
    expect(summary.total_files_processed).toBe(1_002);

    const target = join(work, 'restic-restore');
    await restic(['restore', summary.snapshot_id, `--target=${target}`]);
    expect(await describeTree(target)).toEqual(expected);
  });

  it('kopia restores the tree byte-identical', async () => {
    const env = { ...process.env, ...s3Env, KOPIA_PASSWORD: 'static-passw0rd', KOPIA_CHECK_FOR_UPDATES: 'false' };
    const common = [`--config-file=${join(work, 'kopia.config')}`, `--log-dir=${join(work, 'kopia-logs')}`];
    const kopia = (args: string[]) => run(info.binaries.kopia, [...args, ...common], { env, cwd: work, maxBuffer: 64 * 1024 * 1024 });
    const endpoint = new URL(info.s3.endpoint);

    await kopia([
      'repository',
      'create',
      's3',
      `--bucket=${info.s3.bucket}`,
      `--prefix=uploader-spec-${Date.now()}/kopia/default/`,
      `--endpoint=${endpoint.host}`,
      `--region=${info.s3.region}`,
      '--disable-tls',
      `--cache-directory=${join(work, 'kopia-cache')}`,
      '--override-username=default',
      '--override-hostname=default',
    ]);
    const created = await kopia(['snapshot', 'create', source, '--json']);
    const manifest = JSON.parse(created.stdout) as { id: string; rootEntry: { summ: { files: number; symlinks: number } } };
    expect(manifest.rootEntry.summ).toMatchObject({ files: 1_002, symlinks: 1 });

    const target = join(work, 'kopia-restore');
    await kopia(['snapshot', 'restore', manifest.id, target]);
    expect(await describeTree(target)).toEqual(expected);
  });
});
