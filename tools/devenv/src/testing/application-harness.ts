// Harness of the end-to-end tests of backups and restores: a Velero namespace with BSL `default` on
// MinIO, an application namespace with claims filled through writer pods, and Ferry's real apps
// spawned from source — policy, exposer, one mover per node and the controller (whose leader runs
// the Backup and Restore controllers in role server) — on an isolated NATS contract namespace. The
// controller can be killed (SIGKILL) and started again; every phase change of the watched Backups
// is recorded.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backupDefinition,
  backupStorageLocationDefinition,
  restoreDefinition,
  type Backup,
  type BackupStorageLocation,
  type Restore,
} from '@ferry/api';
import { createMinioStorageLocation } from '../storage-location';
import { loadEnvironmentInfo, type EnvironmentInfo } from '../environment-info';
import { ferryServiceInstances, startFerryService, type FerryServiceProcess } from '../servers/ferry-service';
import { eventually } from './eventually';
import { connectTestContracts } from './test-contracts';
import { createTestNamespace, deleteTestNamespace } from './test-namespaces';
import { aClaim, claimMountPath, createClaim, deletePod, podWithClaim, runPod } from './volume-fixtures';
import { createCustomResourceClient, createInformer, createKubeClient, silentLogger, type KubeClient } from '@ferry/kube';
import { createS3ObjectStore, type ObjectStore } from '@ferry/object-store';
import { storageLocationPlan } from '@ferry/storage-location';

/** A running harness; `close` stops every app and removes both namespaces. */
export interface ApplicationHarness {
  readonly info: EnvironmentInfo;
  readonly kube: KubeClient;
  readonly namespace: string;
  readonly appNamespace: string;
  /** The apps' `FERRY_NATS_NAMESPACE`: first token of every subject of their isolated topology. */
  readonly natsNamespace: string;
  /** The BSL `default` prefix. */
  readonly prefix: string;
  /** The bucket of BSL `default` (the caller does not close it). */
  readonly store: ObjectStore;
  readonly backups: ReturnType<typeof createCustomResourceClient<Backup>>;
  readonly locations: ReturnType<typeof createCustomResourceClient<BackupStorageLocation>>;
  /** Creates Backup `name` with `spec` in the Velero namespace. */
  createBackup(name: string, spec: Backup['spec']): Promise<Backup>;
  /** Every phase each Backup was seen in through a watch, consecutive repeats collapsed. */
  readonly phasesSeen: Map<string, string[]>;
  /** A claim labelled `labels` with files written through a writer pod (deleted again). */
  filledClaim(name: string, labels: Record<string, string>): Promise<void>;
  /** A running pod mounting `claim` as volume `data`, with files written through it. */
  appPod(name: string, claim: string): Promise<void>;
  /** Starts more worker apps (`mover`: one per node; each with the harness's `workerEnv`), e.g. ones a test held back; `close` stops them. */
  startWorkers(workers: readonly string[]): Promise<void>;
  /** Starts the controller app (again). */
  startController(): Promise<void>;
  /** SIGKILLs the controller app and waits until it exited. */
  killController(): Promise<void>;
  /** Starts the volume-info app (again); it seals every Backup's and Restore's volume report. */
  startVolumeInfo(): Promise<void>;
  /** SIGKILLs the volume-info app and waits until it exited (runs then stay Finalizing). */
  killVolumeInfo(): Promise<void>;
  /** The base URLs of the running apps by process name (`<namespace>-<app or instance>`); the controller last. */
  serviceUrls(): readonly { readonly name: string; readonly url: string }[];
  /** Waits until Backup `name` is in one of `phases`. */
  backupIn(name: string, phases: readonly string[], timeoutMs?: number): Promise<Backup>;
  /** Creates Restore `name` with `spec` in the Velero namespace and waits until it is in one of `phases`. */
  restoreUntil(name: string, spec: Restore['spec'], phases: readonly string[], timeoutMs?: number): Promise<Restore>;
  close(): Promise<void>;
}

