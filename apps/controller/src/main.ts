// ferry-controller: the control plane of the data path. Wiring only: the shared runtime connects
// NATS and Kubernetes; every replica campaigns for the `ferry-controller` Lease and the leader runs
// the controller service (libs/controller-service: DataUploads, DataDownloads, PodVolumeBackups and
// PodVolumeRestores over the exposer and mover services, and the HTTP API) and, beside it, the
// snapshot mover (libs/snapshot-mover-service: OADP VolumeSnapshotBackups/Restores protected in
// Ferry's namespace as DataUploads/DataDownloads) and the BackupStorageLocation controller
// (libs/storage-location-service: validates the BSLs of Ferry's namespace). In role `server` it also
// runs Velero's server controllers (libs/backup-service): `backup` (over libs/resource-backup's
// collection and the volume step), `backup-deletion` (DeleteBackupRequests and the garbage
// collector of expired backups), `schedule`, `backup-sync`, `restore` (libs/restore-service) and
// `download-request` (libs/download-request-service: presigned URLs for Velero's DownloadRequests);
// FERRY_DISABLE_CONTROLLERS (Velero's --disable-controllers) leaves out the ones it names. Settings: FERRY_CONTROLLER_ROLE,
// FERRY_DISABLE_CONTROLLERS, FERRY_PREPARE_TIMEOUT, FERRY_MOVE_MAX_ATTEMPTS, FERRY_CONTROLLER_RESYNC,
// FERRY_POD_NAME, FERRY_GARBAGE_COLLECTION_FREQUENCY, FERRY_SCHEDULE_SKIP_IMMEDIATELY,
// FERRY_BACKUP_SYNC_PERIOD, FERRY_CONCURRENT_BACKUPS, FERRY_ITEM_OPERATION_SYNC_FREQUENCY and the
// FERRY_LEADER_ELECT* variables.
import {
  createBackupVolumeOperations,
  readBackupDeletionSettings,
  readBackupServiceSettings,
  readScheduleSyncSettings,
  startBackupDeletionService,
  startBackupService,
  startBackupSyncService,
  startScheduleService,
} from '@ferry/backup-service';
import { readControllerServiceSettings, startControllerService } from '@ferry/controller-service';
import { ControllerRole } from '@ferry/data-movement';
import { startDownloadRequestService } from '@ferry/download-request-service';
import { createResourceBackup } from '@ferry/resource-backup';
import {
  readDisabledControllers,
  readLeaderElectionConfig,
  runService,
  startLeaderElectedService,
  startServiceGroup,
  type ServiceStarter,
} from '@ferry/service-runtime';
import {
  createRestoreProgressBoard,
  readRestoreServiceSettings,
  restoreProgressRouteAccess,
  restoreProgressRoutes,
  startRestoreService,
} from '@ferry/restore-service';
import { startSnapshotMoverService } from '@ferry/snapshot-mover-service';
import { startStorageLocationService } from '@ferry/storage-location-service';
import { createVolumeReporter } from '@ferry/volume-info-client';

/** Velero's server controllers Ferry runs in role `server`, by Velero's `--disable-controllers` names. */
const serverControllers = ['backup', 'backup-deletion', 'schedule', 'backup-sync', 'restore', 'download-request'] as const;
type ServerController = (typeof serverControllers)[number];

void runService({
  name: 'controller',
  start: async (context) => {
    const settings = readControllerServiceSettings(process.env);
    const deletionSettings = readBackupDeletionSettings(process.env);
    const backupSettings = readBackupServiceSettings(process.env);
    const { skipImmediately, defaultSyncPeriodMs } = readScheduleSyncSettings(process.env);
    const disabled = readDisabledControllers(process.env, serverControllers);
    const restoreSettings = readRestoreServiceSettings(process.env);
    // The restore service records its runs' progress here; the HTTP API serves each Restore's rate and ETA.
    const restoreProgress = createRestoreProgressBoard();
    return startLeaderElectedService({
      context,
      election: readLeaderElectionConfig('controller', process.env),
      startTerm: (kube) => {
        const services = { kube, logger: context.logger, namespace: context.config.namespace };
        const messaging = { nats: context.nats, contracts: context.contracts };
        // Backups and Restores record their volumes at volume-info, which seals (writes) their reports.
        const volumeReporter = createVolumeReporter({ ...messaging, source: 'controller' });
        const server: Record<ServerController, ServiceStarter> = {
          backup: () =>
            startBackupService({
              ...services,
              ...backupSettings,
              resourceBackup: createResourceBackup({ kube, logger: context.logger }),
              volumes: createBackupVolumeOperations({ kube, ...messaging }),
              volumeReporter,
              metrics: context.metrics,
            }),
          'backup-deletion': () => startBackupDeletionService({ ...services, ...messaging, ...deletionSettings }),
          schedule: () => startScheduleService({ ...services, skipImmediately }),
          'backup-sync': () => startBackupSyncService({ ...services, defaultSyncPeriodMs }),
          restore: () =>
            startRestoreService({ ...services, ...restoreSettings, progress: restoreProgress, metrics: context.metrics, volumeReporter }),
          'download-request': () => startDownloadRequestService(services),
        };
        const serverStarters =
          settings.role === ControllerRole.Server
            ? serverControllers.filter((name) => !disabled.has(name)).map((name) => server[name])
            : [];
        return startServiceGroup(context.logger, 'controller term', [
          () =>
            startControllerService({
              ...context,
              kube,
              settings,
              routes: restoreProgressRoutes(restoreProgress),
              routeAccess: restoreProgressRouteAccess,
            }),
          () => startSnapshotMoverService(services),
          () => startStorageLocationService(services),
          ...serverStarters,
        ]);
      },
    });
  },
});
