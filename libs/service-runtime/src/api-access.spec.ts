import type { AccessAttributes, ApiRequest, ApiRequester } from '@ferry/kube';
import { createApiAccess, openApiAccess, type ReviewCacheSettings } from './api-access';

const attributes: AccessAttributes = { kind: 'resource', verb: 'get', group: 'ferry.io', resource: 'movejobs', namespace: 'velero' };
const cache: ReviewCacheSettings = {
  authenticatedTtlMs: 60_000,
  unauthenticatedTtlMs: 10_000,
  allowedTtlMs: 60_000,
  deniedTtlMs: 10_000,
  maxEntries: 8,
};

/** An API server that knows token `alice-token` (allowed) and `bob-token` (denied); `down` makes every review fail. */
function fakeApiServer() {
  const calls: ApiRequest[] = [];
  const state = { down: false, bobAllowed: false };
  const requester: ApiRequester = {
    request: <T>(request: ApiRequest): Promise<T> => {
      calls.push(request);
      if (state.down) return Promise.reject(new Error('POST tokenreviews: API server unreachable'));
      const body = request.body as { spec: { token?: string; user?: string } };
      if (request.path.endsWith('/tokenreviews')) {
        const user = { 'alice-token': 'alice', 'bob-token': 'bob' }[body.spec.token ?? ''];
        const status = user
          ? { authenticated: true, user: { username: user, groups: ['system:authenticated'] } }
          : { authenticated: false, error: `invalid bearer token ${body.spec.token ?? ''}` };
        return Promise.resolve({ status } as T);
      }
      const allowed = body.spec.user === 'alice' || state.bobAllowed;
      return Promise.resolve({ status: { allowed, ...(allowed ? { reason: 'RBAC: allowed by RoleBinding "r"' } : {}) } } as T);
    },
  };
  return { calls, state, requester };
}

const guardOver = (server: ReturnType<typeof fakeApiServer>, clock: { now: number }) =>
  createApiAccess({ config: { mode: 'kubernetes', openPaths: ['/healthz'] }, requester: server.requester, cache, now: () => clock.now });

describe('api-access - createApiAccess', () => {
  it.each([
    [undefined, 'unauthenticated', /^no bearer token/],
    ['Basic YWxpY2U6cHc=', 'unauthenticated', /^no bearer token/],
    ['Bearer stolen-token', 'unauthenticated', /not accepted by the Kubernetes API server \(TokenReview\): invalid bearer token <token>$/],
    ['Bearer bob-token', 'forbidden', /^user "bob" may not get ferry\.io movejobs in namespace "velero": bind a Role or ClusterRole/],
    ['Bearer alice-token', 'allowed', undefined],
  ])('%s -> %s', async (header, outcome, detail) => {
    const decision = await guardOver(fakeApiServer(), { now: 0 }).decide(header, attributes);
    expect(decision.outcome).toBe(outcome);
    if (detail) expect(decision).toMatchObject({ detail: expect.stringMatching(detail) });
  });

  it('sends the reviews the API server expects', async () => {
    const server = fakeApiServer();
    await guardOver(server, { now: 0 }).decide('Bearer alice-token', attributes);
    expect(server.calls.map((call) => [call.method, call.path, call.body])).toEqual([
      [
        'POST',
        '/apis/authentication.k8s.io/v1/tokenreviews',
        { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: 'alice-token' } },
      ],
      [
        'POST',
        '/apis/authorization.k8s.io/v1/subjectaccessreviews',
        {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SubjectAccessReview',
          spec: {
            user: 'alice',
            groups: ['system:authenticated'],
            resourceAttributes: { verb: 'get', group: 'ferry.io', resource: 'movejobs', namespace: 'velero' },
          },
        },
      ],
    ]);
  });

  it('answers again from its caches until the TTLs pass: allowed for a minute, denied for seconds', async () => {
    const server = fakeApiServer();
    const clock = { now: 0 };
    const guard = guardOver(server, clock);
    for (let i = 0; i < 5; i += 1) await guard.decide('Bearer alice-token', attributes);
    expect(server.calls).toHaveLength(2);
    await guard.decide('Bearer bob-token', attributes);
    server.state.bobAllowed = true;
    clock.now = 9_000;
    expect((await guard.decide('Bearer bob-token', attributes)).outcome).toBe('forbidden');
    clock.now = 10_000;
    expect((await guard.decide('Bearer bob-token', attributes)).outcome).toBe('allowed');
    clock.now = 60_000;
    const before = server.calls.length;
    await guard.decide('Bearer alice-token', attributes);
    expect(server.calls.length - before).toBe(2);
  });

  it('caches a permission per user and attributes, not per token', async () => {
    const server = fakeApiServer();
    const guard = guardOver(server, { now: 0 });
    await guard.decide('Bearer alice-token', attributes);
    await guard.decide('Bearer alice-token', { ...attributes, verb: 'delete' });
    expect(server.calls.filter((call) => call.path.endsWith('subjectaccessreviews'))).toHaveLength(2);
  });

  it('answers unavailable when a review fails, and asks again next time (failures are not cached)', async () => {
    const server = fakeApiServer();
    const guard = guardOver(server, { now: 0 });
    server.state.down = true;
    expect(await guard.decide('Bearer alice-token', attributes)).toMatchObject({
      outcome: 'unavailable',
      detail: expect.stringMatching(/retry later$/),
    });
    server.state.down = false;
    expect((await guard.decide('Bearer alice-token', attributes)).outcome).toBe('allowed');
  });

  it('names its open paths', () => {
    const guard = guardOver(fakeApiServer(), { now: 0 });
    expect([guard.isOpen('/healthz'), guard.isOpen('/readyz'), guard.isOpen('/v1/jobs')]).toEqual([true, false, false]);
  });

  it('is the open guard in mode none', async () => {
    const guard = createApiAccess({ config: { mode: 'none', openPaths: [] }, requester: fakeApiServer().requester });
    expect(guard).toBe(openApiAccess);
    expect(await guard.decide(undefined, attributes)).toEqual({ outcome: 'allowed' });
  });
});
