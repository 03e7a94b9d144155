// A Ferry service's identity as deploy/base declares it — its ServiceAccount, the Roles and
// ClusterRoles bound to it and those bindings — moved into the namespace a dev environment or a
// test runs Ferry in, so services started from source get exactly the access a cluster gives them.
import { DevEnvError, DevEnvErrorCode } from './errors';

/** What the devenv reads of a manifest object (of every kind). */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>> };
  readonly roleRef?: { readonly apiGroup: string; readonly kind: string; readonly name: string };
  readonly subjects?: readonly { readonly kind: string; readonly name: string; readonly namespace?: string }[];
  /** A Role's or ClusterRole's rules. */
  readonly rules?: readonly {
    readonly apiGroups: readonly string[];
    readonly resources: readonly string[];
    readonly resourceNames?: readonly string[];
    readonly verbs: readonly string[];
  }[];
}

const isSubjectOf = (object: ManifestObject, serviceAccount: string, namespace: string): boolean =>
  (object.subjects ?? []).some(
    (subject) => subject.kind === 'ServiceAccount' && subject.name === serviceAccount && subject.namespace === namespace,
  );

/**
 * The ServiceAccount `serviceAccount` of `base` (the objects deploy/base renders, whose namespace
 * object names Ferry's namespace) with its Roles, ClusterRoles and their bindings, moved into
 * `namespace`: namespaced objects and binding subjects get `namespace`; ClusterRoles keep their
 * name (their rules do not depend on the namespace, so every namespace shares them) and each
 * ClusterRoleBinding becomes `<name>:<namespace>`, so namespaces running side by side bind their own
 * account only. In apply order (roles before bindings). Pure; throws `DevEnvError` `NOT_READY` when
 * the base has no such account or a binding names a role it lacks.
 */
export function serviceIdentityObjects(base: readonly ManifestObject[], serviceAccount: string, namespace: string): ManifestObject[] {
  const baseNamespace = base.find((object) => object.kind === 'Namespace')?.metadata.name;
  const account = base.find(
    (o) => o.kind === 'ServiceAccount' && o.metadata.name === serviceAccount && o.metadata.namespace === baseNamespace,
  );
  if (!baseNamespace || !account) {
    throw new DevEnvError(
      DevEnvErrorCode.NotReady,
      `deploy/base declares no ServiceAccount ${serviceAccount} in Ferry's namespace; add it (with its Role and bindings) to the service's *-rbac.yaml`,
      false,
    );
  }
  const bindings = base.filter(
    (o) => (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') && isSubjectOf(o, serviceAccount, baseNamespace),
  );
  const roles = bindings.map((binding) => {
    const roleRef = binding.roleRef;
    const role = base.find(
      (o) =>
        o.kind === roleRef?.kind &&
        o.metadata.name === roleRef.name &&
        (o.kind === 'ClusterRole' || o.metadata.namespace === binding.metadata.namespace),
    );
    if (!role) {
      throw new DevEnvError(
        DevEnvErrorCode.NotReady,
        `${binding.kind} ${binding.metadata.name} in deploy/base binds ${roleRef?.kind} ${roleRef?.name}, which deploy/base does not declare`,
        false,
      );
    }
    return role;
  });
  const move = (object: ManifestObject): ManifestObject => moveIntoNamespace(object, baseNamespace, namespace);
  return [move(account), ...roles.map(move), ...bindings.map(move)];
}

/** `object` with Ferry's namespace `from` replaced by `to` (see {@link serviceIdentityObjects}). */
function moveIntoNamespace(object: ManifestObject, from: string, to: string): ManifestObject {
  const metadata =
    object.kind === 'ClusterRoleBinding'
      ? { ...object.metadata, name: `${object.metadata.name}:${to}` }
      : object.metadata.namespace === from
        ? { ...object.metadata, namespace: to }
        : object.metadata;
  const subjects = object.subjects?.map((subject) => (subject.namespace === from ? { ...subject, namespace: to } : subject));
  return { ...object, metadata, ...(subjects ? { subjects } : {}) };
}

/** The ServiceAccount a Ferry app runs as (deploy/base: `ferry-<app>`). Pure. */
export const serviceAccountOf = (app: string): string => `ferry-${app}`;