/** The settings every app spawned by a test harness runs with (short waits for a test's pace). */
export const testAppEnv = {
  FERRY_PREPARE_TIMEOUT: '2m',
  FERRY_CONTROLLER_RESYNC: '1s',
  FERRY_MOVER_JOB_ACK_WAIT: '3s',
  FERRY_EXPOSER_JOB_ACK_WAIT: '3s',
  FERRY_EXPOSER_POD_IMAGE: 'velero/velero:v1.17.0',
};

const controllerEnv = {
  ...testAppEnv,
  FERRY_CONTROLLER_ROLE: 'server',
  FERRY_ITEM_OPERATION_SYNC_FREQUENCY: '1s',
  // A killed leader's Lease lapses in seconds, so the restarted controller takes over quickly.
  FERRY_LEADER_ELECTION_LEASE_DURATION: '4s',
  FERRY_LEADER_ELECTION_RENEW_DEADLINE: '3s',
  FERRY_LEADER_ELECTION_RETRY_PERIOD: '500ms',
};

/** The files a harness writes into a claim named `name`: file name → content. */
export function claimFileContents(name: string): Record<string, Buffer> {
  return { [`${name}.txt`]: Buffer.from(`data of ${name}\n`.repeat(1000)), 'second.bin': Buffer.alloc(64 * 1024, name) };
}

/** Writes {@link claimFileContents} of `name` into `dir`. */
export async function writeClaimFiles(dir: string, name: string): Promise<void> {
  for (const [file, content] of Object.entries(claimFileContents(name))) await writeFile(join(dir, file), content);
}

/**
 * Creates the namespaces and BSL `default`, then starts the `workers` (default policy, exposer and
 * a mover per node; a test without volumes needs only policy), each with `workerEnv` added to its
 * variables, volume-info and the controller.
 */
