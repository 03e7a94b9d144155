// The controller's HTTP API (mounted by service-runtime's startHttpServer, which adds /healthz,
// /readyz and JSON error answers): the data-path operations in flight and the controllers' figures.
import type { ControllerStats } from '@ferry/kube';
import { ferryApiGroup, type RouteAccessRule } from '@ferry/service-runtime';
import type { Express } from 'express';

/** Paths of the HTTP API. */
export const ControllerHttpPath = { Operations: '/v1/operations', Controllers: '/v1/controllers' } as const;

/** The permission each route needs (`get`, in the service's namespace); ClusterRole `ferry-api-reader` grants them. */
export const controllerRouteAccess: readonly RouteAccessRule[] = [
  { path: ControllerHttpPath.Operations, resource: { group: ferryApiGroup, resource: 'operations' } },
  { path: ControllerHttpPath.Controllers, resource: { group: ferryApiGroup, resource: 'controllers' } },
];

/** One live operation as `GET /v1/operations` shows it. */
export interface OperationView {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly phase: string;
  readonly node?: string;
  readonly attempt: number;
  readonly acceptedTimestamp?: string;
  readonly startTimestamp?: string;
  /** The last progress signal: bytes, rate and ETA (the status holds bytes only). */
  readonly progress?: {
    readonly bytesDone: number;
    readonly totalBytes?: number;
    readonly bytesPerSecond: number;
    readonly etaSeconds?: number;
    readonly at: string;
  };
}

/** What the routes read. */
export interface ControllerHttpViews {
  readonly operations: () => readonly OperationView[];
  readonly controllers: () => readonly ControllerStats[];
}

/**
 * Adds `GET /v1/operations` (200 `{operations: [...]}`, live resources only, by kind then name) and
 * `GET /v1/controllers` (200 `{controllers: [...]}`: per controller its queue depth, delayed and
 * processing keys, adds, retries, reconciles, failures and reconcile latency).
 */
export function controllerRoutes(views: ControllerHttpViews): (app: Express) => void {
  return (app) => {
    app.get(ControllerHttpPath.Operations, (_req, res) => {
      res.json({ operations: views.operations() });
    });
    app.get(ControllerHttpPath.Controllers, (_req, res) => {
      res.json({ controllers: views.controllers() });
    });
  };
}
