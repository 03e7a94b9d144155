import type { RepositoryAccess } from '../uploader';
import {
  kopiaEnvironment,
  kopiaRepositoryArgs,
  kopiaRepositoryPrefix,
  kopiaSnapshotCreateArgs,
  kopiaSnapshotDeleteArgs,
} from './kopia-args';

const access: RepositoryAccess = {
  location: {
    endpoint: 'http://127.0.0.1:9000',
    region: 'minio',
    bucket: 'velero',
    prefix: '/backups-prefix/',
    volumeNamespace: 'app',
    accessKeyId: 'AKID',
    secretAccessKey: 'SECRET',
  },
  password: 'static-passw0rd',
  workDir: '/work/dir',
};

describe('kopia args - repository', () => {
  it('lays the repository out as Velero: <prefix>/kopia/<ns>/, slashes trimmed', () => {
    expect(kopiaRepositoryPrefix(access.location)).toBe('backups-prefix/kopia/app/');
    expect(kopiaRepositoryPrefix({ ...access.location, prefix: '' })).toBe('kopia/app/');
  });

  it('connects with host:port, no TLS for http, default owner, and no secret in argv', () => {
    const args = kopiaRepositoryArgs('connect', access);
    expect(args.slice(0, 3)).toEqual(['repository', 'connect', 's3']);
    expect(args).toEqual(
      expect.arrayContaining([
        '--bucket=velero',
        '--prefix=backups-prefix/kopia/app/',
        '--endpoint=127.0.0.1:9000',
        '--region=minio',
        '--disable-tls',
        '--override-username=default',
        '--override-hostname=default',
        '--config-file=/work/dir/kopia/repository.config',
      ]),
    );
    expect(args).not.toContain('--disable-tls-verification');
    expect(args.join(' ')).not.toMatch(/SECRET|AKID|static-passw0rd/);
  });

  it('keeps TLS for https and skips verification when insecure', () => {
    const args = kopiaRepositoryArgs('create', {
      ...access,
      location: { ...access.location, endpoint: 'https://s3.eu-west-1.amazonaws.com', insecureSkipTlsVerify: true },
    });
    expect(args).toContain('--endpoint=s3.eu-west-1.amazonaws.com');
    expect(args).toContain('--disable-tls-verification');
    expect(args).not.toContain('--disable-tls');
  });

  it('puts secrets in the environment', () => {
    expect(kopiaEnvironment(access)).toEqual({
      KOPIA_PASSWORD: 'static-passw0rd',
      AWS_ACCESS_KEY_ID: 'AKID',
      AWS_SECRET_ACCESS_KEY: 'SECRET',
      KOPIA_CHECK_FOR_UPDATES: 'false',
    });
  });
});

describe('kopia args - snapshot create', () => {
  it('overrides the source to default@default:<sourceName> and adds tags', () => {
    expect(kopiaSnapshotCreateArgs(access, '/mnt/vol', 'ns1/pvc1', { 'snapshot-uploader': 'kopia' }).slice(0, 7)).toEqual([
      'snapshot',
      'create',
      '/mnt/vol',
      '--override-source=default@default:ns1/pvc1',
      '--tags=snapshot-uploader:kopia',
      '--json',
      '--config-file=/work/dir/kopia/repository.config',
    ]);
    expect(kopiaSnapshotCreateArgs(access, '/mnt/vol', 'ns1/pvc1', {}, true)).toContain('--force-hash=100');
  });
});

describe('kopia args - snapshot delete', () => {
  it('confirms with --delete and puts the ids after "--", no secret in argv', () => {
    const args = kopiaSnapshotDeleteArgs(access, ['fe17e5d22d75cc39319ff66ddff08702', '--all']);
    expect(args).toEqual([
      'snapshot',
      'delete',
      '--delete',
      '--config-file=/work/dir/kopia/repository.config',
      '--log-dir=/work/dir/kopia/logs',
      '--',
      'fe17e5d22d75cc39319ff66ddff08702',
      '--all',
    ]);
    for (const secret of ['static-passw0rd', 'SECRET', 'AKID']) expect(args.join(' ')).not.toContain(secret);
  });
});
