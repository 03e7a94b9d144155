// ferry-mover: data movement with restic and kopia, one per node. Wiring only: the shared
// runtime connects NATS and Kubernetes; the service (libs/mover-service) stops tools a killed
// predecessor left running, takes this node's move jobs (FERRY_NODE_NAME, FERRY_KUBELET_ROOT,
// FERRY_MOVER_WORK_DIR, FERRY_NODE_AGENT_CONFIGMAP, FERRY_MOVER_JOB_ACK_WAIT, FERRY_RESTIC_BINARY,
// FERRY_KOPIA_BINARY), answers repository snapshot deletions (any node's mover, for
// DeleteBackupRequests) and serves GET /v1/jobs.
import { readMoverServiceSettings, startMoverService } from '@ferry/mover-service';
import { runService } from '@ferry/service-runtime';

void runService({
  name: 'mover',
  start: (context) => startMoverService({ ...context, settings: readMoverServiceSettings(process.env) }),
});
