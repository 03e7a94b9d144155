// The BackupStorageLocation controller against the real API server and MinIO: validation outcomes
// and their messages, revalidation at spec.validationFrequency, the default-location rule, and no
// secret in any status.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backupStorageLocationDefinition, type BackupStorageLocation } from '@ferry/api';
import { awsCredentialsFile, type S3Info } from '@ferry/devenv';
import {
  createTestNamespace,
  deleteTestNamespace,
  eventually,
  loadEnvironmentInfo,
  startMinio,
  type MinioServer,
} from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient, silentLogger } from '@ferry/kube';
import { createS3ObjectStore } from '@ferry/object-store';
import { backupMetadataKey, restoreLogKey, storageLocationPlan } from '@ferry/storage-location';
import { startStorageLocationService, type StorageLocationService } from '../src';

describe('storage location controller - BSL validation against MinIO', () => {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
  const secrets: string[] = [info.s3.accessKeyId, info.s3.secretAccessKey];
  let namespace = '';
  let service: StorageLocationService;
  let stateDir = '';
  let privateMinio: MinioServer | undefined;

  beforeAll(async () => {
    namespace = await createTestNamespace(kube, 'bsl');
    stateDir = await mkdtemp(join(tmpdir(), 'ferry-bsl-it-'));
    // Short S3 timeouts: a stopped (SIGSTOP) MinIO accepts connections but never answers.
    service = await startStorageLocationService({
      kube,
      logger: silentLogger,
      namespace,
      objectStoreClient: { requestTimeoutMs: 1500, connectionTimeoutMs: 1000, maxAttempts: 1 },
    });
  });

  afterAll(async () => {
    await service?.stop();
    privateMinio?.process.signal('SIGCONT');
    await privateMinio?.process.stop();
    await deleteTestNamespace(kube, namespace);
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  /** A BSL on `s3` as `velero install` makes one, its Secret `<name>-credentials` beside it; `change` applied before it is created. */
  const createLocation = async (name: string, s3: S3Info, prefix: string, change = (bsl: BackupStorageLocation) => bsl) => {
    await kube.core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: `${name}-credentials` }, stringData: { cloud: awsCredentialsFile(s3) } },
    });
    await locations.create(
      change({
        apiVersion: 'velero.io/v1',
        kind: 'BackupStorageLocation',
        metadata: { name, namespace },
        spec: {
          provider: 'aws',
          objectStorage: { bucket: s3.bucket, prefix },
          config: { region: s3.region, s3Url: s3.endpoint, s3ForcePathStyle: 'true' },
          credential: { name: `${name}-credentials`, key: 'cloud' },
        },
      }),
    );
  };

  /** Waits until the BSL was validated with `phase`, and checks that no secret is in it. */
  const validated = async (name: string, phase: 'Available' | 'Unavailable', timeoutMs = 30_000) => {
    const bsl = await eventually(
      `BackupStorageLocation ${name} ${phase}`,
      async () => {
        const current = await locations.get(namespace, name);
        return current.status?.phase === phase && current.status.lastValidationTime ? current : undefined;
      },
      timeoutMs,
    );
    for (const secret of secrets) expect(JSON.stringify(bsl)).not.toContain(secret);
    return bsl;
  };

  const store = (prefix: string) => {
    const plan = storageLocationPlan(
      {
        metadata: {},
        spec: {
          provider: 'aws',
          objectStorage: { bucket: info.s3.bucket, prefix },
          config: { s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
        },
      },
      'test',
    );
    return createS3ObjectStore(plan, info.s3);
  };

  it('a valid BSL with Velero’s layout becomes Available, and named default it becomes the default', async () => {
    const prefix = `${namespace}/valid`;
    const writer = store(prefix);
    try {
      await writer.putObject(backupMetadataKey(prefix, 'nightly'), '{}');
      await writer.putObject(restoreLogKey(prefix, 'nightly-1'), 'log');
      await writer.putObject(`${prefix}/kopia/app/kopia.repository`, 'x');
    } finally {
      writer.close();
    }
    await createLocation('default', info.s3, prefix);
    const bsl = await validated('default', 'Available');
    expect(bsl.status?.message).toBeUndefined();
    expect(Date.parse(bsl.status?.lastValidationTime ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(bsl.spec?.default).toBe(true);
  });

  it('a read-only BSL is validated too', async () => {
    await createLocation('read-only', info.s3, `${namespace}/read-only`, (bsl) => ({
      ...bsl,
      spec: { ...bsl.spec!, accessMode: 'ReadOnly' },
    }));
    await validated('read-only', 'Available');
  });

  it('a missing bucket makes it Unavailable, naming the bucket', async () => {
    await createLocation('no-bucket', { ...info.s3, bucket: `missing-${namespace}` }, 'velero');
    const bsl = await validated('no-bucket', 'Unavailable');
    expect(bsl.status?.message).toBe(
      `BackupStorageLocation "no-bucket" is unavailable: bucket "missing-${namespace}" does not exist at ${info.s3.endpoint}; create it or fix spec.objectStorage.bucket`,
    );
  });

  it('a missing credential Secret makes it Unavailable, naming the Secret', async () => {
    await createLocation('no-secret', info.s3, `${namespace}/no-secret`, (bsl) => ({
      ...bsl,
      spec: { ...bsl.spec!, credential: { name: 'nowhere', key: 'cloud' } },
    }));
    const bsl = await validated('no-secret', 'Unavailable');
    expect(bsl.status?.message).toContain(`credential Secret ${namespace}/nowhere does not exist`);
  });

  it('refused credentials make it Unavailable without quoting them', async () => {
    const wrong = { ...info.s3, secretAccessKey: 'not-the-secret-value' };
    secrets.push(wrong.secretAccessKey);
    await createLocation('wrong-keys', wrong, `${namespace}/wrong-keys`);
    const bsl = await validated('wrong-keys', 'Unavailable');
    expect(bsl.status?.message).toContain('refused the credentials');
  });

  it('an unexpected top-level folder under the prefix makes it Unavailable, naming the folder', async () => {
    const prefix = `${namespace}/cluttered`;
    const writer = store(prefix);
    try {
      await writer.putObject(backupMetadataKey(prefix, 'nightly'), '{}');
      await writer.putObject(`${prefix}/photos/cat.jpg`, 'meow');
    } finally {
      writer.close();
    }
    await createLocation('cluttered', info.s3, prefix);
    const bsl = await validated('cluttered', 'Unavailable');
    expect(bsl.status?.message).toBe(
      'BackupStorageLocation "cluttered" is unavailable: Backup store contains invalid top-level directories: [photos]',
    );
  });

  it('a private MinIO stopped makes it Unavailable; continued, it is Available at the next validation', async () => {
    privateMinio = await startMinio(info.binaries.minio, stateDir, 'private');
    secrets.push(privateMinio.s3.accessKeyId, privateMinio.s3.secretAccessKey);
    await createLocation('private', privateMinio.s3, 'velero', (bsl) => ({ ...bsl, spec: { ...bsl.spec!, validationFrequency: '2s' } }));
    const first = await validated('private', 'Available');

    privateMinio.process.signal('SIGSTOP');
    const down = await validated('private', 'Unavailable');
    expect(down.status?.message).toContain(`cannot reach the object store at ${privateMinio.s3.endpoint}`);
    expect(Date.parse(down.status?.lastValidationTime ?? '')).toBeGreaterThan(Date.parse(first.status?.lastValidationTime ?? ''));

    privateMinio.process.signal('SIGCONT');
    const up = await validated('private', 'Available');
    expect(up.status?.message).toBeUndefined();
  });
});
