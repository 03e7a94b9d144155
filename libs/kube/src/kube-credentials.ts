// The caller's own credentials as an HTTP header, for clients of Ferry's service APIs: those accept
// the same Kubernetes bearer tokens the API server does (checked with a TokenReview).
import type { KubeConfig } from '@kubernetes/client-node';

/**
 * The `Authorization` header value the kubeconfig's current user sends to the API server — a static
 * token, or one from an exec or auth-provider plugin (which may run it) — or undefined when the
 * user authenticates otherwise (a client certificate), which Ferry's service APIs cannot check.
 */
export async function authorizationHeaderOf(config: KubeConfig): Promise<string | undefined> {
  const options: { headers?: Record<string, string> } = {};
  await config.applyToHTTPSOptions(options);
  const header = options.headers?.['Authorization'];
  return typeof header === 'string' && header.startsWith('Bearer ') ? header : undefined;
}
