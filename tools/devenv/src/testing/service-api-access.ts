// What integration tests need to call Ferry's service APIs now that every route but the probes
// and scrapes needs a Kubernetes bearer token: the environment's admin token as a header, and the
// guard an in-process service under test runs with — real TokenReviews and SubjectAccessReviews
// against the environment's API server, as the apps make them.
import { authorizationHeaderOf, loadKubeConfig, type KubeClient } from '@ferry/kube';
import { createApiAccess, defaultOpenPaths, HttpAuthMode, type ApiAccess } from '@ferry/service-runtime';
import { loadEnvironmentInfo, type EnvironmentInfo } from '../environment-info';

/**
 * Headers that authenticate as the environment's admin (group system:masters, so every route
 * allows it): `{ authorization: 'Bearer …' }`. Reads the environment's kubeconfig; throws when its
 * user has no bearer token.
 */
export async function adminHeaders(info: EnvironmentInfo = loadEnvironmentInfo()): Promise<{ authorization: string }> {
  const authorization = await authorizationHeaderOf(loadKubeConfig({ kind: 'file', kubeconfigPath: info.kubeconfigPath }));
  if (!authorization) throw new Error(`the kubeconfig ${info.kubeconfigPath} has no bearer token for Ferry's service APIs`);
  return { authorization };
}

/** The guard of a service started in-process by a test: Kubernetes tokens, reviewed with `kube`'s credentials; probes and metrics open. */
export function testApiAccess(kube: KubeClient): ApiAccess {
  return createApiAccess({ config: { mode: HttpAuthMode.Kubernetes, openPaths: defaultOpenPaths }, requester: kube.requester });
}

/**
 * Creates ServiceAccount `name` in `namespace` and resolves with a token of it from the API
 * server's TokenRequest API (10 minutes, the API server's audiences): a caller with no grants
 * until the test binds some. The caller deletes the namespace.
 */
export async function serviceAccountToken(kube: KubeClient, namespace: string, name: string): Promise<string> {
  await kube.core.createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
  const request = await kube.core.createNamespacedServiceAccountToken({
    namespace,
    name,
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: [], expirationSeconds: 600 } },
  });
  const token = request.status?.token;
  if (!token) throw new Error(`the API server issued no token for ServiceAccount ${namespace}/${name}`);
  return token;
}
