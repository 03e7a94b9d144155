// Any API object created, read and patched through the API server's REST paths (the restore
// creates whatever kinds the backup holds), over @ferry/kube's raw requester.
import { hasKubeErrorCode, KubeErrorCode, sleepUnlessAborted, type ApiRequester } from '@ferry/kube';
import type { ItemJson } from '@ferry/restore';

/** Where an object lives: its group, version, plural resource and scope. */
export interface ApiResourceRef {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly namespaced: boolean;
}

/** The REST path of `ref` in `namespace` (ignored for cluster-scoped kinds), optionally of one object. Pure. */
export function apiObjectPath(ref: ApiResourceRef, namespace: string, name?: string): string {
  const root = ref.group === '' ? `/api/${ref.version}` : `/apis/${ref.group}/${ref.version}`;
  const scope = ref.namespaced ? `${root}/namespaces/${encodeURIComponent(namespace)}` : root;
  return `${scope}/${ref.resource}${name === undefined ? '' : `/${encodeURIComponent(name)}`}`;
}

/** Creates, reads and patches objects; every call rejects with the API's `KubeError`. */
export interface ApiObjectClient {
  create(ref: ApiResourceRef, namespace: string, body: ItemJson, signal?: AbortSignal): Promise<ItemJson>;
  get(ref: ApiResourceRef, namespace: string, name: string, signal?: AbortSignal): Promise<ItemJson>;
  /** The items of `ref` in `namespace` that `labelSelector` selects. */
  list(ref: ApiResourceRef, namespace: string, labelSelector: string, signal?: AbortSignal): Promise<ItemJson[]>;
  /** Deletes one object. */
  remove(ref: ApiResourceRef, namespace: string, name: string, signal?: AbortSignal): Promise<void>;
  /** A JSON merge patch (an object: RFC 7386 patches of other JSON values replace the whole object). */
  mergePatch(ref: ApiResourceRef, namespace: string, name: string, patch: object, signal?: AbortSignal): Promise<ItemJson>;
  /** PUT of the `status` subresource (rejects when the kind has none). */
  replaceStatus(ref: ApiResourceRef, namespace: string, name: string, body: ItemJson, signal?: AbortSignal): Promise<ItemJson>;
  /** API requests made so far. */
  requests(): number;
}

/** Retries of a request the API server's priority and fairness turned away (429), with doubling waits from 250 ms. */
const throttledRetries = 5;

/** A client over `requester`; a 429 answer is retried after a wait instead of failing the item. */
export function createApiObjectClient(requester: ApiRequester): ApiObjectClient {
  let count = 0;
  const call = async <T>(request: Parameters<ApiRequester['request']>[0]): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      count++;
      try {
        return await requester.request<T>(request);
      } catch (error) {
        if (attempt >= throttledRetries || !hasKubeErrorCode(error, KubeErrorCode.TooManyRequests) || !request.signal) throw error;
        await sleepUnlessAborted(250 * 2 ** attempt, request.signal);
      }
    }
  };
  return {
    create: (ref, namespace, body, signal) => call({ method: 'POST', path: apiObjectPath(ref, namespace), body, signal }),
    get: (ref, namespace, name, signal) => call({ method: 'GET', path: apiObjectPath(ref, namespace, name), signal }),
    list: async (ref, namespace, labelSelector, signal) =>
      (await call<{ items?: ItemJson[] }>({ method: 'GET', path: apiObjectPath(ref, namespace), query: { labelSelector }, signal }))
        .items ?? [],
    remove: async (ref, namespace, name, signal) => {
      await call({ method: 'DELETE', path: apiObjectPath(ref, namespace, name), signal });
    },
    mergePatch: (ref, namespace, name, patch, signal) =>
      call({
        method: 'PATCH',
        path: apiObjectPath(ref, namespace, name),
        body: patch,
        contentType: 'application/merge-patch+json',
        signal,
      }),
    replaceStatus: (ref, namespace, name, body, signal) =>
      call({ method: 'PUT', path: `${apiObjectPath(ref, namespace, name)}/status`, body, signal }),
    requests: () => count,
  };
}
