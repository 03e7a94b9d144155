import type { BackupStorageLocation } from '@ferry/api';
import { locationOfRepository, parseRepositoryIdentifier, repositoryIdentifier } from './repository-identifier';

function bsl(name: string, provider: string, bucket: string, prefix?: string, config: Record<string, string> = {}): BackupStorageLocation {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    metadata: { name, namespace: 'velero' },
    spec: { provider, config, objectStorage: { bucket, ...(prefix !== undefined ? { prefix } : {}) } },
  };
}

const minio = bsl('default', 'aws', 'ferry', 'backups/', { s3Url: 'http://127.0.0.1:9000/', region: 'minio' });

describe('repository identifier - Velero layout per BSL, tool and namespace', () => {
  it.each<[string, BackupStorageLocation, 'restic' | 'kopia', string]>([
    ['s3Url, prefix', minio, 'restic', 's3:http://127.0.0.1:9000/ferry/backups/restic/app'],
    ['kopia folder', minio, 'kopia', 's3:http://127.0.0.1:9000/ferry/backups/kopia/app'],
    [
      'AWS region, no prefix',
      bsl('aws', 'velero.io/aws', 'b', undefined, { region: 'eu-west-1' }),
      'restic',
      's3:https://s3-eu-west-1.amazonaws.com/b/restic/app',
    ],
    ['AWS default region', bsl('aws', 'aws', 'b'), 'kopia', 's3:https://s3-us-east-1.amazonaws.com/b/kopia/app'],
    ['azure', bsl('az', 'azure', 'c', 'p'), 'restic', 'azure:c:/p/restic/app'],
    ['gcp', bsl('gs', 'gcp', 'g'), 'restic', 'gs:g:/restic/app'],
    ['resticRepoPrefix overrides restic', bsl('o', 'aws', 'b', '', { resticRepoPrefix: 's3:http://x/y/' }), 'restic', 's3:http://x/y/app'],
  ])('%s', (_title, location, tool, expected) => {
    expect(repositoryIdentifier(location, 'app', tool)).toEqual({ ok: true, identifier: expected });
  });

  it('an unknown provider is an error naming the BSL', () => {
    const result = repositoryIdentifier(bsl('odd', 'acme', 'b'), 'app', 'kopia');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('BackupStorageLocation odd');
  });

  it('parses tool and namespace', () => {
    expect(parseRepositoryIdentifier('s3:http://h/b/p/kopia/app')).toEqual({ uploader: 'kopia', volumeNamespace: 'app' });
    expect(parseRepositoryIdentifier('s3:http://x/y/app/')).toEqual({ volumeNamespace: 'app' });
    expect(parseRepositoryIdentifier('nonsense')).toBeUndefined();
  });

  it('finds the BSL of an identifier', () => {
    const other = bsl('other', 'aws', 'elsewhere');
    expect(locationOfRepository('s3:http://127.0.0.1:9000/ferry/backups/kopia/app', [other, minio])?.metadata?.name).toBe('default');
    expect(locationOfRepository('s3:http://127.0.0.1:9000/ferry/other/kopia/app', [other, minio])).toBeUndefined();
  });
});
