// Harness of the snapshot mover's end-to-end tests: a protected namespace with BSL `default` on
// MinIO and the user's restic Secret (the dev environment installed the built-in DataMoverClasses), and Ferry's real apps spawned
// from source against the environment — exposer, controller (DataUpload/DataDownload controller
// plus this lib's service, as apps/controller wires them) and one mover per simulated node — on an
// isolated NATS contract namespace. Each app's log goes to `<stateDir>/<namespace>-<app>.log`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FerryContracts } from '@ferry/contracts';
import { createMinioStorageLocation } from '@ferry/devenv';
import {
  type EnvironmentInfo,
  ferryServiceInstances,
  type FerryServiceProcess,
  loadEnvironmentInfo,
  startFerryService,
  connectTestContracts,
  createTestNamespace,
  deleteTestNamespace,
} from '@ferry/devenv/testing';
import { createKubeClient, type KubeClient } from '@ferry/kube';
import type { NatsClient } from '@ferry/nats';
import { createSnapshotMoverApi, type SnapshotMoverApi } from '../src/snapshot-mover-api';

/** The user's restic Secret in the protected namespace (OADP's `resticSecretRef`). */
export const resticSecretName = 'restic-secret';

/** A running harness; `close` stops the apps and removes the namespace. */
export interface SnapshotMoverHarness extends SnapshotMoverApi {
  readonly info: EnvironmentInfo;
  readonly kube: KubeClient;
  readonly contracts: FerryContracts;
  readonly nats: NatsClient;
  /** The protected namespace: BSL, Secrets, DataUploads/DataDownloads and intermediate objects. */
  readonly namespace: string;
  close(): Promise<void>;
}

/** Creates the protected namespace and its objects, ensures the built-in classes, then spawns the apps. */
export async function startSnapshotMoverHarness(label: string): Promise<SnapshotMoverHarness> {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const topology = await connectTestContracts(`snapshot-mover-it-${label}`, info);
  const { contracts, nats } = topology;
  const namespace = await createTestNamespace(kube, `vsm-${label}`);
  const typed = createSnapshotMoverApi(kube);
  await kube.core.createNamespacedSecret({
    namespace,
    body: { metadata: { name: resticSecretName }, stringData: { RESTIC_PASSWORD: 'user-restic-password' } },
  });
  await createMinioStorageLocation(kube, info.s3, { namespace, prefix: `snapshot-mover-it/${namespace}`, isDefault: true });
  // The dev environment installs deploy/base's built-in classes, as a cluster install does.
  for (const name of ['ferry-kopia', 'ferry-restic']) {
    if (!(await typed.classes.find(undefined, name)))
      throw new Error(`DataMoverClass ${name} is not installed: the dev environment installs deploy/base/data-mover-classes.yaml`);
  }
  const workRoot = await mkdtemp(join(tmpdir(), 'ferry-vsm-it-'));
  const apps: FerryServiceProcess[] = [];
  const target = { natsUrl: info.natsUrl, kubeconfigPath: info.kubeconfigPath, namespace, natsNamespace: contracts.namespace };
  const hosts = { nodes: info.nodes, binaries: info.binaries, workRoot };
  const appEnv: Readonly<Record<string, Record<string, string>>> = {
    exposer: { FERRY_PREPARE_TIMEOUT: '2m' },
    mover: { FERRY_MOVER_JOB_ACK_WAIT: '5s' },
    controller: {
      FERRY_CONTROLLER_ROLE: 'server',
      FERRY_CONTROLLER_RESYNC: '1s',
      FERRY_POD_NAME: `ferry-controller-${namespace}`,
      FERRY_PREPARE_TIMEOUT: '2m',
      // OADP's snapshot mover over the data path; Velero's Backup/Restore-level controllers are not under test.
      FERRY_DISABLE_CONTROLLERS: 'backup,backup-deletion,schedule,backup-sync,restore,download-request',
    },
  };
  const close = async (): Promise<void> => {
    await Promise.all(apps.map((app) => app.process.stop()));
    await topology.dispose();
    await rm(workRoot, { recursive: true, force: true });
    await deleteTestNamespace(kube, namespace);
  };
  try {
    for (const app of ['exposer', 'mover', 'controller']) {
      for (const instance of ferryServiceInstances(app, hosts, appEnv[app])) {
        apps.push(await startFerryService({ ...instance, name: `${namespace}-${instance.name ?? app}` }, info.stateDir, target));
      }
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { ...typed, info, kube, contracts, nats, namespace, close };
}
