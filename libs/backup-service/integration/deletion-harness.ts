// Harness of the deletion tests: a Ferry namespace with BSL `default` on MinIO and the real apps —
// the controller (the data path, the BSL controller and the backup deletion service, role server),
// the exposer and one mover per simulated node — so repository snapshots are made and deleted by
// the real tools. Fixtures make a backup's objects as the Backup controller leaves them.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import {
  backupDefinition,
  backupStorageLocationDefinition,
  dataUploadDefinition,
  deleteBackupRequestDefinition,
  podVolumeBackupDefinition,
  restoreDefinition,
  volumeSnapshotContentDefinition,
  volumeSnapshotDefinition,
  type Backup,
  type BackupStorageLocation,
  type DataUpload,
  type DeleteBackupRequest,
  type PodVolumeBackup,
  type Restore,
  type VolumeSnapshot,
  type VolumeSnapshotContent,
} from '@ferry/api';
import { createMinioStorageLocation } from '@ferry/devenv';
import {
  aClaim,
  buildDataTree,
  claimMountPath,
  connectTestContracts,
  createClaim,
  createTestNamespace,
  deleteTestNamespace,
  eventually,
  ferryServiceInstances,
  loadEnvironmentInfo,
  podWithClaim,
  runPod,
  startFerryService,
  type EnvironmentInfo,
  type FerryServiceInstance,
  type FerryServiceProcess,
} from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient, type CustomResourceClient, type KubeClient } from '@ferry/kube';
import { createS3ObjectStore, type ObjectStore } from '@ferry/object-store';
import { storageLocationPlan } from '@ferry/storage-location';
import { createKopiaUploader, createResticUploader, type RepositoryAccess } from '@ferry/uploader';
import { pack } from 'tar-stream';

function clients(kube: KubeClient) {
  return {
    backups: createCustomResourceClient<Backup>(kube, backupDefinition),
    requests: createCustomResourceClient<DeleteBackupRequest>(kube, deleteBackupRequestDefinition),
    locations: createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition),
    dataUploads: createCustomResourceClient<DataUpload>(kube, dataUploadDefinition),
    podVolumeBackups: createCustomResourceClient<PodVolumeBackup>(kube, podVolumeBackupDefinition),
    restores: createCustomResourceClient<Restore>(kube, restoreDefinition),
    snapshots: createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition),
    contents: createCustomResourceClient<VolumeSnapshotContent>(kube, volumeSnapshotContentDefinition),
  };
}

