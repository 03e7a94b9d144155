// The HTTP API guard against the environment's real kube-apiserver: tokens checked with
// TokenReviews, routes with SubjectAccessReviews, a ServiceAccount's token from the TokenRequest
// API, and a grant given and taken away with a RoleBinding.
import {
  adminHeaders,
  createTestNamespace,
  deleteTestNamespace,
  eventuallyPasses,
  loadEnvironmentInfo,
  serviceAccountToken,
} from '@ferry/devenv/testing';
import { createKubeClient, type KubeClient } from '@ferry/kube';
import { silentLogger } from '@ferry/logger';
import { createApiAccess, defaultOpenPaths, ferryApiGroup, startHttpServer, type HttpServer, type RouteAccessRule } from '../src/index';

const rules: RouteAccessRule[] = [
  {
    path: '/v1/things/:namespace/:name',
    resource: { group: ferryApiGroup, resource: 'things', namespace: { param: 'namespace' }, name: { param: 'name' } },
  },
];

describe('api access - bearer tokens reviewed by the real API server', () => {
  let kube: KubeClient;
  let namespace: string;
  let http: HttpServer;
  let callerToken: string;

  beforeAll(async () => {
    kube = createKubeClient({ kind: 'file', kubeconfigPath: loadEnvironmentInfo().kubeconfigPath });
    namespace = await createTestNamespace(kube, 'api-access');
    callerToken = await serviceAccountToken(kube, namespace, 'caller');
    http = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      access: {
        // A denial is kept half a second here (10 s in production), so the new grant shows quickly.
        api: createApiAccess({
          config: { mode: 'kubernetes', openPaths: defaultOpenPaths },
          requester: kube.requester,
          cache: { authenticatedTtlMs: 60_000, unauthenticatedTtlMs: 500, allowedTtlMs: 500, deniedTtlMs: 500, maxEntries: 64 },
        }),
        rules,
        namespace: 'velero',
      },
      routes: (app) => app.get('/v1/things/:namespace/:name', (req, res) => res.json({ thing: req.params['name'] })),
      isReady: () => true,
    });
  });
  afterAll(async () => {
    await http?.close();
    await kube.requester
      .request({ method: 'DELETE', path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings/caller-reads` })
      .catch(() => undefined);
    await deleteTestNamespace(kube, namespace);
  });

  const get = async (path: string, token?: string) => {
    const response = await fetch(`${http.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { status: response.status, body: (await response.json()) as { detail?: string; thing?: string } };
  };

  it('answers 401 without a token, and for a token the API server does not know', async () => {
    expect(await get(`/v1/things/${namespace}/t1`)).toMatchObject({
      status: 401,
      body: { detail: expect.stringMatching(/^no bearer token/) },
    });
    const forged = await get(`/v1/things/${namespace}/t1`, `${callerToken.slice(0, -4)}AAAA`);
    expect(forged).toMatchObject({ status: 401, body: { detail: expect.stringContaining('not accepted by the Kubernetes API server') } });
    expect(JSON.stringify(forged.body)).not.toContain(callerToken.slice(0, 40));
  });

  it('keeps the probes open', async () => {
    expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${http.url}/readyz`)).status).toBe(200);
  });

  it('answers 403 naming the user, verb and resource to a ServiceAccount without the grant, then 200 once a RoleBinding grants it', async () => {
    const denied = await get(`/v1/things/${namespace}/t1`, callerToken);
    expect(denied).toEqual({
      status: 403,
      body: expect.objectContaining({
        detail: expect.stringContaining(
          `user "system:serviceaccount:${namespace}:caller" may not get ferry.io things "t1" in namespace "${namespace}"`,
        ),
      }),
    });

    await kube.requester.request({
      method: 'POST',
      path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/roles`,
      body: { metadata: { name: 'thing-reader' }, rules: [{ apiGroups: [ferryApiGroup], resources: ['things'], verbs: ['get'] }] },
    });
    await kube.requester.request({
      method: 'POST',
      path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`,
      body: {
        metadata: { name: 'caller-reads' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'thing-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'caller', namespace }],
      },
    });
    await eventuallyPasses(
      async () => expect(await get(`/v1/things/${namespace}/t1`, callerToken)).toEqual({ status: 200, body: { thing: 't1' } }),
      10_000,
    );

    // The grant is for this namespace only: the same route about another namespace stays forbidden.
    expect((await get('/v1/things/other/t1', callerToken)).status).toBe(403);
    // And for that verb: a DELETE on the route asks for delete.
    const deletion = await fetch(`${http.url}/v1/things/${namespace}/t1`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${callerToken}` },
    });
    expect([deletion.status, ((await deletion.json()) as { detail: string }).detail]).toEqual([
      403,
      expect.stringContaining('may not delete ferry.io things "t1"'),
    ]);
  });

  it('stops allowing once the RoleBinding is gone, after the short cache', async () => {
    await kube.requester.request({
      method: 'DELETE',
      path: `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings/caller-reads`,
    });
    await eventuallyPasses(async () => expect((await get(`/v1/things/${namespace}/t1`, callerToken)).status).toBe(403), 10_000);
  });

  it('lets the cluster admin through', async () => {
    const response = await fetch(`${http.url}/v1/things/${namespace}/t2`, { headers: await adminHeaders() });
    expect(await response.json()).toEqual({ thing: 't2' });
  });
});
