import type { RepositoryAccess } from '../uploader';
import {
  backupArgs,
  catConfigArgs,
  checkArgs,
  forgetArgs,
  initArgs,
  resticEnvironment,
  resticGlobalOptions,
  resticRepositoryId,
  restoreArgs,
  snapshotsArgs,
} from './restic-args';

const access: RepositoryAccess = {
  location: {
    endpoint: 'http://127.0.0.1:9000/',
    region: 'us-east-1',
    bucket: 'bkt',
    prefix: '/velero//backups-a/',
    volumeNamespace: 'app',
    accessKeyId: 'AKIDSECRET',
    secretAccessKey: 'SECRETKEY',
    sessionToken: 'SESSIONTOKEN',
  },
  password: 'static-passw0rd',
  workDir: '/work/dir',
};

describe('restic args - pure builders laid out as Velero does', () => {
  it('builds the repository id with normalized slashes', () => {
    expect(resticRepositoryId(access.location)).toBe('s3:http://127.0.0.1:9000/bkt/velero/backups-a/restic/app');
    expect(resticRepositoryId({ ...access.location, prefix: '' })).toBe('s3:http://127.0.0.1:9000/bkt/restic/app');
    expect(resticRepositoryId({ ...access.location, endpoint: '', region: 'eu-west-1', prefix: 'p' })).toBe(
      's3:s3-eu-west-1.amazonaws.com/bkt/p/restic/app',
    );
  });

  it('gives every command the repository and a cache under the work folder, and --insecure-tls when asked', () => {
    const options = resticGlobalOptions(access);
    expect(initArgs(options)).toEqual([
      'init',
      '--repo=s3:http://127.0.0.1:9000/bkt/velero/backups-a/restic/app',
      '--cache-dir=/work/dir/.cache/restic',
    ]);
    const insecure = resticGlobalOptions({ ...access, location: { ...access.location, insecureSkipTlsVerify: true } });
    expect(checkArgs(insecure)).toContain('--insecure-tls');
    expect(catConfigArgs(options).slice(0, 2)).toEqual(['cat', 'config']);
  });

  it('builds backup, snapshots, restore and stats arguments', () => {
    const options = resticGlobalOptions(access);
    expect(backupArgs(options, { z: '1', a: 'x' }).slice(0, 6)).toEqual([
      'backup',
      '.',
      '--tag=a=x',
      '--tag=z=1',
      '--host=velero',
      '--json',
    ]);
    expect(backupArgs(options, {}, { id: 'abcd1234' })).toContain('--parent=abcd1234');
    expect(backupArgs(options, {}, 'none')).toContain('--force');
    expect(backupArgs(options, {}, 'none').join(' ')).not.toContain('--parent');
    expect(snapshotsArgs(options, { tags: { b: '2', a: '1' }, host: 'velero', path: '/p', latest: 1 }).slice(0, 6)).toEqual([
      'snapshots',
      '--json',
      '--tag=a=1,b=2',
      '--host=velero',
      '--path=/p',
      '--latest=1',
    ]);
    expect(restoreArgs(options, 'abcd1234').slice(0, 3)).toEqual(['restore', 'abcd1234', '--target=.']);
    expect(restoreArgs(options, 'abcd1234').slice(0, 4)).toEqual(['restore', 'abcd1234', '--target=.', '--json']);
    expect(() => backupArgs(options, { k: 'a,b' })).toThrow(/comma/);
  });

  it('forgets snapshots by id after "--", so an id is never read as a flag (Velero: restic forget <id>)', () => {
    const options = resticGlobalOptions(access);
    expect(forgetArgs(options, ['044c14cc', '--prune'])).toEqual([
      'forget',
      '--retry-lock=2m',
      '--repo=s3:http://127.0.0.1:9000/bkt/velero/backups-a/restic/app',
      '--cache-dir=/work/dir/.cache/restic',
      '--',
      '044c14cc',
      '--prune',
    ]);
  });

  it('puts secrets in the environment only', () => {
    const options = resticGlobalOptions(access);
    const all = [
      forgetArgs(options, ['x']),
      initArgs(options),
      backupArgs(options, { k: 'v' }),
      snapshotsArgs(options),
      restoreArgs(options, 'x'),
      checkArgs(options),
    ]
      .flat()
      .join(' ');
    for (const secret of ['static-passw0rd', 'SECRETKEY', 'SESSIONTOKEN', 'AKIDSECRET']) expect(all).not.toContain(secret);
    expect(resticEnvironment(access, '/work/dir/pw')).toEqual({
      AWS_ACCESS_KEY_ID: 'AKIDSECRET',
      AWS_SECRET_ACCESS_KEY: 'SECRETKEY',
      AWS_SESSION_TOKEN: 'SESSIONTOKEN',
      AWS_DEFAULT_REGION: 'us-east-1',
      RESTIC_PROGRESS_FPS: '1',
      RESTIC_PASSWORD_FILE: '/work/dir/pw',
    });
    expect(resticEnvironment(access)).toMatchObject({ RESTIC_PASSWORD: 'static-passw0rd' });
  });
});
