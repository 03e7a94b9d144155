// Harness of the Backup controller's in-process integration tests: a Velero namespace with BSL
// `default` on the environment's MinIO, the policy app spawned on an isolated NATS contract
// namespace, and — in this process, against the real API server, NATS and MinIO, with short S3
// timeouts so a stopped MinIO is noticed in seconds — the BSL controller and the Backup
// controller with the real resource collection and volume step (apps/controller wires the same).
import { backupDefinition, backupStorageLocationDefinition, type Backup, type BackupStorageLocation } from '@ferry/api';
import { createMinioStorageLocation } from '@ferry/devenv';
import {
  connectTestContracts,
  createTestNamespace,
  deleteTestNamespace,
  eventually,
  ferryServiceInstances,
  loadEnvironmentInfo,
  startFerryService,
  type EnvironmentInfo,
  type TestContracts,
} from '@ferry/devenv/testing';
import { createCustomResourceClient, createKubeClient, silentLogger, type CustomResourceClient, type KubeClient } from '@ferry/kube';
import { createResourceBackup } from '@ferry/resource-backup';
import { startStorageLocationService, type StorageLocationService } from '@ferry/storage-location-service';
import { createBackupVolumeOperations, startBackupService, type BackupService } from '../src';

/** A running harness; `close` stops the services and removes the namespace. */
export interface BackupControllerHarness {
  readonly info: EnvironmentInfo;
  readonly kube: KubeClient;
  /** The Velero namespace: BSLs, Backups, policy ConfigMaps. */
  readonly namespace: string;
  readonly backups: CustomResourceClient<Backup>;
  readonly locations: CustomResourceClient<BackupStorageLocation>;
  /** Creates a Backup named `name` with `spec` in the namespace. */
  createBackup(name: string, spec: Backup['spec']): Promise<Backup>;
  /** Waits until Backup `name` reaches one of `phases` and returns it. */
  backupIn(name: string, phases: readonly string[], timeoutMs?: number): Promise<Backup>;
  close(): Promise<void>;
}

type Stoppable = { stop(): Promise<void> };

/** Starts the harness; BSL `default` (prefix `backup-controller-it/<namespace>`) is created Available first. */
export async function startBackupControllerHarness(label: string): Promise<BackupControllerHarness> {
  const info = loadEnvironmentInfo();
  const kube = createKubeClient({ kind: 'file', kubeconfigPath: info.kubeconfigPath });
  const namespace = await createTestNamespace(kube, `bc-${label}`);
  const topology: TestContracts = await connectTestContracts(`backup-controller-it-${label}`, info.natsUrl);
  const backups = createCustomResourceClient<Backup>(kube, backupDefinition);
  const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
  const services: Stoppable[] = [];
  const close = async (): Promise<void> => {
    for (const service of services.reverse()) await service.stop();
    await topology.dispose();
    await deleteTestNamespace(kube, namespace);
  };
  try {
    await createMinioStorageLocation(kube, info.s3, { namespace, prefix: `backup-controller-it/${namespace}`, isDefault: true });
    const common = { kube, logger: silentLogger, namespace };
    const bsl: StorageLocationService = await startStorageLocationService({
      ...common,
      objectStoreClient: { requestTimeoutMs: 1500, connectionTimeoutMs: 1000, maxAttempts: 1 },
    });
    services.push(bsl);
    const target = { natsUrl: info.natsUrl, kubeconfigPath: info.kubeconfigPath, namespace, natsNamespace: topology.contracts.namespace };
    for (const instance of ferryServiceInstances('policy', { nodes: info.nodes, binaries: info.binaries, workRoot: info.stateDir })) {
      const app = await startFerryService({ ...instance, name: `${namespace}-policy` }, info.stateDir, target);
      services.push({ stop: () => app.process.stop() });
    }
    const service: BackupService = await startBackupService({
      ...common,
      resourceBackup: createResourceBackup({ kube, logger: silentLogger }),
      volumes: createBackupVolumeOperations({ kube, nats: topology.nats, contracts: topology.contracts }),
      operationsPollMs: 1000,
      objectStoreClient: { requestTimeoutMs: 1500, connectionTimeoutMs: 1000, maxAttempts: 1 },
    });
    services.push(service);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    info,
    kube,
    namespace,
    backups,
    locations,
    createBackup: (name, spec) =>
      backups.create({ apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name, namespace }, spec: spec ?? {} }),
    backupIn: (name, phases, timeoutMs = 60_000) =>
      eventually(
        `Backup ${name} in ${phases.join('|')}`,
        async () => {
          const backup = await backups.get(namespace, name);
          return phases.includes(backup.status?.phase ?? '') ? backup : undefined;
        },
        timeoutMs,
      ),
    close,
  };
}
