// ferry-controller: the control plane of the data path. Wiring only: the shared runtime connects
// NATS and Kubernetes; every replica campaigns for the `ferry-controller` Lease and the leader runs
// the controller service (libs/controller-service: DataUploads, DataDownloads, PodVolumeBackups and
// PodVolumeRestores over the exposer and mover services, and the HTTP API) and, beside it, the
// snapshot mover (libs/snapshot-mover-service: OADP VolumeSnapshotBackups/Restores protected in
// Ferry's namespace as DataUploads/DataDownloads) and the BackupStorageLocation controller
// (libs/storage-location-service: validates the BSLs of Ferry's namespace). Settings: FERRY_CONTROLLER_ROLE,
// FERRY_PREPARE_TIMEOUT, FERRY_MOVE_MAX_ATTEMPTS, FERRY_CONTROLLER_RESYNC, FERRY_POD_NAME and the
// FERRY_LEADER_ELECT* variables.
import { readControllerServiceSettings, startControllerService } from '@ferry/controller-service';
import { readLeaderElectionConfig, runService, startLeaderElectedService } from '@ferry/service-runtime';
import { startSnapshotMoverService } from '@ferry/snapshot-mover-service';
import { startStorageLocationService } from '@ferry/storage-location-service';

void runService({
  name: 'controller',
  start: async (context) => {
    const settings = readControllerServiceSettings(process.env);
    return startLeaderElectedService({
      context,
      election: readLeaderElectionConfig('controller', process.env),
      startTerm: async (kube) => {
        const controller = await startControllerService({ ...context, kube, settings });
        const snapshotMover = await startSnapshotMoverService({ kube, logger: context.logger, namespace: context.config.namespace }).catch(
          async (error: unknown) => {
            await controller.stop();
            throw error;
          },
        );
        const storageLocations = await startStorageLocationService({
          kube,
          logger: context.logger,
          namespace: context.config.namespace,
        }).catch(async (error: unknown) => {
          await snapshotMover.stop().finally(() => controller.stop());
          throw error;
        });
        return { stop: () => storageLocations.stop().finally(() => snapshotMover.stop().finally(() => controller.stop())) };
      },
    });
  },
});
