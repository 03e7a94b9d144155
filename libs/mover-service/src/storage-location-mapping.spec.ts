import type { BackupStorageLocation } from '@ferry/api';
import { MoverServiceErrorCode } from './errors';
import { repositoryKey, repositoryLocation, repositoryWorkDir, storageLocationPlan } from './storage-location-mapping';

describe('BSL → S3 repository location', () => {
  const bsl = (spec: object): BackupStorageLocation =>
    ({ apiVersion: 'velero.io/v1', kind: 'BackupStorageLocation', metadata: { name: 'default' }, spec }) as BackupStorageLocation;
  const base = { provider: 'aws', objectStorage: { bucket: 'b', prefix: '/velero/' } };

  it.each([
    [
      'an s3Url keeps scheme and host; region defaults',
      { ...base, config: { s3Url: 'http://minio:9000/ignored', insecureSkipTLSVerify: 'true' } },
      {
        endpoint: 'http://minio:9000',
        region: 'us-east-1',
        bucket: 'b',
        prefix: 'velero',
        insecureSkipTlsVerify: true,
        profile: 'default',
        credential: { name: 'cloud-credentials', key: 'cloud' },
      },
    ],
    [
      'AWS from the region, the named credential and profile',
      {
        provider: 'velero.io/aws',
        objectStorage: { bucket: 'b' },
        config: { region: 'eu-west-1', profile: 'p' },
        credential: { name: 'bsl-creds', key: 'aws' },
      },
      {
        endpoint: 'https://s3.eu-west-1.amazonaws.com',
        region: 'eu-west-1',
        bucket: 'b',
        prefix: '',
        insecureSkipTlsVerify: false,
        profile: 'p',
        credential: { name: 'bsl-creds', key: 'aws' },
      },
    ],
  ])('%s', (_what, spec, plan) => {
    expect(storageLocationPlan(bsl(spec), 'velero/default')).toEqual(plan);
  });

  it.each([
    ['no spec', undefined, 'spec is missing'],
    ['another provider', { ...base, provider: 'gcp', config: { region: 'r' } }, 'spec.provider "gcp" is not supported'],
    ['an empty bucket', { ...base, objectStorage: { bucket: ' ' }, config: { region: 'r' } }, 'spec.objectStorage.bucket is empty'],
    ['no endpoint', { ...base, config: {} }, 'spec.config has neither s3Url nor region'],
    ['a bad s3Url', { ...base, config: { s3Url: 'minio:9000' } }, 'spec.config.s3Url "minio:9000" must start with http'],
  ])('rejects %s naming the field', (_what, spec, message) => {
    const target = spec === undefined ? ({ metadata: { name: 'default' } } as BackupStorageLocation) : bsl(spec);
    expect(() => storageLocationPlan(target, 'velero/default')).toThrow(
      expect.objectContaining({
        code: MoverServiceErrorCode.StorageLocationInvalid,
        retryable: false,
        message: expect.stringContaining(`BackupStorageLocation velero/default: ${message}`),
      }),
    );
  });

  it('builds the location and a work folder without secrets in its name', () => {
    const plan = storageLocationPlan(bsl({ ...base, config: { s3Url: 'http://m:9000' } }), 'v/d');
    const location = repositoryLocation(plan, { accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'T' }, 'shop');
    expect(location).toEqual({
      endpoint: 'http://m:9000',
      region: 'us-east-1',
      bucket: 'b',
      prefix: 'velero',
      volumeNamespace: 'shop',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      sessionToken: 'T',
    });
    const dir = repositoryWorkDir('/w', 'kopia', location);
    expect(dir).toMatch(/^\/w\/repositories\/kopia-[0-9a-f]{16}$/);
    expect(repositoryWorkDir('/w', 'kopia', { ...location, secretAccessKey: 'other' })).toBe(dir);
    expect(repositoryWorkDir('/w', 'kopia', { ...location, volumeNamespace: 'other' })).not.toBe(dir);
  });

  it('keys a repository for the creation claim by tool and location, never by a secret', () => {
    const plan = storageLocationPlan(
      bsl({ provider: 'aws', objectStorage: { bucket: 'b', prefix: 'velero' }, config: { s3Url: 'http://m:9000' } }),
      'velero/default',
    );
    const location = repositoryLocation(plan, { accessKeyId: 'AK', secretAccessKey: 'SK' }, 'shop');
    const key = repositoryKey('kopia', location);
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(repositoryKey('kopia', { ...location, accessKeyId: 'AK2', secretAccessKey: 'SK2', sessionToken: 'T' })).toBe(key);
    for (const other of [{ volumeNamespace: 'other' }, { prefix: 'velero2' }, { bucket: 'b2' }, { endpoint: 'http://n:9000' }]) {
      expect(repositoryKey('kopia', { ...location, ...other })).not.toBe(key);
    }
    expect(repositoryKey('restic', location)).not.toBe(key);
  });
});
