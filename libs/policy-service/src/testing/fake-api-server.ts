// An in-memory stand-in for the API server's read paths (GET object, paginated list), for unit
// tests of the planner. Integration tests use the real API server instead.
import { KubeError, KubeErrorCode, type ApiRequest, type ApiRequester } from '@ferry/kube';

interface StoredObject {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
}

/** A fake API server: add objects by resource plural, read them through `requester`. */
export interface FakeApiServer {
  readonly requester: ApiRequester;
  /** Paths requested, in order (`GET /api/v1/pods?limit=500`). */
  readonly requests: string[];
  add(plural: string, ...objects: StoredObject[]): FakeApiServer;
}

/** Builds an empty fake API server. */
export function fakeApiServer(): FakeApiServer {
  const store = new Map<string, StoredObject[]>();
  const requests: string[] = [];
  const requester: ApiRequester = {
    async request<T>(request: ApiRequest): Promise<T> {
      const query = Object.entries(request.query ?? {})
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${String(v)}`);
      requests.push(`${request.method} ${request.path}${query.length ? `?${query.join('&')}` : ''}`);
      const segments = request.path.replace(/^\/apis?\/(?:[^/]+\/)?v1\//, '').split('/');
      const namespaced = segments[0] === 'namespaces' && segments.length >= 3;
      const namespace = namespaced ? segments[1] : undefined;
      const [plural = '', name] = namespaced ? segments.slice(2) : segments;
      const all = (store.get(plural) ?? []).filter((o) => namespace === undefined || o.metadata?.namespace === namespace);
      if (name !== undefined) {
        const found = all.find((o) => o.metadata?.name === name);
        if (!found) throw new KubeError(KubeErrorCode.NotFound, `GET ${request.path}: ${plural} "${name}" not found`, { status: 404 });
        return found as T;
      }
      const limit = Number(request.query?.['limit'] ?? all.length);
      const start = Number(request.query?.['continue'] ?? 0);
      const next = start + limit;
      return { items: all.slice(start, next), metadata: next < all.length ? { continue: String(next) } : {} } as T;
    },
  };
  const server: FakeApiServer = {
    requester,
    requests,
    add(plural, ...objects) {
      store.set(plural, [...(store.get(plural) ?? []), ...objects]);
      return server;
    },
  };
  return server;
}
