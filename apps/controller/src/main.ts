// ferry-controller: control plane: Backup/Restore and data-mover state machines (issue 6).
// Wired today: configuration, telemetry, logger, NATS with Ferry's streams, Kubernetes client and
// the HTTP health endpoints; the service's own handlers come with the issue that builds it.
import { runService, serveHealthOnly } from '@ferry/service-runtime';

void runService({ name: 'controller', start: serveHealthOnly });
