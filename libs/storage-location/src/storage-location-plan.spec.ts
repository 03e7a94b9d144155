import type { BackupStorageLocation } from '@ferry/api';
import { StorageLocationErrorCode } from './errors';
import { storageLocationPlan } from './storage-location-plan';

describe('storage location plan - BSL → S3 coordinates', () => {
  const bsl = (spec: object): BackupStorageLocation =>
    ({ apiVersion: 'velero.io/v1', kind: 'BackupStorageLocation', metadata: { name: 'default' }, spec }) as BackupStorageLocation;
  const base = { provider: 'aws', objectStorage: { bucket: 'b', prefix: '/velero/' } };

  it.each([
    [
      'an s3Url keeps scheme and host; region defaults; path style and TLS skip from config',
      {
        ...base,
        config: {
          s3Url: 'http://minio:9000/ignored',
          insecureSkipTLSVerify: 'true',
          s3ForcePathStyle: 'TRUE',
          publicUrl: 'https://s3.example.com/x',
        },
      },
      {
        endpoint: 'http://minio:9000',
        publicEndpoint: 'https://s3.example.com',
        region: 'us-east-1',
        bucket: 'b',
        prefix: 'velero',
        insecureSkipTlsVerify: true,
        forcePathStyle: true,
        profile: 'default',
        credential: { name: 'cloud-credentials', key: 'cloud' },
      },
    ],
    [
      'AWS from the region, the named credential and profile',
      {
        provider: 'velero.io/aws',
        objectStorage: { bucket: '/b/' },
        config: { region: 'eu-west-1', profile: 'p' },
        credential: { name: 'bsl-creds', key: 'aws' },
      },
      {
        endpoint: 'https://s3.eu-west-1.amazonaws.com',
        region: 'eu-west-1',
        bucket: 'b',
        prefix: '',
        insecureSkipTlsVerify: false,
        forcePathStyle: false,
        profile: 'p',
        credential: { name: 'bsl-creds', key: 'aws' },
      },
    ],
  ])('%s', (_what, spec, plan) => {
    expect(storageLocationPlan(bsl(spec), 'velero/default')).toEqual(plan);
  });

  it.each([
    ['no spec', undefined, 'spec', 'spec is missing'],
    ['another provider', { ...base, provider: 'gcp', config: { region: 'r' } }, 'spec.provider', 'spec.provider "gcp" is not supported'],
    [
      'an empty bucket',
      { ...base, objectStorage: { bucket: ' ' }, config: { region: 'r' } },
      'spec.objectStorage.bucket',
      'spec.objectStorage.bucket is empty',
    ],
    [
      'a prefix in the bucket',
      { ...base, objectStorage: { bucket: 'b/velero' }, config: { region: 'r' } },
      'spec.objectStorage.bucket',
      `spec.objectStorage.bucket "b/velero" must not contain a '/'`,
    ],
    ['no endpoint', { ...base, config: {} }, 'spec.config', 'spec.config has neither s3Url nor region'],
    [
      'a bad s3Url',
      { ...base, config: { s3Url: 'minio:9000' } },
      'spec.config.s3Url',
      'spec.config.s3Url "minio:9000" must start with http',
    ],
    [
      'a bad publicUrl',
      { ...base, config: { region: 'r', publicUrl: 'nope' } },
      'spec.config.publicUrl',
      'spec.config.publicUrl "nope" is not a URL',
    ],
    [
      'an unnamed credential',
      { ...base, config: { region: 'r' }, credential: { key: 'cloud' } },
      'spec.credential.name',
      'spec.credential.name is empty',
    ],
  ])('rejects %s naming the field', (_what, spec, field, problem) => {
    const target = spec === undefined ? ({ metadata: { name: 'default' } } as BackupStorageLocation) : bsl(spec);
    expect(() => storageLocationPlan(target, 'velero/default')).toThrow(
      expect.objectContaining({
        code: StorageLocationErrorCode.Invalid,
        retryable: false,
        field,
        problem: expect.stringContaining(problem),
        message: expect.stringContaining(`BackupStorageLocation velero/default: ${problem}`),
      }),
    );
  });
});