/** A running harness; `close` stops the apps and removes the namespace. */
export interface DeletionHarness extends ReturnType<typeof clients> {
  readonly info: EnvironmentInfo;
  readonly kube: KubeClient;
  readonly namespace: string;
  /** The BSL's bucket, at the BSL's prefix (`store.prefix`). */
  readonly store: ObjectStore;
  /** The ids of the snapshots in the `uploader` repository of volume namespace `volumeNamespace`. */
  repositorySnapshots(uploader: 'kopia' | 'restic', volumeNamespace: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Starts the apps (garbage collection every `gcFrequency`) and waits until BSL `default` is Available. */
export async function startDeletionHarness(label: string, gcFrequency: string): Promise<DeletionHarness> {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const topology = await connectTestContracts(`deletion-it-${label}`, info);
  const namespace = await createTestNamespace(kube, `del-${label}`);
  const prefix = `deletion-it/${namespace}`;
  const location = await createMinioStorageLocation(kube, info.s3, { namespace, prefix });
  const store = createS3ObjectStore(storageLocationPlan(location, `${namespace}/default`), info.s3);
  const workRoot = await mkdtemp(join(tmpdir(), 'ferry-deletion-it-'));
  const target = { natsUrl: info.natsUrl, kubeconfigPath: info.kubeconfigPath, namespace, natsNamespace: topology.contracts.namespace };
  const env = {
    FERRY_PREPARE_TIMEOUT: '2m',
    FERRY_CONTROLLER_RESYNC: '1s',
    FERRY_MOVER_JOB_ACK_WAIT: '3s',
    FERRY_EXPOSER_JOB_ACK_WAIT: '3s',
    FERRY_EXPOSER_POD_IMAGE: 'velero/velero:v1.17.0',
    FERRY_POD_NAME: 'ferry-controller-it',
    FERRY_GARBAGE_COLLECTION_FREQUENCY: gcFrequency,
    // The fixtures play the Backup controller (a backup left InProgress must stay so); the rest of role server runs.
    FERRY_DISABLE_CONTROLLERS: 'backup',
  };
  const apps: FerryServiceProcess[] = [];
  const start = async (instance: FerryServiceInstance) => {
    apps.push(await startFerryService({ ...instance, name: `${namespace}-${instance.name ?? instance.app}` }, info.stateDir, target));
  };
  const typed = clients(kube);
  const tools = {
    kopia: createKopiaUploader({ binary: info.binaries.kopia }),
    restic: createResticUploader({ binary: info.binaries.restic }),
  };
  const harness: DeletionHarness = {
    ...typed,
    info,
    kube,
    namespace,
    store,
    async repositorySnapshots(uploader, volumeNamespace) {
      const workDir = join(workRoot, 'lister', uploader, volumeNamespace, randomBytes(3).toString('hex'));
      await mkdir(workDir, { recursive: true });
      const access: RepositoryAccess = { location: { ...info.s3, prefix, volumeNamespace }, password: 'static-passw0rd', workDir };
      return (await tools[uploader].listSnapshots(access)).map((snapshot) => snapshot.id);
    },
    async close() {
      await Promise.all(apps.map((app) => app.process.stop()));
      store.close();
      await topology.dispose();
      await rm(workRoot, { recursive: true, force: true });
      await deleteTestNamespace(kube, namespace);
    },
  };
  try {
    const hosts = { nodes: info.nodes, binaries: info.binaries, workRoot };
    await start({ app: 'exposer', env });
    for (const mover of ferryServiceInstances('mover', hosts, env)) await start(mover);
    await start({ app: 'controller', env });
    await eventually(
      'BSL default Available',
      async () => (await typed.locations.get(namespace, 'default')).status?.phase === 'Available' || undefined,
    );
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}

/** Labels a backup's objects carry (`velero.io/backup-name`). */
export const backupLabels = (backup: string) => ({ 'velero.io/backup-name': backup });

/** A Backup as the Backup controller leaves it: `phase`, location `default` (or `location`), `expiration`. */
export function createBackup(h: DeletionHarness, name: string, phase: string, options: { expiration?: string; location?: string } = {}) {
  return h.backups.create({
    apiVersion: 'velero.io/v1',
    kind: 'Backup',
    metadata: { name, namespace: h.namespace },
    spec: { storageLocation: options.location ?? 'default', ttl: '720h0m0s' },
    status: { phase, version: 1, formatVersion: '1.1.0', ...(options.expiration ? { expiration: options.expiration } : {}) },
  } as Backup);
}

/** A backup tarball (gzip'd tar, mode 0755) holding `metadata/version` and `dataUploads` at their legacy and preferred-version paths. */
async function backupTarball(dataUploads: readonly DataUpload[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => chunks.push(Buffer.from(chunk as Uint8Array)));
  const ended = new Promise<void>((resolve) => archive.on('end', () => resolve()));
  archive.entry({ name: 'metadata/version', mode: 0o755 }, '1.1.0\n');
  for (const du of dataUploads) {
    const body = JSON.stringify(du);
    const file = `namespaces/${du.metadata?.namespace ?? ''}/${du.metadata?.name ?? ''}.json`;
    archive.entry({ name: `resources/datauploads.velero.io/${file}`, mode: 0o755 }, body);
    archive.entry({ name: `resources/datauploads.velero.io/v2alpha1-preferredversion/${file}`, mode: 0o755 }, body);
  }
  archive.finalize();
  await ended;
  return gzipSync(Buffer.concat(chunks));
}

/** Writes the files of backup `name` under `backups/<name>/` (a few of Velero's keys, a real tarball) and returns their keys. */
export async function writeBackupFiles(h: DeletionHarness, name: string): Promise<string[]> {
  const folder = `${h.store.prefix}/backups/${name}/`;
  const texts = [`${folder}velero-backup.json`, `${folder}${name}-logs.gz`, `${folder}${name}-volumeinfo.json.gz`];
  for (const key of texts) await h.store.putObject(key, `content of ${key}`);
  await h.store.putObject(`${folder}${name}.tar.gz`, await backupTarball([]));
  return [...texts, `${folder}${name}.tar.gz`];
}

/**
 * Writes what Velero stores of a backup's volume objects: the DataUploads as items of
 * `<b>.tar.gz` and the PodVolumeBackups as `<b>-podvolumebackups.json.gz`.
 */
export async function writeStoredVolumeObjects(
  h: DeletionHarness,
  name: string,
  dataUploads: readonly DataUpload[],
  podVolumeBackups: readonly PodVolumeBackup[],
): Promise<void> {
  const folder = `${h.store.prefix}/backups/${name}/`;
  await h.store.putObject(`${folder}${name}.tar.gz`, await backupTarball(dataUploads));
  await h.store.putObject(`${folder}${name}-podvolumebackups.json.gz`, gzipSync(JSON.stringify(podVolumeBackups)));
}

/** The keys under `folder` (relative to the BSL prefix, e.g. `backups/b1/`). */
export function keysUnder(h: DeletionHarness, folder: string): Promise<string[]> {
  return h.store.listKeys(`${h.store.prefix}/${folder}`);
}

/** A claim filled with a small data tree and a pod running with it; resolves with the pod. */
export async function runPodWithData(h: DeletionHarness, namespace: string, claim: string) {
  await createClaim(h.kube, aClaim(namespace, claim));
  const pod = await runPod(h.kube, podWithClaim(namespace, `${claim}-pod`, claim));
  const mount = await claimMountPath(h.kube, h.info, pod, claim);
  await mkdir(mount, { recursive: true });
  await buildDataTree(mount, { largeFileBytes: 1024 * 1024, smallFiles: 20, smallFileBytes: 200 });
  return pod;
}

/** Waits until `client`'s object is in phase `phase`; fails when it ends otherwise. */
export function waitForPhase<T extends { status?: { phase?: string; message?: string } }>(
  client: CustomResourceClient<T & { metadata?: { name?: string } }>,
  namespace: string,
  name: string,
  phase: string,
): Promise<T> {
  return eventually(
    `${client.resource.plural} ${namespace}/${name} ${phase}`,
    async () => {
      const current = await client.get(namespace, name);
      const now = current.status?.phase ?? '';
      if (['Failed', 'Canceled'].includes(now) && now !== phase) throw new Error(`${name} ended ${now}: ${current.status?.message ?? ''}`);
      return now === phase ? current : undefined;
    },
    240_000,
  );
}
