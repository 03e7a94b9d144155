import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Response } from 'express';
import type { Logger } from '@ferry/logger';
import { accessMiddleware, type HttpAccess } from './access-middleware';
import { mountMetrics, type MetricsEndpoint } from './metrics-endpoint';
import { problemContentType, problemOf } from './problem-details';
import { readinessProblems, type ReadinessCheck } from './readiness';

/** An HTTP error a route throws on purpose: its status and message reach the client as they are. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly logger: Logger;
  /**
   * Who may call: the guard (`ServiceContext.apiAccess`), each route's permission and the service's
   * namespace. Checked before anything else, bodies included; the guard's open paths pass unchecked.
   */
  readonly access: HttpAccess;
  /** Adds the service's routes. */
  readonly routes: (app: Express) => void;
  /** Answers `/readyz`: true when the service can take work (its caches synced, its connections up). */
  readonly isReady: () => boolean;
  /** Conditions of the connections the service needs (e.g. `natsReadiness`); `/readyz` names those that fail. */
  readonly readiness?: readonly ReadinessCheck[];
  /** Serves `GET /metrics` when given (a service's `ServiceContext.metricsEndpoint`). */
  readonly metricsEndpoint?: MetricsEndpoint | undefined;
}

/** A listening HTTP server; `close` stops accepting and waits for open requests. */
export interface HttpServer {
  readonly url: string;
  close(): Promise<void>;
}

const tracer = trace.getTracer('@ferry/service-runtime');

// A SERVER span per request, parented by the caller's W3C trace context when it sends one.
const traceRequests: RequestHandler = (req, res, next) => {
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer.startSpan(
    `${req.method} ${req.path}`,
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } },
    parent,
  );
  res.on('finish', () => {
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  context.with(trace.setSpan(parent, span), next);
};

function sendProblem(res: Response, status: number, detail: string, details?: unknown): void {
  res
    .status(status)
    .type(problemContentType)
    .send(JSON.stringify(problemOf(status, detail, details)));
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof HttpError) {
      sendProblem(res, error.status, error.message, error.details);
      return;
    }
    // express.json() rejects malformed bodies with a status of 400 or 413.
    const status =
      typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : 500;
    if (status < 500) {
      sendProblem(res, status, `request body: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    logger.error({ err: error, path: req.path }, 'request failed');
    sendProblem(res, 500, 'internal error; see the service log');
  };
}

/**
 * Starts an express server that first checks the caller (`access`: 401/403/503 problems, see
 * `accessMiddleware`), then serves JSON bodies (1 MiB), a trace span per request, `GET /healthz`
 * (process alive), `GET /readyz` (503 until `isReady` and while a `readiness` check fails, with its
 * reasons), `GET /metrics` (when `metricsEndpoint` is given), the service's routes, and errors as
 * RFC 9457 problem documents (`application/problem+json`, see `problemOf`): an {@link HttpError}
 * keeps its status, message and details, other failures are logged and answered 500.
 * Resolves once listening.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const app = express();
  app.disable('x-powered-by');
  app.use(accessMiddleware(options.access, options.logger));
  if (options.metricsEndpoint) mountMetrics(app, options.metricsEndpoint);
  app.use(traceRequests);
  app.use(express.json({ limit: '1mb' }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const reasons = readinessProblems(options.readiness ?? []);
    const ready = options.isReady() && reasons.length === 0;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', ...(reasons.length === 0 ? {} : { reasons }) });
  });
  options.routes(app);
  app.use((req, res) => sendProblem(res, 404, `no route for ${req.method} ${req.path}`));
  app.use(errorHandler(options.logger));

  const server: Server = createServer(app);
  let closing = false;
  // `close` waits for every connection to end, and a keep-alive client that polls faster than the
  // keep-alive timeout (a readiness probe) never lets one go idle: once closing, each answer ends
  // its connection, and a connection whose answer was in flight is closed as soon as it is idle.
  server.prependListener('request', (_req, res: ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    res.once('finish', () => {
      if (closing) server.closeIdleConnections();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
