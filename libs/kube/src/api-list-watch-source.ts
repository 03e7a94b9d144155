import { Watch } from '@kubernetes/client-node';
import type { KubeObject } from './kube-object';
import { fromHttpStatus, toKubeError } from './error-mapper';
import type { KubeClient } from './kube-client';
import type { ListResult, ListWatchSource, WatchEvent } from './list-watch-loop';
import { describeObject, resourcePath, type ResourceDescriptor } from './resource-descriptor';

/** What to list and watch: a resource, optionally narrowed to a namespace and selectors. */
export interface ListWatchScope {
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Server-side watch timeout; the loop reopens the watch when it ends. Default 20–27 s (below client-node's 30 s inactivity limit). */
  readonly watchTimeoutSeconds?: number;
}

interface ListBody<T> {
  readonly kind?: string;
  readonly apiVersion?: string;
  readonly items?: T[];
  readonly metadata?: { readonly resourceVersion?: string; readonly continue?: string };
}

interface RawWatchObject {
  readonly metadata?: { readonly resourceVersion?: string };
  readonly kind?: string;
  readonly code?: number;
}

const pageSize = 500;

/**
 * A `ListWatchSource` over the API server: paginated list through the raw requester (works for
 * core and custom kinds alike), watch through client-node's `Watch` with bookmarks.
 */
export function apiListWatchSource<T extends KubeObject>(
  client: KubeClient,
  resource: ResourceDescriptor,
  scope: ListWatchScope = {},
): ListWatchSource<T> {
  const path = resourcePath(resource, scope.namespace);
  const selectors = { labelSelector: scope.labelSelector, fieldSelector: scope.fieldSelector };
  const watcher = new Watch(client.config);
  // client-node's Watch aborts a stream that is silent for 30 s (a fixed, private timeout) with a
  // TimeoutError. Asking the server to end each watch before that makes every end a normal one, which
  // the loop answers with a quiet reopen from the last resourceVersion.
  const timeoutSeconds = scope.watchTimeoutSeconds ?? 20 + Math.floor(Math.random() * 8);
  return {
    async list(signal: AbortSignal): Promise<ListResult<T>> {
      const items: T[] = [];
      let continueToken: string | undefined;
      let resourceVersion = '';
      do {
        const page = await client.requester.request<ListBody<T>>({
          method: 'GET',
          path,
          query: { ...selectors, limit: pageSize, continue: continueToken },
          signal,
        });
        // List items carry no kind/apiVersion (watch events do): fill them so cached objects are uniform.
        const kind = page.kind?.replace(/List$/, '');
        items.push(...(page.items ?? []).map((item) => ({ apiVersion: page.apiVersion, kind, ...item })));
        resourceVersion = page.metadata?.resourceVersion ?? '';
        continueToken = page.metadata?.continue || undefined;
      } while (continueToken);
      return { items, resourceVersion };
    },

    watch(resourceVersion: string, onEvent: (event: WatchEvent<T>) => void, signal: AbortSignal): Promise<void> {
      const description = describeObject(resource, scope.namespace, '*');
      return new Promise<void>((resolve, reject) => {
        let streamError: unknown;
        let controller: AbortController | undefined;
        let finished = false;
        const abort = () => controller?.abort();
        signal.addEventListener('abort', abort, { once: true });
        const finish = (error: unknown) => {
          if (finished) return;
          finished = true;
          signal.removeEventListener('abort', abort);
          const failure = streamError ?? error;
          if (signal.aborted || !failure || isTimeout(failure)) resolve();
          else reject(toKubeError(failure, `watch ${description}`));
        };
        const handle = (type: string, object: unknown) => {
          const raw = object as RawWatchObject;
          if (type === 'ERROR') {
            // The server ends the stream after an ERROR event; remember why for `finish`.
            streamError = fromHttpStatus(raw.code ?? 500, raw as Parameters<typeof fromHttpStatus>[1], `watch ${description}`);
            controller?.abort();
          } else if (type === 'BOOKMARK') {
            onEvent({ type, resourceVersion: raw.metadata?.resourceVersion ?? resourceVersion });
          } else if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
            onEvent({ type, object: object as T });
          }
        };
        const query = {
          ...selectors,
          resourceVersion,
          allowWatchBookmarks: true,
          timeoutSeconds,
        };
        watcher.watch(path, query, handle, finish).then(
          (started) => {
            controller = started;
            if (signal.aborted) started.abort();
          },
          (error: unknown) => finish(error),
        );
      });
    },
  };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}
