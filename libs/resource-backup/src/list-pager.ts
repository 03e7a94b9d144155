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
 * Yields the pages of one listing (`pageSize` items each; 0 = one unpaginated request). Rejects
 * with the API's error; the caller decides whether that fails an item set or the backup.
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
  let token: string | undefined;
  do {
    let page: ListJson;
    try {
      page = await requester.request<ListJson>({
        method: 'GET',
        path,
        query: { labelSelector, limit: pageSize > 0 ? pageSize : undefined, continue: token },
        signal,
      });
    } catch (error) {
      if (token === undefined || !hasKubeErrorCode(error, KubeErrorCode.Gone)) throw error;
      const whole = await requester.request<ListJson>({ method: 'GET', path, query: { labelSelector }, signal });
      yield withTypeMeta(whole.items ?? [], resource);
      return;
    }
    token = page.metadata?.continue || undefined;
    yield withTypeMeta(page.items ?? [], resource);
  } while (token !== undefined);
}
