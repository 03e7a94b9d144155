// ferry-policy: volume policies for whole backups. Wiring only: the shared runtime
// connects NATS and Kubernetes; the service (libs/policy-service) answers `policy.evaluate` over
// NATS and serves the HTTP API.
import { readPolicyServiceSettings, startPolicyService } from '@ferry/policy-service';
import { runService } from '@ferry/service-runtime';

void runService({
  name: 'policy',
  start: (context) => startPolicyService({ ...context, settings: readPolicyServiceSettings(process.env) }),
});
