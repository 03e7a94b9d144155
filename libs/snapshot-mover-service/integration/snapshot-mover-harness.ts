// Harness of the snapshot mover's end-to-end tests: a protected namespace with BSL `default` on
// MinIO and the user's restic Secret (the dev environment installed the built-in DataMoverClasses), and Ferry's real apps spawned
// from source against the environment — exposer, controller (DataUpload/DataDownload controller
// plus this lib's service, as apps/controller wires them) and one mover per simulated node — on an
// isolated NATS contract namespace. Each app's log goes to `<stateDir>/<namespace>-<app>.log`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backupStorageLocationDefinition, dataDownloadDefinition, dataMoverClassDefinition, dataUploadDefinition, volumeSnapshotBackupDefinition,
  volumeSnapshotContentDefinition, volumeSnapshotDefinition, volumeSnapshotRestoreDefinition, type BackupStorageLocation, type DataDownload,
  type DataMoverClass, type DataUpload, type VolumeSnapshot, type VolumeSnapshotBackup, type VolumeSnapshotContent, type VolumeSnapshotRestore,
} from '@ferry/api';
import { createFerryContracts, type FerryContracts } from '@ferry/contracts';
import { loadEnvironmentInfo, type EnvironmentInfo } from '@ferry/devenv';
import { createCustomResourceClient, createKubeClient, type KubeClient } from '@ferry/kube';
import { createLogger } from '@ferry/logger';
import { connectNats, ensureStreams, type NatsClient } from '@ferry/nats';

const repoRoot = join(__dirname, '..', '..', '..');
/** The user's restic Secret in the protected namespace (OADP's `resticSecretRef`). */
export const resticSecretName = 'restic-secret';

/** Polls `check` until it returns something other than undefined/false; throws naming `what` at the deadline. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function clients(kube: KubeClient) {
  return {
    backups: createCustomResourceClient<VolumeSnapshotBackup>(kube, volumeSnapshotBackupDefinition),
    restores: createCustomResourceClient<VolumeSnapshotRestore>(kube, volumeSnapshotRestoreDefinition),
    classes: createCustomResourceClient<DataMoverClass>(kube, dataMoverClassDefinition),
    dataUploads: createCustomResourceClient<DataUpload>(kube, dataUploadDefinition),
    dataDownloads: createCustomResourceClient<DataDownload>(kube, dataDownloadDefinition),
    snapshots: createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition),
    contents: createCustomResourceClient<VolumeSnapshotContent>(kube, volumeSnapshotContentDefinition),
    locations: createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition),
  };
}

/** A running harness; `close` stops the apps and removes the namespace. */
export interface SnapshotMoverHarness extends ReturnType<typeof clients> {
  readonly info: EnvironmentInfo;
  readonly kube: KubeClient;
  readonly contracts: FerryContracts;
  readonly nats: NatsClient;
  /** The protected namespace: BSL, Secrets, DataUploads/DataDownloads and intermediate objects. */
  readonly namespace: string;
  close(): Promise<void>;
}

function awsCredentialsFile(info: EnvironmentInfo): string {
  return `[default]\naws_access_key_id=${info.s3.accessKeyId}\naws_secret_access_key=${info.s3.secretAccessKey}\n`;
}

/** Creates the protected namespace and its objects, ensures the built-in classes, then spawns the apps. */
export async function startSnapshotMoverHarness(label: string): Promise<SnapshotMoverHarness> {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const contracts = createFerryContracts({ namespace: `t${randomBytes(4).toString('hex')}` });
  const logger = createLogger({ name: `snapshot-mover-it-${label}`, level: 'warn' });
  const nats = await connectNats({ name: `snapshot-mover-it-${label}`, servers: info.natsUrl, logger });
  await ensureStreams(nats, Object.values(contracts.streams));
  const namespace = `vsm-${label}-${randomBytes(3).toString('hex')}`;
  await kube.core.createNamespace({ body: { metadata: { name: namespace } } });
  const typed = clients(kube);
  await kube.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'minio-credentials' }, stringData: { cloud: awsCredentialsFile(info) } } });
  await kube.core.createNamespacedSecret({ namespace, body: { metadata: { name: resticSecretName }, stringData: { RESTIC_PASSWORD: 'user-restic-password' } } });
  await typed.locations.create({
    apiVersion: 'velero.io/v1', kind: 'BackupStorageLocation', metadata: { name: 'default', namespace },
    spec: {
      provider: 'aws', default: true, objectStorage: { bucket: info.s3.bucket, prefix: `snapshot-mover-it/${namespace}` },
      config: { region: info.s3.region, s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' }, credential: { name: 'minio-credentials', key: 'cloud' },
    },
  });
  // The dev environment installs deploy/base's built-in classes, as a cluster install does.
  for (const name of ['ferry-kopia', 'ferry-restic']) {
    if (!(await typed.classes.find(undefined, name))) throw new Error(`DataMoverClass ${name} is not installed: the dev environment installs deploy/base/data-mover-classes.yaml`);
  }
  const children: ChildProcess[] = [];
  const workDirs: string[] = [];
  const spawnApp = async (app: string, logName: string, env: Record<string, string>): Promise<void> => {
    const log = createWriteStream(join(info.stateDir, `${namespace}-${logName}.log`));
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'apps', app, 'src', 'main.ts')], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env, NATS_URL: info.natsUrl, KUBECONFIG: info.kubeconfigPath, FERRY_NAMESPACE: namespace, FERRY_NATS_NAMESPACE: contracts.namespace,
        HTTP_HOST: '127.0.0.1', HTTP_PORT: '0', OTEL_TRACES_EXPORTER: 'none', LOG_LEVEL: 'info', FERRY_PREPARE_TIMEOUT: '2m', ...env,
      },
    });
    children.push(child);
    child.stderr?.pipe(log);
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        log.write(chunk);
        if (chunk.toString().includes(`ferry-${app} started`)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`${app} exited with ${String(code)} before it started (log ${namespace}-${logName}.log)`)));
    });
  };
  const close = async (): Promise<void> => {
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => (clearTimeout(force), resolve()));
      child.kill('SIGTERM');
    })));
    const jsm = await nats.manager();
    for (const stream of Object.values(contracts.streams)) await jsm.streams.delete(stream.name).catch(() => false);
    await nats.close();
    for (const dir of workDirs) await rm(dir, { recursive: true, force: true });
    await kube.core.deleteNamespace({ name: namespace }).catch(() => undefined);
  };
  try {
    await spawnApp('exposer', 'exposer', {});
    for (const node of info.nodes) {
      const workDir = await mkdtemp(join(tmpdir(), `ferry-vsm-it-${node.name}-`));
      workDirs.push(workDir);
      await spawnApp('mover', `mover-${node.name}`, {
        FERRY_NODE_NAME: node.name, FERRY_KUBELET_ROOT: node.root, FERRY_MOVER_WORK_DIR: workDir,
        FERRY_RESTIC_BINARY: info.binaries.restic, FERRY_KOPIA_BINARY: info.binaries.kopia, FERRY_MOVER_JOB_ACK_WAIT: '5s',
      });
    }
    await spawnApp('controller', 'controller', { FERRY_CONTROLLER_ROLE: 'server', FERRY_CONTROLLER_RESYNC: '1s', FERRY_POD_NAME: `ferry-controller-${namespace}` });
  } catch (error) {
    await close();
    throw error;
  }
  return { ...typed, info, kube, contracts, nats, namespace, close };
}
