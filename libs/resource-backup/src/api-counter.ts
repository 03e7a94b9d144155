// Counts the Kubernetes API requests of one collection (discovery, list pages, fallbacks).
import type { ApiRequest } from '@ferry/kube';
import type { KeepAliveRequester } from './keep-alive-requester';

/** A requester that counts what it sends. */
export interface CountingRequester extends KeepAliveRequester {
  /** Requests sent so far (failed ones included). */
  readonly count: number;
}

/** Wraps `requester`; every call adds one to `count`. */
export function countingRequester(requester: KeepAliveRequester): CountingRequester {
  let count = 0;
  return {
    get count() {
      return count;
    },
    request<T>(request: ApiRequest & { readonly accept?: string }): Promise<T> {
      count++;
      return requester.request<T>(request);
    },
    close: () => requester.close(),
  };
}
