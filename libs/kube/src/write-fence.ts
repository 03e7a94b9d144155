import { KubeConfig } from '@kubernetes/client-node';
import type { ApiRequester } from './api-requester';
import { KubeError, KubeErrorCode } from './errors';
import { kubeClientFromConfig, type KubeClient } from './kube-client';

type AuthContext = Parameters<KubeConfig['applySecurityAuthentication']>[0];

/**
 * A client over the same credentials whose every write (any method but GET) is refused with
 * `KUBE_NOT_LEADER` while `mayWrite()` is false — checked when the request is sent, so a replica
 * that lost its Lease (or was paused past its renew deadline) cannot write even from a reconcile
 * that was already running. Reads and watches are never fenced. The Lease itself must be written
 * through an unfenced client.
 */
export function fencedKubeClient(config: KubeConfig, mayWrite: () => boolean): KubeClient {
  const fenced = new KubeConfig();
  fenced.loadFromOptions({
    clusters: config.clusters,
    users: config.users,
    contexts: config.contexts,
    currentContext: config.currentContext,
  });
  const refusal = (method: string, path: string) =>
    new KubeError(KubeErrorCode.NotLeader, `${method} ${path} refused: this replica is not the leader`);
  const authenticate = fenced.applySecurityAuthentication.bind(fenced);
  fenced.applySecurityAuthentication = async (context: AuthContext) => {
    if (context.getHttpMethod() !== 'GET' && !mayWrite()) throw refusal(context.getHttpMethod(), new URL(context.getUrl()).pathname);
    return authenticate(context);
  };
  const client = kubeClientFromConfig(fenced);
  // The raw requester applies the credentials once a second, not per call: its writes are checked here, each one.
  const requester: ApiRequester = {
    request: (request) =>
      request.method !== 'GET' && !mayWrite() ? Promise.reject(refusal(request.method, request.path)) : client.requester.request(request),
  };
  return { ...client, requester };
}
