// Harness of the volume step's end-to-end test: an isolated contract namespace on the environment's
// NATS, a Ferry namespace with BSL `default` on MinIO, an application namespace, and the real
// services as app processes — policy, exposer, the data-path controller and one mover per
// simulated node (a service's tests do not import another service).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backupDefinition,
  dataUploadDefinition,
  podVolumeBackupDefinition,
  volumeSnapshotContentDefinition,
  volumeSnapshotDefinition,
  type Backup,
  type DataUpload,
  type PodVolumeBackup,
  type VolumeSnapshot,
  type VolumeSnapshotContent,
} from '@ferry/api';
import type { FerryContracts } from '@ferry/contracts';
import { createMinioStorageLocation } from '@ferry/devenv';
import {
  aClaim,
  claimMountPath,
  connectTestContracts,
  createClaim,
  createTestNamespace,
  deletePod,
  deleteTestNamespace,
  ferryServiceInstances,
  loadEnvironmentInfo,
  podWithClaim,
  runPod,
  startFerryService,
  testAppEnv,
  writeClaimFiles,
  type EnvironmentInfo,
  type FerryServiceProcess,
} from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient, type KubeClient } from '@ferry/kube';
import type { NatsClient } from '@ferry/nats';
import type { V1Pod } from '@kubernetes/client-node';

/** A running harness; `close` stops every app and removes both namespaces. */
export interface VolumesHarness {
  readonly info: EnvironmentInfo;
  readonly kube: KubeClient;
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  /** Ferry's namespace: Backups, BSL, DataUploads, PodVolumeBackups. */
  readonly namespace: string;
  /** The application's namespace: claims and pods. */
  readonly appNamespace: string;
  readonly backups: ReturnType<typeof createCustomResourceClient<Backup>>;
  readonly dataUploads: ReturnType<typeof createCustomResourceClient<DataUpload>>;
  readonly podVolumeBackups: ReturnType<typeof createCustomResourceClient<PodVolumeBackup>>;
  readonly snapshots: ReturnType<typeof createCustomResourceClient<VolumeSnapshot>>;
  readonly contents: ReturnType<typeof createCustomResourceClient<VolumeSnapshotContent>>;
  /** A claim labelled `labels` with a few files written through a writer pod (deleted again). */
  filledClaim(name: string, labels: Record<string, string>): Promise<void>;
  /** A running pod mounting `claim` as volume `data`, with a few files written through it. */
  appPod(name: string, claim: string): Promise<V1Pod>;
  close(): Promise<void>;
}

const appEnv = {
  ...testAppEnv,
  FERRY_POD_NAME: 'ferry-controller-it',
  // The specs drive the volume step themselves on their Backups; the Backup controller must not run them too.
  FERRY_DISABLE_CONTROLLERS: 'backup',
};

/** Creates the namespaces and BSL `default`, then starts policy, exposer, controller and movers. */
export async function startVolumesHarness(label: string): Promise<VolumesHarness> {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const topology = await connectTestContracts(`backup-volumes-it-${label}`, info);
  const namespace = await createTestNamespace(kube, `bvol-${label}`);
  const appNamespace = await createTestNamespace(kube, `bvol-app-${label}`);
  await createMinioStorageLocation(kube, info.s3, { namespace, prefix: `backup-volumes-it/${namespace}` });
  const workRoot = await mkdtemp(join(tmpdir(), 'ferry-bvol-it-'));
  const apps: FerryServiceProcess[] = [];
  const target = { natsUrl: info.natsUrl, kubeconfigPath: info.kubeconfigPath, namespace, natsNamespace: topology.contracts.namespace };
  const hosts = { nodes: info.nodes, binaries: info.binaries, workRoot };
  const instances = ['policy', 'exposer', 'volume-info', 'controller', 'mover'].flatMap((app) => ferryServiceInstances(app, hosts, appEnv));
  const harness: VolumesHarness = {
    info,
    kube,
    nats: topology.nats,
    contracts: topology.contracts,
    namespace,
    appNamespace,
    backups: createCustomResourceClient<Backup>(kube, backupDefinition),
    dataUploads: createCustomResourceClient<DataUpload>(kube, dataUploadDefinition),
    podVolumeBackups: createCustomResourceClient<PodVolumeBackup>(kube, podVolumeBackupDefinition),
    snapshots: createCustomResourceClient<VolumeSnapshot>(kube, volumeSnapshotDefinition),
    contents: createCustomResourceClient<VolumeSnapshotContent>(kube, volumeSnapshotContentDefinition),
    async filledClaim(name, labels) {
      await createClaim(kube, aClaim(appNamespace, name, { labels }));
      const writer = await runPod(kube, podWithClaim(appNamespace, `writer-${name}`, name));
      await writeClaimFiles(await claimMountPath(kube, info, writer, name), name);
      await deletePod(kube, appNamespace, `writer-${name}`);
    },
    async appPod(name, claim) {
      const pod = await runPod(kube, podWithClaim(appNamespace, name, claim));
      await writeClaimFiles(await claimMountPath(kube, info, pod, claim), claim);
      return pod;
    },
    async close() {
      await Promise.all(apps.map((app) => app.process.stop()));
      await topology.dispose();
      await rm(workRoot, { recursive: true, force: true });
      await deleteTestNamespace(kube, appNamespace);
      await deleteTestNamespace(kube, namespace);
    },
  };
  try {
    for (const instance of instances) {
      apps.push(await startFerryService({ ...instance, name: `${namespace}-${instance.name ?? instance.app}` }, info.stateDir, target));
    }
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}
