// Harness of the controller's end-to-end tests: an isolated contract namespace on the environment's
// NATS, a Ferry namespace with BSL `default` on MinIO, and the real services: the exposer and one
// mover per simulated node as app processes (apps/exposer, apps/mover — a service's tests do not
// import another service), the controller in-process or as its app (the kill tests).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backupStorageLocationDefinition,
  dataDownloadDefinition,
  dataUploadDefinition,
  podVolumeBackupDefinition,
  podVolumeRestoreDefinition,
  volumeSnapshotContentDefinition,
  volumeSnapshotDefinition,
  type BackupStorageLocation,
  type DataDownload,
  type DataUpload,
  type PodVolumeBackup,
  type PodVolumeRestore,
  type VolumeSnapshot,
  type VolumeSnapshotContent,
} from '@ferry/api';
import type { FerryContracts } from '@ferry/contracts';
import { createMinioStorageLocation } from '@ferry/devenv';
import {
  type EnvironmentInfo,
  type FerryServiceInstance,
  ferryServiceInstances,
  type FerryServiceProcess,
  loadEnvironmentInfo,
  startFerryService,
  connectTestContracts,
  createTestNamespace,
  deleteTestNamespace,
  testApiAccess,
} from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient, type KubeClient } from '@ferry/kube';
import type { Logger } from '@ferry/logger';
import type { NatsClient } from '@ferry/nats';
import {
  readControllerServiceSettings,
  startControllerService,
  type ControllerService,
  type ControllerServiceSettings,
} from '../src/index';

/** Image of the exposer's pods (the simulator does not pull it). */
export const podImage = 'velero/velero:v1.17.0';

/** Options of {@link startDataPathHarness}. */
export interface HarnessOptions {
  /** node-agent ConfigMap document (loadConcurrency, backupPVC…), created before the services start. */
  readonly nodeAgentConfig?: object;
  /** Prepare timeout of the controller's expose jobs; default 2 min. */
  readonly prepareTimeout?: string;
  /** Controller role; default server. */
  readonly role?: 'server' | 'data-mover';
  /** Run the controller in-process (default) or not at all (the test spawns the app). */
  readonly controller?: 'in-process' | 'none';
  /** Start a mover app per node (default) or none. */
  readonly movers?: 'per-node' | 'none';
}

/** The typed clients the tests use. */
function clients(kube: KubeClient) {
  return {
    dataUploads: createCustomResourceClient<DataUpload>(kube, dataUploadDefinition),
    dataDownloads: createCustomResourceClient<DataDownload>(kube, dataDownloadDefinition),
    podVolumeBackups: createCustomResourceClient<PodVolumeBackup>(kube, podVolumeBackupDefinition),
    podVolumeRestores: createCustomResourceClient<PodVolumeRestore>(kube, podVolumeRestoreDefinition),
    snapshots: createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition),
    contents: createCustomResourceClient<VolumeSnapshotContent>(kube, volumeSnapshotContentDefinition),
    locations: createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition),
  };
}

/** A running harness; `close` stops everything it started and removes its namespace. */
export interface DataPathHarness extends ReturnType<typeof clients> {
  readonly info: EnvironmentInfo;
  readonly kube: KubeClient;
  readonly contracts: FerryContracts;
  readonly nats: NatsClient;
  readonly logger: Logger;
  /** The Ferry namespace: data-path resources, BSL, Secrets, intermediate objects. */
  readonly namespace: string;
  /** The mover app of each node. */
  readonly movers: Map<string, FerryServiceProcess>;
  controller?: ControllerService;
  readonly settings: ControllerServiceSettings;
  startController(): Promise<ControllerService>;
  /** Starts the mover app of `node` (replacing the map entry). */
  startMover(node: string): Promise<FerryServiceProcess>;
  /**
   * Starts `apps/<app>/src/main.ts` with this harness's configuration plus `instance.env`; resolves
   * once it is ready (or only alive, with `readiness: 'alive'`: a standby controller replica).
   */
  spawnApp(
    app: 'controller' | 'exposer',
    instance?: Pick<FerryServiceInstance, 'env' | 'name' | 'readiness'>,
  ): Promise<FerryServiceProcess>;
  close(): Promise<void>;
}

