// The NATS identities of a Kubernetes install (deploy/): the authorization config nats-server
// includes (a ConfigMap: users and permissions, passwords as variables), the passwords nats-server
// reads from its environment (a Secret), and each service's credentials file (a Secret per service;
// the movers' Secret holds one file per node and is mounted into the controller, which issues each
// mover its own node's).
import {
  createFerryContracts,
  FerryService,
  natsIdentities,
  natsPermissions,
  natsUserName,
  renderNatsAuthorization,
  type NatsIdentity,
} from '@ferry/contracts';

/** A Kubernetes object as kubectl applies it. */
export interface DeployObject {
  readonly apiVersion: 'v1';
  readonly kind: 'ConfigMap' | 'Secret';
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels: Record<string, string> };
  readonly type?: 'Opaque';
  readonly stringData?: Record<string, string>;
  readonly data?: Record<string, string>;
}

/** Options of {@link natsDeployObjects}. */
export interface NatsDeployOptions {
  /** The cluster's node names: each gets its mover identity. */
  readonly nodes: readonly string[];
  /** Where Ferry runs; default `velero`. */
  readonly namespace?: string;
  /** `FERRY_NATS_NAMESPACE`; default `ferry`. */
  readonly natsNamespace?: string;
  /** A new random password per call (the CLI passes crypto-random ones). */
  readonly newPassword: () => string;
}

const labels = { 'app.kubernetes.io/part-of': 'ferry', 'app.kubernetes.io/component': 'nats-auth' };

/** The environment variable nats-server reads `user`'s password from. Pure. */
export function natsPasswordVariable(user: string): string {
  return `NATS_PASSWORD_${user.toUpperCase().replaceAll('-', '_')}`;
}

/** The Secret a service's pods mount at `/etc/ferry/nats`: `ferry-nats-<service>`. Pure. */
export function natsSecretName(service: FerryService): string {
  return `ferry-nats-${service}`;
}

/** The file name of an identity in its service's Secret: `credentials.json`, a mover's `<node>.json`. Pure. */
function credentialsKey(identity: NatsIdentity): string {
  return identity.service === FerryService.Mover ? `${identity.node}.json` : 'credentials.json';
}

/**
 * Every object of the install's NATS authentication, with new passwords: ConfigMap
 * `ferry-nats-authorization` (`authorization.conf`, no secret in it), Secret
 * `ferry-nats-passwords` (nats-server's environment) and one Secret per service. Pure given
 * `newPassword`; throws for a node name that is not a Kubernetes node name.
 */
export function natsDeployObjects(options: NatsDeployOptions): DeployObject[] {
  const namespace = options.namespace ?? 'velero';
  const contracts = createFerryContracts({ namespace: options.natsNamespace ?? 'ferry' });
  const meta = (name: string) => ({ name, namespace, labels });
  const passwords: Record<string, string> = {};
  const perService = new Map<FerryService, Record<string, string>>();
  const users = natsIdentities(options.nodes).map((identity) => {
    const user = natsUserName(contracts.namespace, identity);
    const password = options.newPassword();
    passwords[natsPasswordVariable(user)] = password;
    const files = perService.get(identity.service) ?? {};
    files[credentialsKey(identity)] = JSON.stringify({ user, password });
    perService.set(identity.service, files);
    return { user, password: { variable: natsPasswordVariable(user) }, permissions: natsPermissions(contracts, identity) };
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta('ferry-nats-authorization'),
      data: { 'authorization.conf': renderNatsAuthorization(users) },
    },
    { apiVersion: 'v1', kind: 'Secret', metadata: meta('ferry-nats-passwords'), type: 'Opaque', stringData: passwords },
    ...[...perService].map(([service, files]): DeployObject => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(natsSecretName(service)),
      type: 'Opaque',
      stringData: files,
    })),
  ];
}
