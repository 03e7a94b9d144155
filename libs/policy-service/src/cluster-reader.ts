// Reads from the API server for one plan and counts every request it makes, so a plan can report
// its cost and tests and the benchmark can assert that it does not grow with the volumes. Lists
// are paginated with `limit`/`continue` like client-go's pager.
import { isNotFound, KubeError, KubeErrorCode, resourcePath, type ApiRequester, type ResourceDescriptor } from '@ferry/kube';
import { ClusterReadError } from './errors';

/** Options of {@link createClusterReader}. */
export interface ClusterReaderOptions {
  /** `limit` of each list page. */
  readonly pageSize: number;
  /** Aborts in-flight requests (the caller gave up). */
  readonly signal?: AbortSignal;
}

/** Requests made so far, in total and per resource plural. */
export interface RequestCount {
  readonly total: number;
  readonly byResource: Readonly<Record<string, number>>;
}

/**
 * Counted reads for one plan. Every method rejects with {@link ClusterReadError} (retryable when
 * the Kubernetes error is) naming what it read; a missing object is not an error for `find`.
 */
export interface ClusterReader {
  /** The object, or `undefined` when it does not exist. One request. */
  find<T>(resource: ResourceDescriptor, namespace: string | undefined, name: string): Promise<T | undefined>;
  /** Every object of the collection (all namespaces when `namespace` is undefined). One request per page. */
  list<T>(resource: ResourceDescriptor, namespace?: string): Promise<T[]>;
  /** Requests made through this reader. */
  count(): RequestCount;
}

interface ListPage<T> {
  readonly items?: T[];
  readonly metadata?: { readonly continue?: string };
}

/** Builds a reader over `requester` (a `KubeClient`'s). Holds no connection; nothing to close. */
export function createClusterReader(requester: ApiRequester, options: ClusterReaderOptions): ClusterReader {
  let total = 0;
  const byResource: Record<string, number> = {};
  const send = async <T>(resource: ResourceDescriptor, path: string, query: Record<string, string | number | undefined>): Promise<T> => {
    total++;
    byResource[resource.plural] = (byResource[resource.plural] ?? 0) + 1;
    return requester.request<T>({ method: 'GET', path, query, ...(options.signal ? { signal: options.signal } : {}) });
  };
  const failure = (what: string, error: unknown): ClusterReadError =>
    new ClusterReadError(what, error instanceof KubeError ? error.retryable : true, { cause: error });

  const listAll = async <T>(resource: ResourceDescriptor, namespace: string | undefined): Promise<T[]> => {
    const path = resourcePath(resource, namespace);
    const items: T[] = [];
    let token: string | undefined;
    do {
      const page: ListPage<T> = await send<ListPage<T>>(resource, path, { limit: options.pageSize, continue: token });
      items.push(...(page.items ?? []));
      token = page.metadata?.continue || undefined;
    } while (token !== undefined);
    return items;
  };

  return {
    async find<T>(resource: ResourceDescriptor, namespace: string | undefined, name: string): Promise<T | undefined> {
      try {
        return await send<T>(resource, resourcePath(resource, namespace, name), {});
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw failure(`get ${resource.plural} ${namespace ? `${namespace}/` : ''}${name}`, error);
      }
    },
    async list<T>(resource: ResourceDescriptor, namespace?: string): Promise<T[]> {
      const what = `list ${resource.plural}${namespace ? ` in namespace ${namespace}` : ''}`;
      try {
        return await listAll<T>(resource, namespace);
      } catch (error) {
        // A continue token expired between pages (410 Gone): start over once, as client-go's pager does.
        if (!(error instanceof KubeError && error.code === KubeErrorCode.Gone)) throw failure(what, error);
        try {
          return await listAll<T>(resource, namespace);
        } catch (retryError) {
          throw failure(what, retryError);
        }
      }
    },
    count: () => ({ total, byResource: { ...byResource } }),
  };
}
