import { KubeError, KubeErrorCode, type ApiRequest } from '@ferry/kube';
import { apiObjectPath, createApiObjectClient } from './api-object-client';

describe('apiObjectPath', () => {
  it.each([
    [{ group: '', version: 'v1', resource: 'configmaps', namespaced: true }, 'app', 'c', '/api/v1/namespaces/app/configmaps/c'],
    [
      { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true },
      'app',
      undefined,
      '/apis/apps/v1/namespaces/app/deployments',
    ],
    [{ group: '', version: 'v1', resource: 'persistentvolumes', namespaced: false }, 'ignored', 'pv-1', '/api/v1/persistentvolumes/pv-1'],
  ])('%j in %s', (ref, namespace, name, path) => {
    expect(apiObjectPath(ref, namespace, name)).toBe(path);
  });
});

describe('createApiObjectClient', () => {
  const ref = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };

  it('retries a request turned away with 429 and counts every request', async () => {
    const seen: ApiRequest[] = [];
    let refusals = 2;
    const client = createApiObjectClient({
      request: async <T>(request: ApiRequest): Promise<T> => {
        seen.push(request);
        if (refusals-- > 0) throw new KubeError(KubeErrorCode.TooManyRequests, 'too many requests');
        return { ok: true } as T;
      },
    });
    await expect(client.create(ref, 'app', { metadata: { name: 'c' } }, new AbortController().signal)).resolves.toEqual({ ok: true });
    expect(seen.map((request) => `${request.method} ${request.path}`)).toEqual(Array(3).fill('POST /api/v1/namespaces/app/configmaps'));
    expect(client.requests()).toBe(3);
  });

  it('sends merge patches with their content type and fails other errors at once', async () => {
    const seen: ApiRequest[] = [];
    const client = createApiObjectClient({
      request: async (request: ApiRequest) => {
        seen.push(request);
        throw new KubeError(KubeErrorCode.Conflict, 'conflict');
      },
    });
    await expect(client.mergePatch(ref, 'app', 'c', { data: {} }, new AbortController().signal)).rejects.toMatchObject({
      code: KubeErrorCode.Conflict,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.contentType).toBe('application/merge-patch+json');
  });
});
