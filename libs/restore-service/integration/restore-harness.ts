// The world of the restore integration specs: a Velero namespace with an Available BSL over a
// fresh prefix of MinIO's bucket, a test application backed up by Ferry's real collection
// (`b-app`), the restore service started in-process beside an in-process volume-info (which seals
// each Restore's volume report), a watch recording every progress change of every Restore, and
// helpers to run a Restore to its end and list what it restored.
import {
  backupDefinition,
  backupStorageLocationDefinition,
  restoreDefinition,
  type Backup,
  type BackupStorageLocation,
  type Restore,
  type RestoreSpec,
} from '@ferry/api';
import {
  createTestNamespace,
  deleteTestNamespace,
  eventually,
  loadEnvironmentInfo,
  startInProcessVolumeInfo,
  uniqueName,
  type InProcessVolumeInfo,
} from '@ferry/devenv/testing';
import { createCustomResourceClient, createInformer, createKubeClient, silentLogger, type ResourceInformer } from '@ferry/kube';
import { createS3ObjectStore, type ObjectStore } from '@ferry/object-store';
import { storageLocationPlan } from '@ferry/storage-location';
import { startRestoreService, type RestoreService } from '../src';
import { createApplication, createLocation, writeBackup } from './restore-fixtures';

const info = loadEnvironmentInfo();
/** The admin client of the environment. */
export const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
/** Typed clients of the velero.io kinds the specs touch. */
export const restores = createCustomResourceClient<Restore>(kube, restoreDefinition);
export const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
const terminal = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];

/** One observed progress change. */
export interface ProgressSample {
  readonly at: number;
  readonly totalItems: number;
  readonly itemsRestored: number;
}

/** What a spec file works with; filled in its beforeAll. */
export interface RestoreWorld {
  velero: string;
  app: string;
  nodePort: number;
  readonly group: string;
  readonly prefix: string;
  readonly bsl: string;
  store: ObjectStore;
  service: RestoreService | undefined;
  /** The volume-info service the restore service seals reports at. */
  volumeInfo: InProcessVolumeInfo | undefined;
  /** Progress changes per Restore name, as the watch saw them. */
  readonly seen: Map<string, ProgressSample[]>;
  /** Starts the restore service with `parallel` creates per resource. */
  start(parallel?: number): Promise<RestoreService>;
  /** A fresh target namespace name, deleted after the file. */
  target(): string;
  /** Creates a Restore and resolves with it once its phase is terminal. */
  restore(spec: RestoreSpec, name?: string): Promise<Restore>;
  /** Waits for a terminal phase of an existing Restore. */
  finished(name: string): Promise<Restore>;
  /** Sorted names of a list path. */
  names(path: string): Promise<string[]>;
  /** `kind/name` of the application's kinds found in `namespace`, sorted. */
  contents(namespace: string): Promise<string[]>;
}

type Listed = { items: { metadata: { name: string } }[] };

/** Registers the file's beforeAll/afterAll and answers the world they fill. */
export function useRestoreWorld(label: string): RestoreWorld {
  const targets: string[] = [];
  let informer: ResourceInformer<Restore> | undefined;
  const world: RestoreWorld = {
    velero: '',
    app: '',
    nodePort: 0,
    group: `${uniqueName(label)}.ferry.test`,
    prefix: uniqueName(`${label}-it`),
    bsl: 'default',
    store: undefined as unknown as ObjectStore,
    service: undefined,
    volumeInfo: undefined,
    seen: new Map(),
    async start(parallel = 4) {
      world.volumeInfo ??= await startInProcessVolumeInfo(kube, world.velero, info);
      return startRestoreService({
        kube,
        logger: silentLogger,
        namespace: world.velero,
        parallel,
        timeouts: { terminatingTimeoutMs: 5_000, resourceTimeoutMs: 30_000 },
        volumeReporter: world.volumeInfo.reporter,
      });
    },
    target() {
      const name = uniqueName(`${label}-to`);
      targets.push(name);
      return name;
    },
    finished: (name) =>
      eventually(
        `Restore ${name} finished`,
        async () => {
          const current = await restores.get(world.velero, name);
          if (!terminal.includes(current.status?.phase ?? '')) throw new Error(`phase ${current.status?.phase ?? ''}`);
          return current;
        },
        90_000,
      ),
    async restore(spec, name = uniqueName('r')) {
      await restores.create({ apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name, namespace: world.velero }, spec });
      return world.finished(name);
    },
    names: async (path) => (await kube.requester.request<Listed>({ method: 'GET', path })).items.map((item) => item.metadata.name).sort(),
    async contents(namespace) {
      const kinds: [string, string][] = [
        ['configmaps', `/api/v1/namespaces/${namespace}/configmaps`],
        ['secrets', `/api/v1/namespaces/${namespace}/secrets`],
        ['serviceaccounts', `/api/v1/namespaces/${namespace}/serviceaccounts`],
        ['services', `/api/v1/namespaces/${namespace}/services`],
        ['deployments', `/apis/apps/v1/namespaces/${namespace}/deployments`],
        ['persistentvolumeclaims', `/api/v1/namespaces/${namespace}/persistentvolumeclaims`],
        ['widgets', `/apis/${world.group}/v1/namespaces/${namespace}/widgets`],
      ];
      const all: string[] = [];
      for (const [kind, path] of kinds) for (const name of await world.names(path)) all.push(`${kind}/${name}`);
      return all.sort();
    },
  };

  beforeAll(async () => {
    world.velero = await createTestNamespace(kube, `${label}-velero`);
    world.app = await createTestNamespace(kube, `${label}-app`);
    world.nodePort = await createApplication(kube, world.app, world.group);
    const spec = {
      provider: 'aws',
      objectStorage: { bucket: info.s3.bucket, prefix: world.prefix },
      config: { s3Url: info.s3.endpoint, s3ForcePathStyle: 'true' },
    };
    world.store = createS3ObjectStore(storageLocationPlan({ metadata: {}, spec }, 'test'), info.s3);
    await createLocation(kube, locations, world.velero, world.bsl, world.prefix);
    await writeBackup(kube, world.store, backups, world.velero, world.bsl, 'b-app', [world.app]);
    informer = createInformer<Restore>(kube, restoreDefinition, { namespace: world.velero });
    informer.on('update', (restore) => {
      const progress = restore.status?.progress;
      const name = restore.metadata?.name ?? '';
      const list = world.seen.get(name) ?? [];
      const last = list.at(-1);
      if (progress && (last?.itemsRestored !== progress.itemsRestored || last?.totalItems !== progress.totalItems)) {
        list.push({ at: Date.now(), totalItems: progress.totalItems ?? 0, itemsRestored: progress.itemsRestored ?? 0 });
        world.seen.set(name, list);
      }
    });
    await informer.synced;
    world.service = await world.start();
  }, 180_000);

  afterAll(async () => {
    await world.service?.stop();
    await world.volumeInfo?.stop();
    await informer?.stop();
    for (const namespace of [world.app, world.velero, ...targets]) if (namespace) await deleteTestNamespace(kube, namespace);
    await kube.requester
      .request({ method: 'DELETE', path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.${world.group}` })
      .catch(() => undefined);
    if (world.store) {
      await world.store.deleteKeys(await world.store.listKeys(`${world.prefix}/`));
      world.store.close();
    }
  });
  return world;
}
