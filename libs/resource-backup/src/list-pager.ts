// Paginated LISTs (`limit` / `continue`) of one resource, page by page, each item given the
// `apiVersion` and `kind` a LIST leaves out (as client-go's unstructured list decoding does). An
// expired continue token restarts the list without pagination, as client-go's pager does.
import type { CatalogResource, Listing, ObjectJson } from '@ferry/backup';
import { hasKubeErrorCode, KubeErrorCode, type ApiRequester } from '@ferry/kube';

interface ListJson {
  readonly items?: ObjectJson[] | null;
  readonly metadata?: { readonly continue?: string };
}

/** The collection path of `resource` in `namespace` (`""` = all namespaces, or cluster-scoped). */
export function resourcePathOf(resource: CatalogResource, namespace: string): string {
  const base = resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  return namespace === '' ? `${base}/${resource.resource}` : `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.resource}`;
}

function withTypeMeta(items: ObjectJson[], resource: CatalogResource): ObjectJson[] {
  for (const item of items) {
    item['apiVersion'] ??= resource.apiVersion;
    item['kind'] ??= resource.kind;
  }
  return items;
}

/**
 * Yields the pages of one listing (`pageSize` items each; 0 = one unpaginated request). The next
 * page is requested as soon as a page arrives, so the API server prepares it while the caller
 * writes the one in hand (at most two pages of a listing in memory). Rejects with the API's
 * error; the caller decides whether that fails an item set or the backup.
 */
export async function* listPages(
  requester: ApiRequester,
  resource: CatalogResource,
  listing: Listing,
  pageSize: number,
  signal?: AbortSignal,
): AsyncGenerator<ObjectJson[]> {
  const path = resourcePathOf(resource, listing.namespace);
  const labelSelector = listing.labelSelector === '' ? undefined : listing.labelSelector;
  const limit = pageSize > 0 ? pageSize : undefined;
  const pageAfter = async (token: string | undefined): Promise<ListJson> => {
    try {
      return await requester.request<ListJson>({ method: 'GET', path, query: { labelSelector, limit, continue: token }, signal });
    } catch (error) {
      if (token === undefined || !hasKubeErrorCode(error, KubeErrorCode.Gone)) throw error;
      // The whole list instead: no continue token, so it is the last page.
      return requester.request<ListJson>({ method: 'GET', path, query: { labelSelector }, signal });
    }
  };
  let next: Promise<ListJson> | undefined = pageAfter(undefined);
  while (next) {
    const page: ListJson = await next;
    const token = page.metadata?.continue || undefined;
    next = token === undefined ? undefined : pageAfter(token);
    // Awaited on the next turn; a caller that stops early leaves it unobserved, not unhandled.
    next?.catch(() => undefined);
    yield withTypeMeta(page.items ?? [], resource);
  }
}
