// ferry-controller: the control plane of the data path (issue 6). Wiring only: the shared runtime
// connects NATS and Kubernetes; the service (libs/controller-service) reconciles DataUploads,
// DataDownloads, PodVolumeBackups and PodVolumeRestores over the exposer and mover services and
// serves the HTTP API (FERRY_CONTROLLER_ROLE=server|data-mover, FERRY_PREPARE_TIMEOUT,
// FERRY_MOVE_MAX_ATTEMPTS, FERRY_CONTROLLER_RESYNC, FERRY_POD_NAME).
import { readControllerServiceSettings, startControllerService } from '@ferry/controller-service';
import { runService } from '@ferry/service-runtime';

void runService({
  name: 'controller',
  start: (context) => startControllerService({ ...context, settings: readControllerServiceSettings(process.env) }),
});
