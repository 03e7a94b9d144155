import { KubeErrorCode } from './errors';
import { fencedKubeClient } from './write-fence';
import { unreachableConfig } from './testing/unreachable-config';

describe('write fence', () => {
  it('refuses writes while not leader, before anything is sent, for raw and typed clients alike', async () => {
    const client = fencedKubeClient(unreachableConfig(), () => false);
    await expect(client.requester.request({ method: 'POST', path: '/api/v1/namespaces/a/configmaps', body: {} })).rejects.toMatchObject({
      code: KubeErrorCode.NotLeader,
      message: expect.stringContaining('POST /api/v1/namespaces/a/configmaps refused: this replica is not the leader'),
    });
    await expect(client.core.deleteNamespacedPod({ namespace: 'a', name: 'p' })).rejects.toMatchObject({ code: KubeErrorCode.NotLeader });
  });

  it('refuses a raw write right after a read, when the credentials are already applied', async () => {
    const client = fencedKubeClient(unreachableConfig(), () => false);
    await expect(client.requester.request({ method: 'GET', path: '/api/v1/namespaces' })).rejects.toMatchObject({
      code: KubeErrorCode.Unavailable,
    });
    await expect(client.requester.request({ method: 'PATCH', path: '/api/v1/namespaces/a', body: {} })).rejects.toMatchObject({
      code: KubeErrorCode.NotLeader,
      message: expect.stringContaining('PATCH /api/v1/namespaces/a refused: this replica is not the leader'),
    });
  });

  it('lets reads through, and writes once leader', async () => {
    let leader = false;
    const client = fencedKubeClient(unreachableConfig(), () => leader);
    await expect(client.requester.request({ method: 'GET', path: '/api/v1/namespaces' })).rejects.toMatchObject({
      code: KubeErrorCode.Unavailable,
    });
    leader = true;
    await expect(client.requester.request({ method: 'POST', path: '/api/v1/namespaces', body: {} })).rejects.toMatchObject({
      code: KubeErrorCode.Unavailable,
    });
  });
});
