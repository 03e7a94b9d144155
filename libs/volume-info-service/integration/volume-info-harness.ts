// The world of the volume-info integration specs: a test namespace with BSL `default` (its
// credential Secret beside it) on the environment's MinIO, the documents of backups b1 and b2 and
// restore r1 written there with Velero's encoders, the Backup/Restore objects (b1 Completed, b2
// PartiallyFailed, `running` InProgress, `no-document` Completed without document, r1 from b1), an
// isolated NATS topology, and the service started in-process on a free port.
import {
  backupDefinition,
  backupStorageLocationDefinition,
  restoreDefinition,
  type Backup,
  type BackupStorageLocation,
  type Restore,
} from '@ferry/api';
import { awsCredentialsFile } from '@ferry/devenv';
import {
  connectTestContracts,
  createTestNamespace,
  deleteTestNamespace,
  loadEnvironmentInfo,
  type EnvironmentInfo,
  type TestContracts,
  adminHeaders,
  testApiAccess,
} from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient, type CustomResourceClient, type KubeClient } from '@ferry/kube';
import { request } from '@ferry/nats';
import { createS3ObjectStore, type ObjectStore } from '@ferry/object-store';
import { storageLocationPlan } from '@ferry/storage-location';
import { startVolumeInfoService, type VolumeInfoService } from '../src';
import {
  aBackupObject,
  aRestoreObject,
  firstBackupVolumes,
  putBackupDocument,
  putRestoreDocument,
  restoreVolumes,
  secondBackupVolumes,
} from './volume-info-fixtures';

type QueryContract = TestContracts['contracts']['messages']['volumeInfoQuery'];

/** A running harness; `stop` stops the service and removes the namespace and topology. */
export interface VolumeInfoHarness {
  readonly info: EnvironmentInfo;
  readonly kube: KubeClient;
  readonly backups: CustomResourceClient<Backup>;
  readonly namespace: string;
  readonly test: TestContracts;
  readonly service: VolumeInfoService;
  /** GET on the service's HTTP API: status, content type and JSON body. */
  get(path: string): Promise<{ status: number; type: string; body: Record<string, unknown> }>;
  /** The object at `key` of the namespace's bucket, undefined when absent. */
  readObject(key: string): Promise<Uint8Array | undefined>;
  /** A `volumeinfo.query` request. */
  query(payload: Parameters<typeof request<QueryContract>>[3]): ReturnType<typeof request<QueryContract>>;
  stop(): Promise<void>;
}

async function createLocation(kube: KubeClient, info: EnvironmentInfo, namespace: string, prefix: string): Promise<void> {
  await kube.core.createNamespacedSecret({
    namespace,
    body: { metadata: { name: 'cloud-credentials' }, stringData: { cloud: awsCredentialsFile(info.s3) } },
  });
  await createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition).create({
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    metadata: { name: 'default', namespace },
    spec: {
      provider: 'aws',
      default: true,
      objectStorage: { bucket: info.s3.bucket, prefix },
      config: { region: info.s3.region, s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
    },
  });
}

function openTestStore(info: EnvironmentInfo, prefix: string): ObjectStore {
  const spec = {
    provider: 'aws',
    objectStorage: { bucket: info.s3.bucket, prefix },
    config: { s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
  };
  return createS3ObjectStore(storageLocationPlan({ metadata: {}, spec }, 'test'), info.s3);
}

async function writeDocuments(info: EnvironmentInfo, prefix: string): Promise<void> {
  const store = openTestStore(info, prefix);
  try {
    await putBackupDocument(store, 'b1', firstBackupVolumes());
    await putBackupDocument(store, 'b2', secondBackupVolumes());
    await putRestoreDocument(store, 'r1', restoreVolumes());
  } finally {
    store.close();
  }
}

async function createRuns(kube: KubeClient, namespace: string, backups: CustomResourceClient<Backup>): Promise<void> {
  await backups.create(aBackupObject(namespace, 'b1', 'Completed', { start: '2026-12-06T10:00:00Z', end: '2026-12-06T10:01:00Z' }));
  await backups.create(aBackupObject(namespace, 'b2', 'PartiallyFailed', { start: '2026-12-06T11:00:00Z', end: '2026-12-06T11:01:00Z' }));
  await backups.create(aBackupObject(namespace, 'running', 'InProgress', { start: '2026-12-06T13:00:00Z' }));
  await backups.create(
    aBackupObject(namespace, 'no-document', 'Completed', { start: '2026-12-06T09:00:00Z', end: '2026-12-06T09:01:00Z' }),
  );
  await createCustomResourceClient<Restore>(kube, restoreDefinition).create(aRestoreObject(namespace, 'r1', 'b1'));
}

/** Builds the world and starts the service (its seal replies say `2026-12-06T14:00:00Z`). */
export async function startVolumeInfoHarness(prefix: string): Promise<VolumeInfoHarness> {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
  const namespace = await createTestNamespace(kube, prefix);
  const test = await connectTestContracts(`${prefix}-it`, info);
  const storePrefix = `${namespace}/store`;
  await createLocation(kube, info, namespace, storePrefix);
  await writeDocuments(info, storePrefix);
  await createRuns(kube, namespace, backups);
  const service = await startVolumeInfoService({
    kube,
    nats: test.nats,
    contracts: test.contracts,
    logger: test.logger,
    config: { namespace, httpHost: '127.0.0.1', httpPort: 0 },
    now: () => new Date('2026-12-06T14:00:00Z'),
    apiAccess: testApiAccess(kube),
  });
  return {
    info,
    kube,
    backups,
    namespace,
    test,
    service,
    async get(path) {
      const response = await fetch(`${service.httpUrl}${path}`, { headers: await adminHeaders(info) });
      const type = response.headers.get('content-type') ?? '';
      return { status: response.status, type, body: (await response.json()) as Record<string, unknown> };
    },
    async readObject(key) {
      const store = openTestStore(info, storePrefix);
      try {
        return await store.getObject(key);
      } finally {
        store.close();
      }
    },
    query: (payload) => request(test.nats, test.contracts.messages.volumeInfoQuery, {}, payload),
    async stop() {
      await service.stop();
      await test.dispose();
      await deleteTestNamespace(kube, namespace);
    },
  };
}
