// The volume-info HTTP API (mounted by service-runtime's startHttpServer, which adds /healthz and
// /readyz). Every failure under /v1 is an RFC 9457 problem (`application/problem+json`): unknown
// Backup/Restore/claim 404, not finished 409, store unavailable 503, malformed path 400, unknown
// path 404, wrong method 405.
import { ferryApiGroup, problemContentType, type RouteAccessRule } from '@ferry/service-runtime';
import type { Express, Request, Response } from 'express';
import { VolumeInfoError, VolumeInfoErrorCode } from './errors';
import { problemOf } from './problem-details';
import type { VolumeInfoQuery, VolumeQueryAnswerer } from './volume-query';

/** Paths of the HTTP API (express patterns). */
export const VolumeInfoHttpPath = {
  BackupVolumes: '/v1/backups/:namespace/:name/volumes',
  RestoreVolumes: '/v1/restores/:namespace/:name/volumes',
  ClaimHistory: '/v1/claims/:namespace/:pvc/history',
} as const;

/**
 * The permission each route needs (`get`), named by the object the answer is about: a Backup's or
 * Restore's volumes in its namespace, a claim's history in the claim's namespace (so a team can
 * be granted its own claims' history only). ClusterRole `ferry-api-reader` grants them.
 */
export const volumeInfoRouteAccess: readonly RouteAccessRule[] = [
  {
    path: VolumeInfoHttpPath.BackupVolumes,
    resource: {
      group: ferryApiGroup,
      resource: 'backups',
      subresource: 'volumes',
      namespace: { param: 'namespace' },
      name: { param: 'name' },
    },
  },
  {
    path: VolumeInfoHttpPath.RestoreVolumes,
    resource: {
      group: ferryApiGroup,
      resource: 'restores',
      subresource: 'volumes',
      namespace: { param: 'namespace' },
      name: { param: 'name' },
    },
  },
  {
    path: VolumeInfoHttpPath.ClaimHistory,
    resource: {
      group: ferryApiGroup,
      resource: 'claims',
      subresource: 'history',
      namespace: { param: 'namespace' },
      name: { param: 'pvc' },
    },
  },
];

// Kubernetes names: a namespace is a DNS label, Backups, Restores and claims DNS subdomains.
const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const dnsSubdomain = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function pathParam(req: Request, param: string, pattern: RegExp, what: string): string {
  const value = req.params[param];
  if (typeof value === 'string' && pattern.test(value)) return value;
  throw new VolumeInfoError(
    VolumeInfoErrorCode.BadRequest,
    `path segment ${param} ${JSON.stringify(value ?? '')} is not a valid ${what}: use lower-case letters, digits, '-'${pattern === dnsSubdomain ? " and '.'" : ''}`,
  );
}

function sendProblem(res: Response, error: unknown, instance: string, headers: Record<string, string> = {}): void {
  const problem = problemOf(error, instance);
  res
    .status(problem.status)
    .set({ ...headers, 'Content-Type': problemContentType })
    .send(JSON.stringify(problem));
}

/** Adds the routes: each parses its path, asks `answerer`, answers JSON or a problem. */
export function volumeInfoRoutes(
  answerer: VolumeQueryAnswerer,
  onInternalError: (error: unknown, path: string) => void,
): (app: Express) => void {
  const route = (queryOf: (req: Request) => VolumeInfoQuery) => async (req: Request, res: Response) => {
    const abort = new AbortController();
    res.once('close', () => abort.abort());
    try {
      res.json(await answerer.answer(queryOf(req), abort.signal));
    } catch (error) {
      if (!(error instanceof VolumeInfoError)) onInternalError(error, req.path);
      sendProblem(res, error, req.originalUrl);
    }
  };
  const ref = (req: Request) => ({
    namespace: pathParam(req, 'namespace', dnsLabel, 'namespace name'),
    name: pathParam(req, 'name', dnsSubdomain, 'object name'),
  });
  return (app) => {
    app.get(
      VolumeInfoHttpPath.BackupVolumes,
      route((req) => ({ kind: 'backup-volumes', ...ref(req) })),
    );
    app.get(
      VolumeInfoHttpPath.RestoreVolumes,
      route((req) => ({ kind: 'restore-volumes', ...ref(req) })),
    );
    app.get(
      VolumeInfoHttpPath.ClaimHistory,
      route((req) => ({
        kind: 'claim-history',
        namespace: pathParam(req, 'namespace', dnsLabel, 'namespace name'),
        pvc: pathParam(req, 'pvc', dnsSubdomain, 'claim name'),
      })),
    );
    for (const path of Object.values(VolumeInfoHttpPath)) {
      app.all(path, (req, res) => {
        const error = new VolumeInfoError(VolumeInfoErrorCode.MethodNotAllowed, `${req.method} is not supported on ${req.path}; use GET`);
        sendProblem(res, error, req.originalUrl, { Allow: 'GET' });
      });
    }
    app.use('/v1', (req, res) => {
      const paths = Object.values(VolumeInfoHttpPath).join(', ');
      sendProblem(
        res,
        new VolumeInfoError(VolumeInfoErrorCode.NoRoute, `no route for ${req.method} ${req.originalUrl}; the API serves ${paths}`),
        req.originalUrl,
      );
    });
  };
}
