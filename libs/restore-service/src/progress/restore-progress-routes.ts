// The restore progress route of the controller's HTTP API: `GET /v1/restores/{namespace}/{name}/progress`
// answers {totalItems, itemsRestored, itemsPerSecond, etaSeconds, phase}; problems are RFC 9457
// problem details (`application/problem+json`).
import { ferryApiGroup, type RouteAccessRule } from '@ferry/service-runtime';
import type { Express, Response } from 'express';
import type { RestoreProgressBoard } from './restore-progress-board';

/** Path of the route, in express syntax. */
export const restoreProgressPath = '/v1/restores/:namespace/:name/progress';

/** The permission of the route (`get` the Restore's progress in its namespace); ClusterRole `ferry-api-reader` grants it. */
export const restoreProgressRouteAccess: readonly RouteAccessRule[] = [
  {
    path: restoreProgressPath,
    resource: {
      group: ferryApiGroup,
      resource: 'restores',
      subresource: 'progress',
      namespace: { param: 'namespace' },
      name: { param: 'name' },
    },
  },
];

/** An RFC 9457 problem details object. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
}

function problem(res: Response, body: ProblemDetails): void {
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

/**
 * Adds the route over `board`: 200 with the view; 404 (problem details) when the attached restore
 * service has no such Restore; 503 when no restore service runs in this process (role
 * `data-mover`, or `restore` in FERRY_DISABLE_CONTROLLERS). `itemsPerSecond` and `etaSeconds` are
 * left out while they cannot be known (fewer than two samples, nothing moving).
 */
export function restoreProgressRoutes(board: RestoreProgressBoard): (app: Express) => void {
  return (app) => {
    app.get(restoreProgressPath, (req, res) => {
      const namespace = String(req.params['namespace']);
      const name = String(req.params['name']);
      if (!board.attached()) {
        problem(res, {
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail:
            'no Restore controller runs in this process: it runs in role server on the leader, unless FERRY_DISABLE_CONTROLLERS names restore',
          instance: req.path,
        });
        return;
      }
      const view = board.view(namespace, name);
      if (!view) {
        problem(res, {
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: `no Restore ${namespace}/${name}: check the namespace (Ferry's, where Velero's Restores live) and the name`,
          instance: req.path,
        });
        return;
      }
      res.json(view);
    });
  };
}
