// apps/controller as a process (role server, as a cluster runs it): it serves DownloadRequests as
// controller `download-request`, and FERRY_DISABLE_CONTROLLERS=download-request leaves them alone.
import { gunzipSync } from 'node:zlib';
import {
  backupStorageLocationDefinition,
  BackupPhase,
  DownloadRequestPhase,
  DownloadTargetKind,
  type BackupStorageLocation,
} from '@ferry/api';
import { createMinioStorageLocation } from '@ferry/devenv';
import {
  connectTestContracts,
  createTestNamespace,
  deleteTestNamespace,
  eventually,
  loadEnvironmentInfo,
  startFerryService,
  type FerryServiceProcess,
  type TestContracts,
} from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient } from '@ferry/kube';
import { createS3ObjectStore } from '@ferry/object-store';
import { storageLocationPlan } from '@ferry/storage-location';
import { objectsIn, storeFiles } from './download-fixtures';

/** Every server controller but the download-request one (they would act on the fixtures). */
const otherServerControllers = 'backup,backup-deletion,schedule,backup-sync,restore';

describe('download request controller - wired into apps/controller', () => {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
  const namespaces: string[] = [];
  const apps: FerryServiceProcess[] = [];
  const topologies: TestContracts[] = [];

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.process.stop()));
    for (const topology of topologies) await topology.dispose();
    for (const namespace of namespaces) await deleteTestNamespace(kube, namespace);
  });

  /** A namespace with BSL `default`, backup `nightly`'s files and the Backup, and the controller app running in it with `disabled`. */
  const controllerIn = async (label: string, disabled: string) => {
    const namespace = await createTestNamespace(kube, label);
    namespaces.push(namespace);
    const prefix = `${namespace}/store`;
    const location = await createMinioStorageLocation(kube, info.s3, { namespace, prefix });
    const store = createS3ObjectStore(storageLocationPlan(location, `${namespace}/default`), info.s3);
    const files = await storeFiles(store, prefix, 'nightly', 'nightly-restore').finally(() => store.close());
    const objects = objectsIn(kube, namespace);
    await objects.backup('nightly', BackupPhase.Completed);
    // Its own NATS topology: two controllers on one would share the data path's durable consumers.
    const topology = await connectTestContracts(`download-request-app-it-${label}`, info);
    topologies.push(topology);
    const target = { natsUrl: info.natsUrl, kubeconfigPath: info.kubeconfigPath, namespace, natsNamespace: topology.contracts.namespace };
    const env = { FERRY_DISABLE_CONTROLLERS: disabled, FERRY_POD_NAME: `${namespace}-controller` };
    apps.push(await startFerryService({ app: 'controller', name: `${namespace}-controller`, env }, info.stateDir, target));
    // The BSL controller runs in the same leader term as the server controllers: once it validated, they run.
    await eventually(
      `BSL default of ${namespace} Available`,
      async () => (await locations.get(namespace, 'default')).status?.phase === 'Available',
    );
    return { namespace, objects, files };
  };

  it('serves a BackupLog request: its URL returns the stored log', async () => {
    const { namespace, objects, files } = await controllerIn('dreq-app', otherServerControllers);
    await objects.request('nightly-log', DownloadTargetKind.BackupLog, 'nightly');
    const request = await eventually('DownloadRequest nightly-log Processed', async () => {
      const current = await objects.requests.get(namespace, 'nightly-log');
      return current.status?.phase === DownloadRequestPhase.Processed ? current : undefined;
    });
    const response = await fetch(request.status?.downloadURL ?? '');
    expect(response.status).toBe(200);
    const log = files.find((file) => file.kind === DownloadTargetKind.BackupLog);
    expect(gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8')).toBe(log?.text);
  });

  it('leaves DownloadRequests alone when FERRY_DISABLE_CONTROLLERS names download-request', async () => {
    const { namespace, objects } = await controllerIn('dreq-off', `${otherServerControllers},download-request`);
    await objects.request('nightly-log', DownloadTargetKind.BackupLog, 'nightly');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await objects.requests.get(namespace, 'nightly-log')).status).toBeUndefined();
  });
});