export async function startApplicationHarness(
  label: string,
  workers: readonly string[] = ['policy', 'exposer', 'mover'],
  workerEnv: Readonly<Record<string, string>> = {},
): Promise<ApplicationHarness> {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const topology = await connectTestContracts(`backup-e2e-it-${label}`, info);
  const namespace = await createTestNamespace(kube, `be2e-${label}`);
  const appNamespace = await createTestNamespace(kube, `be2e-app-${label}`);
  const prefix = `backup-e2e-it/${namespace}`;
  const location = await createMinioStorageLocation(kube, info.s3, { namespace, prefix, isDefault: true });
  const store = createS3ObjectStore(storageLocationPlan(location, `${namespace}/default`), info.s3);
  const workRoot = await mkdtemp(join(tmpdir(), 'ferry-be2e-it-'));
  const apps: FerryServiceProcess[] = [];
  let controller: FerryServiceProcess | undefined;
  let volumeInfo: FerryServiceProcess | undefined;
  let generation = 0;
  const target = {
    natsUrl: info.natsUrl,
    kubeconfigPath: info.kubeconfigPath,
    namespace,
    natsNamespace: topology.contracts.namespace,
    otlpUrl: info.jaeger.otlpUrl,
  };
  const hosts = { nodes: info.nodes, binaries: info.binaries, workRoot };
  const phasesSeen = new Map<string, string[]>();
  const watched = createInformer<Backup>(kube, backupDefinition, { namespace, logger: silentLogger });
  const record = (backup: Backup): void => {
    const name = backup.metadata.name ?? '';
    const seen = phasesSeen.get(name) ?? [];
    const phase = backup.status?.phase ?? '';
    if (seen.at(-1) !== phase) phasesSeen.set(name, [...seen, phase]);
  };
  watched.on('add', record);
  watched.on('update', record);
  const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
  const harness: ApplicationHarness = {
    info,
    kube,
    namespace,
    appNamespace,
    natsNamespace: topology.contracts.namespace,
    prefix,
    store,
    backups,
    locations: createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition),
    createBackup: (name, spec) =>
      backups.create({ apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name, namespace }, spec: spec ?? {} }),
    phasesSeen,
    async filledClaim(name, labels) {
      await createClaim(kube, aClaim(appNamespace, name, { labels }));
      const writer = await runPod(kube, podWithClaim(appNamespace, `writer-${name}`, name));
      await writeClaimFiles(await claimMountPath(kube, info, writer, name), name);
      await deletePod(kube, appNamespace, `writer-${name}`);
    },
    async appPod(name, claim) {
      const pod = await runPod(kube, podWithClaim(appNamespace, name, claim));
      await writeClaimFiles(await claimMountPath(kube, info, pod, claim), claim);
    },
    async startWorkers(names) {
      for (const instance of names.flatMap((app) => ferryServiceInstances(app, hosts, { ...testAppEnv, ...workerEnv }))) {
        apps.push(await startFerryService({ ...instance, name: `${namespace}-${instance.name ?? instance.app}` }, info.stateDir, target));
      }
    },
    async startController() {
      generation += 1;
      const [instance] = ferryServiceInstances('controller', hosts, { ...controllerEnv, FERRY_POD_NAME: `ferry-controller-${generation}` });
      controller = await startFerryService({ ...instance!, name: `${namespace}-controller-${generation}` }, info.stateDir, target);
    },
    async killController() {
      await controller?.process.kill('SIGKILL');
      controller = undefined;
    },
    async startVolumeInfo() {
      const [instance] = ferryServiceInstances('volume-info', hosts, testAppEnv);
      volumeInfo = await startFerryService({ ...instance!, name: `${namespace}-volume-info` }, info.stateDir, target);
    },
    async killVolumeInfo() {
      await volumeInfo?.process.kill('SIGKILL');
      volumeInfo = undefined;
    },
    serviceUrls: () =>
      [...apps, ...(volumeInfo ? [volumeInfo] : []), ...(controller ? [controller] : [])].map(({ name, url }) => ({ name, url })),
    backupIn: (name, phases, timeoutMs = 240_000) =>
      eventually(
        `Backup ${name} in ${phases.join('|')}`,
        async () => {
          const backup = await backups.get(namespace, name);
          return phases.includes(backup.status?.phase ?? '') ? backup : undefined;
        },
        timeoutMs,
      ),
    restoreUntil: restoreUntilIn(kube, namespace),
    async close() {
      await controller?.process.stop();
      await Promise.all([...apps, ...(volumeInfo ? [volumeInfo] : [])].map((app) => app.process.stop()));
      await watched.stop();
      store.close();
      await topology.dispose();
      await rm(workRoot, { recursive: true, force: true });
      await deleteTestNamespace(kube, appNamespace);
      await deleteTestNamespace(kube, namespace);
    },
  };
  try {
    await watched.synced;
    await harness.startWorkers(workers);
    await harness.startVolumeInfo();
    await harness.startController();
    // As Velero, the controller refuses a Backup (FailedValidation) until it validated its location.
    await eventually(
      'BackupStorageLocation default Available',
      async () => (await harness.locations.get(namespace, 'default')).status?.phase === 'Available',
      60_000,
    );
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}

/** Creates a Restore in `namespace` and waits until it is in one of `phases` (the harness's `restoreUntil`). */
function restoreUntilIn(kube: KubeClient, namespace: string): ApplicationHarness['restoreUntil'] {
  const restores = createCustomResourceClient<Restore>(kube, restoreDefinition);
  return async (name, spec, phases, timeoutMs = 300_000) => {
    await restores.create({ apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name, namespace }, spec });
    return eventually(
      `Restore ${name} in ${phases.join('|')}`,
      async () => {
        const restore = await restores.get(namespace, name);
        return phases.includes(restore.status?.phase ?? '') ? restore : undefined;
      },
      timeoutMs,
    );
  };
}
