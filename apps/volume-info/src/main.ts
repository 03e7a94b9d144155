// ferry-volume-info: per-volume backup and restore reports, NOT BUILT YET: an empty shell.
// Wired today: configuration, telemetry, logger, NATS with Ferry's streams, Kubernetes client and
// the HTTP health endpoints; it has no handlers of its own and writes no volume info.
import { runService, serveHealthOnly } from '@ferry/service-runtime';

void runService({ name: 'volume-info', start: serveHealthOnly });
