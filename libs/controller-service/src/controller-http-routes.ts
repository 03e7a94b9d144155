// The controller's HTTP API (mounted by service-runtime's startHttpServer, which adds /healthz,
// /readyz and JSON error answers): the data-path operations in flight.
import type { Express } from 'express';

/** Paths of the HTTP API. */
export const ControllerHttpPath = { Operations: '/v1/operations' } as const;

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

/** Adds `GET /v1/operations` (200 `{operations: [...]}`, live resources only, by kind then name). */
export function controllerRoutes(operations: () => readonly OperationView[]): (app: Express) => void {
  return (app) => {
    app.get(ControllerHttpPath.Operations, (_req, res) => {
      res.json({ operations: operations() });
    });
  };
}
