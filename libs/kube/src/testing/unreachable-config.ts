// Spec support of @ferry/kube (not exported): a configuration no request can reach.
import { KubeConfig } from '@kubernetes/client-node';

/** A configuration pointing at a closed loopback port: every request that is really sent fails as unreachable. */
export function unreachableConfig(): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server: 'http://127.0.0.1:9', skipTLSVerify: true }],
    users: [{ name: 'u', token: 'secret-token' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return config;
}
