// ferry-controller: the control plane of the data path. Wiring only: the shared runtime connects
// NATS and Kubernetes; every replica campaigns for the `ferry-controller` Lease and the leader runs
// the controller service (libs/controller-service: DataUploads, DataDownloads, PodVolumeBackups and
// PodVolumeRestores over the exposer and mover services, and the HTTP API) and, beside it, the
// snapshot mover (libs/snapshot-mover-service: OADP VolumeSnapshotBackups/Restores protected in
// Ferry's namespace as DataUploads/DataDownloads) and the BackupStorageLocation controller
// (libs/storage-location-service: validates the BSLs of Ferry's namespace), and in role `server` the
// backup deletion (libs/backup-service: DeleteBackupRequests and the garbage collector of expired
// backups) and the Schedule and backup-sync controllers (libs/backup-service), the Backup
// controller (libs/backup-service over libs/resource-backup's collection and the volume step) and
// the Restore controller (libs/restore-service).
// Settings: FERRY_CONTROLLER_ROLE, FERRY_PREPARE_TIMEOUT, FERRY_MOVE_MAX_ATTEMPTS,
// FERRY_CONTROLLER_RESYNC, FERRY_POD_NAME, FERRY_GARBAGE_COLLECTION_FREQUENCY,
// FERRY_SCHEDULE_SKIP_IMMEDIATELY, FERRY_BACKUP_SYNC_PERIOD, FERRY_CONCURRENT_BACKUPS,
// FERRY_ITEM_OPERATION_SYNC_FREQUENCY and the FERRY_LEADER_ELECT* variables.
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
import { createResourceBackup } from '@ferry/resource-backup';
import { readLeaderElectionConfig, runService, startLeaderElectedService, startServiceGroup } from '@ferry/service-runtime';
import { startRestoreService } from '@ferry/restore-service';
import { startSnapshotMoverService } from '@ferry/snapshot-mover-service';
import { startStorageLocationService } from '@ferry/storage-location-service';

void runService({
  name: 'controller',
  start: async (context) => {
    const settings = readControllerServiceSettings(process.env);
    const deletionSettings = readBackupDeletionSettings(process.env);
    const backupSettings = readBackupServiceSettings(process.env);
    const { skipImmediately, defaultSyncPeriodMs } = readScheduleSyncSettings(process.env);
    return startLeaderElectedService({
      context,
      election: readLeaderElectionConfig('controller', process.env),
      startTerm: (kube) => {
        const services = { kube, logger: context.logger, namespace: context.config.namespace };
        return startServiceGroup(context.logger, 'controller term', [
          () => startControllerService({ ...context, kube, settings }),
          () => startSnapshotMoverService(services),
          () => startStorageLocationService(services),
          // --- deletion ---
          ...(settings.role === 'server'
            ? [() => startBackupDeletionService({ ...services, nats: context.nats, contracts: context.contracts, ...deletionSettings })]
            : []),
          // --- end deletion ---
          // --- schedule and sync ---
          ...(settings.role === ControllerRole.Server
            ? [
                () => startScheduleService({ ...services, skipImmediately }),
                () => startBackupSyncService({ ...services, defaultSyncPeriodMs }),
              ]
            : []),
          // --- end schedule and sync ---
          // --- controller ---
          ...(settings.role === ControllerRole.Server
            ? [
                () =>
                  startBackupService({
                    ...services,
                    ...backupSettings,
                    resourceBackup: createResourceBackup({ kube, logger: context.logger }),
                    volumes: createBackupVolumeOperations({ kube, nats: context.nats, contracts: context.contracts }),
                  }),
              ]
            : []),
          // --- end controller ---
          // --- restores ---
          ...(settings.role === ControllerRole.Server ? [() => startRestoreService(services)] : []),
          // --- end restores ---
        ]);
      },
    });
  },
});
