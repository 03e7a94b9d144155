// Counts the Kubernetes API requests of one collection (discovery, list pages, fallbacks).
import type { ApiRequest, ApiRequester } from '@ferry/kube';

/** A requester that counts what it sends. */
export interface CountingRequester extends ApiRequester {
  /** Requests sent so far (failed ones included). */
  readonly count: number;
}

/** Wraps `requester`; every call adds one to `count`. */
export function countingRequester(requester: ApiRequester): CountingRequester {
  let count = 0;
  return {
    get count() {
      return count;
    },
    request<T>(request: ApiRequest): Promise<T> {
      count++;
      return requester.request<T>(request);
    },
  };
}
