// ferry-volume-info: per-volume reports of backups and restores. Wiring only: the shared runtime
// connects NATS and Kubernetes; the service (libs/volume-info-service) indexes the volume-info
// documents of Ferry's namespace and the per-volume records, and answers over HTTP and NATS.
import { runService } from '@ferry/service-runtime';
import { startVolumeInfoService } from '@ferry/volume-info-service';

void runService({ name: 'volume-info', start: (context) => startVolumeInfoService(context) });
