// The mover's HTTP API (mounted by service-runtime's startHttpServer, which adds /healthz, /readyz
// and JSON error answers): the jobs in flight on this node with their progress.
import { ferryApiGroup, type RouteAccessRule } from '@ferry/service-runtime';
import type { Express } from 'express';
import type { MoveInFlight } from './move-job-handler';

/** Paths of the HTTP API. */
export const MoverHttpPath = { Jobs: '/v1/jobs' } as const;

/** The permission of `GET /v1/jobs` (in the service's namespace); ClusterRole `ferry-api-reader` grants it. */
export const moverRouteAccess: readonly RouteAccessRule[] = [
  { path: MoverHttpPath.Jobs, resource: { group: ferryApiGroup, resource: 'movejobs' } },
];

/** What `GET /v1/jobs` answers. */
export interface MoverJobsBody {
  readonly node: string;
  /** Jobs this mover takes at once (the consumer's maxAckPending). */
  readonly loadConcurrency: number;
  /**
   * Jobs in flight: id, operation, direction, uploader, state, startedAt, deliveryCount,
   * bytesDone, totalBytes and etaSeconds (absent while the total is unknown), bytesPerSecond.
   */
  readonly jobs: readonly MoveInFlight[];
}

/** Adds `GET /v1/jobs` (200 {@link MoverJobsBody}); reads `status` on every request. */
export function moverRoutes(status: () => MoverJobsBody): (app: Express) => void {
  return (app) => {
    app.get(MoverHttpPath.Jobs, (_req, res) => {
      res.json(status());
    });
  };
}
