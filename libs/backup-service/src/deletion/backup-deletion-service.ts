// The backup deletion service: the DeleteBackupRequest controller and the garbage collector of
// expired backups, on `@ferry/kube`'s runtime, fed by informers on the requests and Backups of
// Ferry's namespace. Started by apps/controller on the leader in role `server`; tests start it in-process.
import { backupDefinition, deleteBackupRequestDefinition, type Backup, type DeleteBackupRequest } from '@ferry/api';
import { defaultGarbageCollectionFrequencyMs } from '@ferry/backup';
import type { FerryContracts } from '@ferry/contracts';
import {
  createController,
  createCustomResourceClient,
  createInformer,
  startControllerSet,
  systemClock,
  type Clock,
  type ControllerSet,
  type KubeClient,
  type KubeLogger,
} from '@ferry/kube';
import type { NatsClient } from '@ferry/nats';
import type { ObjectStoreClientOptions } from '@ferry/object-store';
import { createBackupDeletionReconciler } from './backup-deletion-reconciler';
import { createGarbageCollectionReconciler } from './garbage-collection-reconciler';
import { createNatsSnapshotRemover, type RepositorySnapshotRemover } from './repository-snapshot-remover';

/** Velero re-enqueues every request hourly, so expired (a day old) requests are eventually deleted. */
const requestResyncMs = 60 * 60 * 1000;

/** What {@link startBackupDeletionService} needs (a `ServiceContext`'s `kube`, `nats`, `contracts`, `logger` fit). */
export interface BackupDeletionServiceDependencies {
  /** Writes go through it (the leader's write-fenced client). */
  readonly kube: KubeClient;
  readonly nats: NatsClient;
  readonly contracts: FerryContracts;
  readonly logger: KubeLogger;
  /** Ferry's namespace (Velero's): its Backups, requests, BSLs, PVBs and DUs. */
  readonly namespace: string;
  /** Every Backup is checked this often (`FERRY_GARBAGE_COLLECTION_FREQUENCY`); default 1 h. */
  readonly garbageCollectionFrequencyMs?: number;
  readonly clock?: Clock;
  /** Replaces the movers' snapshot deletion over NATS (tests). */
  readonly remover?: RepositorySnapshotRemover;
  /** How long a mover may take to answer a snapshot deletion; default 5 minutes. */
  readonly snapshotDeletionTimeoutMs?: number;
  readonly objectStoreClient?: ObjectStoreClientOptions;
}

/** A running backup deletion service. Its `stop` stops both controllers (running deletions get up to `graceMs`, default 10 s), then the informers. */
export type BackupDeletionService = ControllerSet;

/**
 * Starts both controllers and resolves once the informers listed the requests and Backups (each
 * is then queued: new requests are processed, expired backups collected). One deletion at a time,
 * as Velero's. On a start-up failure it stops what it started and rethrows.
 */
export async function startBackupDeletionService(deps: BackupDeletionServiceDependencies): Promise<BackupDeletionService> {
  const { kube, logger, namespace } = deps;
  const clock = deps.clock ?? systemClock;
  const now = () => clock.now();
  const requestInformer = createInformer<DeleteBackupRequest>(kube, deleteBackupRequestDefinition, { logger, namespace });
  const backupInformer = createInformer<Backup>(kube, backupDefinition, { logger, namespace });
  const remover =
    deps.remover ??
    createNatsSnapshotRemover({
      nats: deps.nats,
      contracts: deps.contracts,
      ...(deps.snapshotDeletionTimeoutMs ? { timeoutMs: deps.snapshotDeletionTimeoutMs } : {}),
    });
  const deletion = createController({
    name: 'deletebackuprequest',
    reconcile: createBackupDeletionReconciler({
      kube,
      namespace,
      logger,
      remover,
      requests: requestInformer,
      now,
      ...(deps.objectStoreClient ? { objectStoreClient: deps.objectStoreClient } : {}),
    }),
    resyncIntervalMs: requestResyncMs,
    clock,
    logger,
  });
  deletion.watch(requestInformer);
  const collector = createController({
    name: 'garbage-collection',
    reconcile: createGarbageCollectionReconciler({
      kube,
      backups: backupInformer,
      backupClient: createCustomResourceClient<Backup>(kube, backupDefinition),
      logger,
      now,
    }),
    resyncIntervalMs: deps.garbageCollectionFrequencyMs ?? defaultGarbageCollectionFrequencyMs,
    clock,
    logger,
  });
  collector.watch(backupInformer);
  return startControllerSet({
    name: 'backup deletion service',
    informers: [requestInformer, backupInformer],
    controllers: [deletion, collector],
    logger,
    logFields: { namespace, garbageCollectionFrequencyMs: deps.garbageCollectionFrequencyMs ?? defaultGarbageCollectionFrequencyMs },
  });
}
