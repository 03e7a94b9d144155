// The volume step of Backups (point 4 of issue 11): one `policy.evaluate` plan per Backup turned
// into CSI VolumeSnapshots, DataUploads and PodVolumeBackups, their state read back as Velero's
// counts, item operations and volume-info inputs, cancel, and the clean-up of moved snapshots.
// Level-based: every call looks at what exists (found by the Backup's UID label) and the record
// `start` keeps, so a restarted controller or a new leader continues where the last one stopped.
import type { Backup } from '@ferry/api';
import {
  effectiveDurations,
  planVolumeWork,
  volumeOperationsState,
  type PlanEntry,
  type ResultLogFields,
  type VolumeFacts,
} from '@ferry/backup';
import type { FerryContracts } from '@ferry/contracts';
import { deleteIfPresent, type KubeClient } from '@ferry/kube';
import type { NatsClient } from '@ferry/nats';
import type { BackedUpVolumeOwners, BackupVolumeOperations, VolumeOperationsState } from './backup-volume-operations';
import { snapshotClaims } from './csi-snapshot-step';
import { backUpPodVolumes } from './pod-volume-step';
import {
  claimVolumes,
  readBackupOperations,
  readBackupSnapshots,
  readClaims,
  readPods,
  readProvisioners,
  readVolumes,
  volumeResourceClients,
  type VolumeResourceClients,
} from './volume-cluster-reader';
import { planFailure, requestPlan } from './volume-plan-request';
import { createVolumeRecordStore, volumeRecordOf, type StoredVolumeRecord, type VolumeRecordStore } from './volume-record-store';

/** What the volume step needs. */
export interface BackupVolumeDeps {
  readonly kube: KubeClient;
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  /** The uploader of PodVolumeBackups (Velero's `--uploader-type`); default kopia. */
  readonly uploaderType?: 'kopia' | 'restic';
  /** How often a snapshot's readiness is polled; default 1000 ms. */
  readonly snapshotPollMs?: number;
  /** How long to wait for the policy service's plan; default 30 s. */
  readonly planTimeoutMs?: number;
  /** The time operations are judged at (tests); default now. */
  readonly now?: () => Date;
}

interface Service {
  readonly deps: BackupVolumeDeps;
  readonly clients: VolumeResourceClients;
  readonly records: VolumeRecordStore;
}

const terminal: ReadonlySet<string> = new Set(['Completed', 'Failed', 'Canceled']);

/** Asks for the plan once and stores what it means for this Backup; a stored record is reused. */
async function planOnce(service: Service, backup: Backup, owners: BackedUpVolumeOwners, signal: AbortSignal): Promise<StoredVolumeRecord> {
  const existing = await service.records.read(backup);
  if (existing) return existing;
  const { kube } = service.deps;
  let entries: readonly PlanEntry[] = [];
  let planErrors: ResultLogFields[] = [];
  try {
    entries = (await requestPlan(service.deps, backup, signal)).entries;
  } catch (error) {
    planErrors = [planFailure(error)];
  }
  const claimRefs = [
    ...owners.persistentVolumeClaims,
    ...entries.flatMap((entry) =>
      entry.target.kind === 'pod-volume' && entry.target.claimName
        ? [{ namespace: entry.target.pod.namespace, name: entry.target.claimName }]
        : [],
    ),
  ];
  const pvByClaim = claimVolumes(await readClaims(kube, claimRefs), await readVolumes(kube));
  const work = planVolumeWork(entries, owners, pvByClaim);
  const volumes: Record<string, VolumeFacts> = {};
  for (const [key, pv] of pvByClaim) volumes[key] = pv.volume;
  return service.records.create(backup, {
    version: 1,
    snapshots: work.snapshots,
    fsBackups: work.fsBackups,
    skipped: work.skipped,
    planErrors: [...planErrors, ...work.errors],
    startErrors: [],
    startSkipped: [],
    volumes,
  });
}

async function startVolumes(service: Service, backup: Backup, owners: BackedUpVolumeOwners, signal: AbortSignal): Promise<void> {
  const { kube } = service.deps;
  const record = await planOnce(service, backup, owners, signal);
  const claimRefs = [
    ...record.snapshots.map((s) => s.claim),
    ...record.fsBackups.flatMap((f) => (f.claimName ? [{ namespace: f.pod.namespace, name: f.claimName }] : [])),
  ];
  const claims = await readClaims(kube, claimRefs);
  const existing = await readBackupOperations(service.clients, backup);
  const snapshotErrors: ResultLogFields[] = [];
  if (record.snapshots.length > 0) {
    const ctx = {
      clients: service.clients,
      backup,
      classes: await service.clients.snapshotClasses.list(),
      provisioners: await readProvisioners(kube),
      snapshots: await readBackupSnapshots(
        service.clients,
        backup,
        record.snapshots.map((s) => s.claim.namespace),
      ),
      dataUploads: existing.dataUploads,
      pollMs: service.deps.snapshotPollMs ?? 1000,
      signal,
    };
    snapshotErrors.push(...(await snapshotClaims(ctx, record.snapshots, claims)));
  }
  const startSkipped = await backUpPodVolumes({
    clients: service.clients,
    backup,
    work: record.fsBackups,
    pods: await readPods(
      kube,
      record.fsBackups.map((f) => f.pod),
    ),
    claims,
    volumes: record.volumes,
    existing: existing.podVolumeBackups,
    uploaderType: service.deps.uploaderType ?? 'kopia',
  });
  await service.records.updateStart(backup, snapshotErrors, startSkipped);
}

