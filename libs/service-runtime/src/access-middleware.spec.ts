import type { AccessAttributes } from '@ferry/kube';
import { createLogger } from '@ferry/logger';
import { callerOf } from './access-middleware';
import type { AccessDecision, ApiAccess } from './api-access';
import { startHttpServer, type HttpServer } from './http-server';
import type { RouteAccessRule } from './route-access';

const alice = { username: 'alice', groups: ['team'], extra: { 'authentication.kubernetes.io/node-name': ['node-1'] } };

/** A guard that answers by token: `ok` allowed, `nope` forbidden, `down` unavailable, anything else unauthenticated. */
function fakeGuard(openPaths: readonly string[]): ApiAccess & { readonly asked: AccessAttributes[] } {
  const asked: AccessAttributes[] = [];
  const answers: Record<string, AccessDecision> = {
    'Bearer ok': { outcome: 'allowed', user: alice },
    'Bearer nope': { outcome: 'forbidden', username: 'bob', detail: 'user "bob" may not get ferry.io movejobs in namespace "velero"' },
    'Bearer down': { outcome: 'unavailable', detail: 'cannot check now; retry later', cause: new Error('API server down') },
  };
  return {
    asked,
    isOpen: (path) => openPaths.includes(path),
    decide: (authorization, attributes) => {
      asked.push(attributes);
      return Promise.resolve(answers[authorization ?? ''] ?? { outcome: 'unauthenticated', detail: 'no bearer token' });
    },
  };
}

const rules: RouteAccessRule[] = [{ path: '/v1/jobs', resource: { group: 'ferry.io', resource: 'movejobs' } }];

describe('access-middleware - through startHttpServer', () => {
  const logger = createLogger({ name: 'test', level: 'silent' });
  let server: HttpServer | undefined;
  let guard: ReturnType<typeof fakeGuard>;
  let handled = 0;
  beforeEach(async () => {
    handled = 0;
    guard = fakeGuard(['/healthz', '/readyz', '/open/caller']);
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger,
      access: { api: guard, rules, namespace: 'velero' },
      routes: (app) => {
        app.get('/v1/jobs', (_req, res) => {
          handled += 1;
          res.json({ jobs: [] });
        });
        app.post('/v1/jobs', (req, res) => res.json({ echoed: req.body as unknown }));
        app.get(['/v1/caller', '/open/caller'], (_req, res) => res.json({ caller: callerOf(res) ?? null }));
      },
      isReady: () => true,
      metricsEndpoint: { serve: (_req, res) => res.end('up 1\n') },
    });
  });
  afterEach(async () => {
    await server?.close();
  });
  const call = (path: string, init: RequestInit = {}) => fetch(`${server?.url}${path}`, init);
  const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

  it('serves the open paths without asking the guard', async () => {
    expect((await call('/healthz')).status).toBe(200);
    expect((await call('/readyz')).status).toBe(200);
    expect(guard.asked).toEqual([]);
  });

  it.each([
    ['no token', {}, 401, 'no bearer token'],
    ['a forbidden token', bearer('nope'), 403, 'user "bob" may not get ferry.io movejobs in namespace "velero"'],
    ['a review that cannot be made', bearer('down'), 503, 'cannot check now; retry later'],
  ])('answers %s with a %i problem and never reaches the route', async (_case, init, status, detail) => {
    const response = await call('/v1/jobs', init);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status, detail });
    expect(response.headers.get('www-authenticate')).toBe(status === 401 ? 'Bearer' : null);
    expect(handled).toBe(0);
  });

  it('lets an allowed caller through, asking for the route resource with the verb of the method', async () => {
    const response = await call('/v1/jobs', bearer('ok'));
    expect(await response.json()).toEqual({ jobs: [] });
    expect(guard.asked).toEqual([{ kind: 'resource', verb: 'get', group: 'ferry.io', resource: 'movejobs', namespace: 'velero' }]);
  });

  it('gives the route the allowed caller as the review named it, and no caller on an open path', async () => {
    expect(await (await call('/v1/caller', bearer('ok'))).json()).toEqual({ caller: alice });
    expect(await (await call('/open/caller')).json()).toEqual({ caller: null });
  });

  it('checks a path express routes case-insensitively or with a trailing slash under the same rule', async () => {
    const response = await call('/V1/Jobs/', bearer('ok'));
    expect(await response.json()).toEqual({ jobs: [] });
    expect(guard.asked.at(-1)).toMatchObject({ kind: 'resource', resource: 'movejobs' });
  });

  it('guards /metrics when it is not an open path, as a non-resource URL', async () => {
    expect((await call('/metrics')).status).toBe(401);
    expect(await (await call('/metrics', bearer('ok'))).text()).toBe('up 1\n');
    expect(guard.asked.at(-1)).toEqual({ kind: 'non-resource', verb: 'get', path: '/metrics' });
  });

  it('checks the caller before reading a body: a malformed body from no one is 401, not 400', async () => {
    const body = { method: 'POST', body: '{not json', headers: { 'content-type': 'application/json' } };
    expect((await call('/v1/jobs', body)).status).toBe(401);
    const allowed = await call('/v1/jobs', { ...body, headers: { ...body.headers, authorization: 'Bearer ok' } });
    expect(allowed.status).toBe(400);
    expect(guard.asked.at(-1)).toMatchObject({ verb: 'create', resource: 'movejobs' });
  });

  it('guards unknown paths too: no token is 401 rather than a 404 that maps the API', async () => {
    expect((await call('/v1/nothing')).status).toBe(401);
    expect((await call('/v1/nothing', bearer('ok'))).status).toBe(404);
  });
});
