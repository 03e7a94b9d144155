import { createLogger } from '@ferry/logger';
import { openApiAccess } from './api-access';
import { startHttpServer, type HttpServer } from './http-server';
import type { MetricsEndpoint } from './metrics-endpoint';

describe('http server - /metrics', () => {
  const logger = createLogger({ name: 'test', level: 'silent' });
  let server: HttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const start = async (metricsEndpoint?: MetricsEndpoint): Promise<string> => {
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger,
      access: { api: openApiAccess, rules: [], namespace: 'velero' },
      routes: () => undefined,
      isReady: () => true,
      metricsEndpoint,
    });
    return server.url;
  };

  it('answers GET /metrics through the endpoint beside the health routes', async () => {
    const url = await start({
      serve: (_req, res) => {
        res.setHeader('content-type', 'text/plain; version=0.0.4');
        res.end('# TYPE up gauge\nup 1\n');
      },
    });
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toBe('# TYPE up gauge\nup 1\n');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('has no /metrics route without an endpoint', async () => {
    const url = await start();
    expect((await fetch(`${url}/metrics`)).status).toBe(404);
  });
});
