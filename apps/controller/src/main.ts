// ferry-controller: the control plane of the data path. Wiring only: the shared runtime
// connects NATS and Kubernetes; the service (libs/controller-service) reconciles DataUploads,
// DataDownloads, PodVolumeBackups and PodVolumeRestores over the exposer and mover services and
// serves the HTTP API (FERRY_CONTROLLER_ROLE=server|data-mover, FERRY_PREPARE_TIMEOUT,
// FERRY_MOVE_MAX_ATTEMPTS, FERRY_CONTROLLER_RESYNC, FERRY_POD_NAME); beside it the snapshot mover
// (libs/snapshot-mover-service) turns OADP VolumeSnapshotBackups/Restores protected in Ferry's
// namespace into DataUploads/DataDownloads.
import { readControllerServiceSettings, startControllerService } from '@ferry/controller-service';
import { runService } from '@ferry/service-runtime';
import { startSnapshotMoverService } from '@ferry/snapshot-mover-service';

void runService({
  name: 'controller',
  start: async (context) => {
    const controller = await startControllerService({ ...context, settings: readControllerServiceSettings(process.env) });
    const snapshotMover = await startSnapshotMoverService({
      kube: context.kube,
      logger: context.logger,
      namespace: context.config.namespace,
    }).catch(async (error: unknown) => {
      await controller.stop();
      throw error;
    });
    return { stop: () => snapshotMover.stop().finally(() => controller.stop()) };
  },
});
