// ferry-exposer: exposure of snapshots through backup/restore PVCs and pods. Wiring only:
// the shared runtime connects NATS and Kubernetes; the service (libs/exposer-service) watches the
// node-agent ConfigMap, takes expose/cleanup/complete-restore jobs, answers diagnose requests and
// serves the HTTP API (FERRY_NODE_AGENT_CONFIGMAP, FERRY_PREPARE_TIMEOUT, FERRY_EXPOSER_POD_IMAGE).
import { readExposerServiceSettings, startExposerService } from '@ferry/exposer-service';
import { runService } from '@ferry/service-runtime';

void runService({
  name: 'exposer',
  start: (context) => startExposerService({ ...context, settings: readExposerServiceSettings(process.env) }),
});