/** Creates the namespace, BSL `default` (+ credential Secret) and node-agent ConfigMap, then starts the services. */
export async function startDataPathHarness(label: string, options: HarnessOptions = {}): Promise<DataPathHarness> {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const topology = await connectTestContracts(`controller-it-${label}`, info);
  const { contracts, nats, logger } = topology;
  const namespace = await createTestNamespace(kube, `ctl-${label}`);
  const typed = clients(kube);
  await createMinioStorageLocation(kube, info.s3, { namespace, prefix: `controller-it/${namespace}` });
  const configMap = options.nodeAgentConfig ? 'node-agent' : undefined;
  if (options.nodeAgentConfig) {
    await kube.core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'node-agent' }, data: { 'config.json': JSON.stringify(options.nodeAgentConfig) } },
    });
  }
  const settings = readControllerServiceSettings({
    FERRY_CONTROLLER_ROLE: options.role ?? 'server',
    FERRY_PREPARE_TIMEOUT: options.prepareTimeout ?? '2m',
    FERRY_CONTROLLER_RESYNC: '1s',
    FERRY_POD_NAME: 'ferry-controller-it',
  });
  const workRoot = await mkdtemp(join(tmpdir(), 'ferry-ctl-it-'));
  const apps: FerryServiceProcess[] = [];
  const services: { stop(): Promise<void> }[] = [];
  const movers = new Map<string, FerryServiceProcess>();
  const httpConfig = { namespace, httpHost: '127.0.0.1', httpPort: 0 };
  const target = { natsUrl: info.natsUrl, kubeconfigPath: info.kubeconfigPath, namespace, natsNamespace: contracts.namespace };
  const hosts = { nodes: info.nodes, binaries: info.binaries, workRoot };
  const appEnv = {
    FERRY_PREPARE_TIMEOUT: options.prepareTimeout ?? '2m',
    FERRY_CONTROLLER_RESYNC: '1s',
    FERRY_MOVER_JOB_ACK_WAIT: '3s',
    FERRY_EXPOSER_JOB_ACK_WAIT: '3s',
    FERRY_EXPOSER_POD_IMAGE: podImage,
    FERRY_POD_NAME: 'ferry-controller-it',
    // The data path alone: Velero's Backup/Restore-level controllers of role server are not under test here.
    FERRY_DISABLE_CONTROLLERS: 'backup,backup-deletion,schedule,backup-sync,restore,download-request',
    ...(configMap ? { FERRY_NODE_AGENT_CONFIGMAP: configMap } : {}),
  };
  const start = async (instance: FerryServiceInstance): Promise<FerryServiceProcess> => {
    const app = await startFerryService({ ...instance, name: `${namespace}-${instance.name ?? instance.app}` }, info.stateDir, target);
    apps.push(app);
    return app;
  };
  const harness: DataPathHarness = {
    ...typed,
    info,
    kube,
    contracts,
    nats,
    logger,
    namespace,
    movers,
    settings,
    async startController() {
      const controller = await startControllerService({
        kube,
        nats,
        contracts,
        logger,
        config: httpConfig,
        settings,
        consumerTuning: { ackWaitMs: 5_000 },
        apiAccess: testApiAccess(kube),
      });
      services.push(controller);
      harness.controller = controller;
      return controller;
    },
    async startMover(node) {
      const instance = ferryServiceInstances('mover', hosts, appEnv).find((candidate) => candidate.env?.['FERRY_NODE_NAME'] === node);
      if (!instance) throw new Error(`${node} is not a simulated node`);
      const mover = await start(instance);
      movers.set(node, mover);
      return mover;
    },
    spawnApp: (app, instance = {}) => start({ ...instance, app, env: { ...appEnv, ...instance.env } }),
    async close() {
      await Promise.allSettled([...services].reverse().map((service) => service.stop()));
      // SIGTERM first: a mover stops its restic/kopia processes before it exits.
      await Promise.all(apps.map((app) => app.process.stop()));
      await topology.dispose();
      await rm(workRoot, { recursive: true, force: true });
      await deleteTestNamespace(kube, namespace);
    },
  };
  try {
    await harness.spawnApp('exposer');
    if ((options.movers ?? 'per-node') === 'per-node') await Promise.all(info.nodes.map((node) => harness.startMover(node.name)));
    if ((options.controller ?? 'in-process') === 'in-process') await harness.startController();
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}
