import type { BackupStorageLocation } from '@ferry/api';
import { storageLocationPlan } from '@ferry/storage-location';
import { repositoryKey, repositoryLocation, repositoryWorkDir } from './storage-location-mapping';

describe('BSL plan → S3 repository location', () => {
  const bsl = (spec: object): BackupStorageLocation =>
    ({ apiVersion: 'velero.io/v1', kind: 'BackupStorageLocation', metadata: { name: 'default' }, spec }) as BackupStorageLocation;
  const base = { provider: 'aws', objectStorage: { bucket: 'b', prefix: '/velero/' } };

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