async function checkVolumes(service: Service, backup: Backup): Promise<VolumeOperationsState> {
  const stored = await service.records.read(backup);
  const { dataUploads, podVolumeBackups } = await readBackupOperations(service.clients, backup);
  const kept =
    backup.spec?.snapshotMoveData === true || !stored
      ? []
      : await readBackupSnapshots(
          service.clients,
          backup,
          stored.snapshots.map((s) => s.claim.namespace),
        );
  const snapshots = await Promise.all(
    kept.map(async (snapshot) => {
      const name = snapshot.status?.boundVolumeSnapshotContentName;
      return { snapshot, content: name ? await service.clients.contents.find(undefined, name) : undefined };
    }),
  );
  const clock = {
    now: (service.deps.now ?? (() => new Date()))(),
    itemOperationTimeoutMs: effectiveDurations(backup.spec ?? {}).itemOperationTimeout.milliseconds,
  };
  const state = volumeOperationsState({ backup, record: volumeRecordOf(stored), dataUploads, podVolumeBackups, snapshots }, clock);
  return { ...state, podVolumeBackups };
}

async function cancelVolumes(service: Service, backup: Backup): Promise<void> {
  const { dataUploads, podVolumeBackups } = await readBackupOperations(service.clients, backup);
  const namespace = backup.metadata?.namespace ?? '';
  const running = <T extends { metadata?: { name?: string }; spec?: { cancel?: boolean }; status?: { phase?: string } }>(items: T[]) =>
    items.filter((item) => !terminal.has(item.status?.phase ?? '') && item.spec?.cancel !== true).map((item) => item.metadata?.name ?? '');
  await Promise.all([
    ...running(dataUploads).map((name) => service.clients.dataUploads.patch(namespace, name, { spec: { cancel: true } })),
    ...running(podVolumeBackups).map((name) => service.clients.podVolumeBackups.patch(namespace, name, { spec: { cancel: true } })),
  ]);
}

/**
 * Removes the Backup's VolumeSnapshots once the finalized tarball holds them. Data moved: the
 * uploads ended, so nothing reads them any more — each content switched to deletionPolicy Delete
 * first when retained, so that it goes too, storage snapshot included. Not moved: Velero's
 * `DeleteReadyVolumeSnapshot` — the content switched to Retain and deleted, then the snapshot, so
 * the storage snapshot outlives both and a restore re-creates them from the tarball's handle.
 */
async function finishVolumes(service: Service, backup: Backup): Promise<void> {
  const stored = await service.records.read(backup);
  if (!stored) return;
  const moved = backup.spec?.snapshotMoveData === true;
  const snapshots = await readBackupSnapshots(
    service.clients,
    backup,
    stored.snapshots.map((s) => s.claim.namespace),
  );
  for (const vs of snapshots) {
    const namespace = vs.metadata?.namespace ?? '';
    const name = vs.metadata?.name ?? '';
    const contentName = vs.status?.boundVolumeSnapshotContentName;
    const content = contentName ? await service.clients.contents.find(undefined, contentName) : undefined;
    const policy = moved ? 'Delete' : 'Retain';
    if (content && content.spec.deletionPolicy !== policy) {
      await service.clients.contents.patch(undefined, contentName ?? '', { spec: { deletionPolicy: policy } });
    }
    if (content && !moved) {
      await deleteIfPresent(`VolumeSnapshotContent ${contentName ?? ''}`, () =>
        service.clients.contents.delete(undefined, contentName ?? ''),
      );
    }
    await deleteIfPresent(`VolumeSnapshot ${namespace}/${name}`, () => service.clients.snapshots.delete(namespace, name));
  }
}

/**
 * The volume step over `deps`. `start` blocks while snapshots become ready (up to the Backup's
 * csiSnapshotTimeout each, eight claims at a time) and rejects only on failures a retry may fix (API server,
 * policy service unreachable); every per-volume failure is in the returned state's results.
 * `check`, `cancel` and `finish` never create anything. Nothing runs in the background.
 */
export function createBackupVolumeOperations(deps: BackupVolumeDeps): BackupVolumeOperations {
  const service: Service = { deps, clients: volumeResourceClients(deps.kube), records: createVolumeRecordStore(deps.kube) };
  const signalOf = (signal?: AbortSignal): AbortSignal => signal ?? new AbortController().signal;
  return {
    async start(backup, owners, signal) {
      await startVolumes(service, backup, owners, signalOf(signal));
      return checkVolumes(service, backup);
    },
    check: (backup) => checkVolumes(service, backup),
    cancel: (backup) => cancelVolumes(service, backup),
    finish: (backup) => finishVolumes(service, backup),
  };
}
