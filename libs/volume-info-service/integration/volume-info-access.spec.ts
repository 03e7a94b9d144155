// Who may read volume info (world: volume-info-harness.ts): a ServiceAccount's token is refused
// until a RoleBinding gives it deploy/base's ferry-api-reader ClusterRole in Ferry's namespace;
// that grant reads the Backups' and Restores' volumes there, not a claim history of another namespace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { eventuallyPasses, serviceAccountToken } from '@ferry/devenv/testing';
import { appNamespace } from './volume-info-fixtures';
import { startVolumeInfoHarness, type VolumeInfoHarness } from './volume-info-harness';

const rbacPath = '/apis/rbac.authorization.k8s.io/v1';

/** The rules of ClusterRole `name` as deploy/base/api-access-rbac.yaml defines it. */
function deployedRules(name: string): unknown {
  const file = readFileSync(join(__dirname, '..', '..', '..', 'deploy', 'base', 'api-access-rbac.yaml'), 'utf8');
  const role = parseAllDocuments(file)
    .map((document) => document.toJSON() as { kind: string; metadata: { name: string }; rules: unknown })
    .find((object) => object.kind === 'ClusterRole' && object.metadata.name === name);
  if (!role) throw new Error(`deploy/base/api-access-rbac.yaml has no ClusterRole ${name}`);
  return role.rules;
}

describe('volume-info service - API access', () => {
  let harness: VolumeInfoHarness;
  let token = '';
  let readerRole = '';

  beforeAll(async () => {
    harness = await startVolumeInfoHarness('volinfo-access');
    token = await serviceAccountToken(harness.kube, harness.namespace, 'platform-dashboard');
    // Cluster-scoped: a name of this run's own, removed afterwards.
    readerRole = `ferry-api-reader-${harness.namespace}`;
    await harness.kube.requester.request({
      method: 'POST',
      path: `${rbacPath}/clusterroles`,
      body: { metadata: { name: readerRole }, rules: deployedRules('ferry-api-reader') },
    });
  });

  afterAll(async () => {
    await harness?.kube.requester.request({ method: 'DELETE', path: `${rbacPath}/clusterroles/${readerRole}` }).catch(() => undefined);
    await harness?.stop();
  });

  const get = async (path: string, bearer?: string) => {
    const response = await fetch(`${harness.service.httpUrl}${path}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});
    return { status: response.status, body: (await response.json()) as { detail?: string } };
  };

  it('answers 401 without a token and 403 naming the permission to a token without the grant', async () => {
    const path = `/v1/backups/${harness.namespace}/b1/volumes`;
    expect((await get(path)).status).toBe(401);
    expect(await get(path, token)).toEqual({
      status: 403,
      body: expect.objectContaining({
        detail: expect.stringContaining(
          `user "system:serviceaccount:${harness.namespace}:platform-dashboard" may not get ferry.io backups/volumes "b1" in namespace "${harness.namespace}"`,
        ),
      }),
    });
  });

  it("serves a Backup's and a Restore's volumes once ferry-api-reader is bound in Ferry's namespace, but no other namespace's claim history", async () => {
    await harness.kube.requester.request({
      method: 'POST',
      path: `${rbacPath}/namespaces/${harness.namespace}/rolebindings`,
      body: {
        metadata: { name: 'dashboard-reads-ferry' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: readerRole },
        subjects: [{ kind: 'ServiceAccount', name: 'platform-dashboard', namespace: harness.namespace }],
      },
    });
    await eventuallyPasses(async () => {
      const backup = await get(`/v1/backups/${harness.namespace}/b1/volumes`, token);
      expect([backup.status, backup.body]).toEqual([200, (await harness.get(`/v1/backups/${harness.namespace}/b1/volumes`)).body]);
    }, 20_000);
    expect((await get(`/v1/restores/${harness.namespace}/r1/volumes`, token)).status).toBe(200);
    const history = await get(`/v1/claims/${appNamespace}/data/history`, token);
    expect([history.status, history.body.detail]).toEqual([
      403,
      expect.stringContaining(`may not get ferry.io claims/history "data" in namespace "${appNamespace}"`),
    ]);
  });
});
