// A Velero BackupStorageLocation on the environment's MinIO, as `velero install --provider aws`
// makes one: the BSL, its credential Secret in AWS shared-credentials format, and optionally the
// repository password Secret. One place for the demo, the tests and the benchmarks.
import { backupStorageLocationDefinition, VeleroObjectName, type BackupStorageLocation } from '@ferry/api';
import { createCustomResourceClient, isAlreadyExists, isNotFound, toKubeError, type KubeClient } from '@ferry/kube';
import type { S3Info } from './servers/minio-server';
import { applyObjects } from './servers/service-identity';

/** Options of {@link createMinioStorageLocation}. */
export interface MinioStorageLocationOptions {
  readonly namespace: string;
  /** BSL name; default `default`. */
  readonly name?: string;
  /** Prefix of everything Ferry writes for this BSL in the bucket (keep tests apart with their own). */
  readonly prefix: string;
  /** Replaces MinIO's endpoint (tests point a BSL at a closed port). */
  readonly s3Url?: string;
  /** Name of the credential Secret (key `cloud`); default `<name>-credentials`. */
  readonly credentialSecret?: string;
  /** Marks the BSL as the default one (`spec.default`). */
  readonly isDefault?: boolean;
}

/** The AWS shared-credentials file Velero's aws plugin reads, for MinIO's keys. */
export function awsCredentialsFile(s3: S3Info): string {
  return `[default]\naws_access_key_id=${s3.accessKeyId}\naws_secret_access_key=${s3.secretAccessKey}\n`;
}

/** The credential Secret the movers may read without a grant of its own (deploy/base's Role ferry-mover). */
const baseMoverCredentialSecret = 'cloud-credentials';

/**
 * Lets the movers (ServiceAccount `ferry-mover`) read Secret `secret` in `namespace`, as
 * deploy/README.md ("Secrets the movers read") tells a platform team to for a BSL whose credential
 * Secret is not `cloud-credentials`: a Role `ferry-mover-secret-<secret>` granting `get` on that one
 * name, and its RoleBinding. Idempotent (server-side apply).
 */
export async function grantMoverSecretRead(kube: KubeClient, namespace: string, secret: string): Promise<void> {
  if (secret === baseMoverCredentialSecret) return;
  const name = `ferry-mover-secret-${secret}`;
  const metadata = { name, namespace, labels: { 'app.kubernetes.io/name': 'ferry', 'app.kubernetes.io/component': 'mover' } };
  await applyObjects(kube.requester, [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata,
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: [secret], verbs: ['get'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name: 'ferry-mover', namespace }],
    },
  ]);
}

/**
 * Creates (or leaves in place, when they exist) the credential Secret, the movers' grant to read it
 * ({@link grantMoverSecretRead}) and the BSL `options.name` in `options.namespace`, pointing at
 * `s3`'s bucket with `options.prefix`. Resolves once all are stored; the namespace must exist. The
 * S3 keys go to the API server only.
 */
export async function createMinioStorageLocation(
  kube: KubeClient,
  s3: S3Info,
  options: MinioStorageLocationOptions,
): Promise<BackupStorageLocation> {
  const name = options.name ?? 'default';
  const secret = options.credentialSecret ?? `${name}-credentials`;
  const { namespace } = options;
  await ignoreExisting(
    kube.core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: secret }, type: 'Opaque', stringData: { cloud: awsCredentialsFile(s3) } },
    }),
  );
  await grantMoverSecretRead(kube, namespace, secret);
  const location: BackupStorageLocation = {
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    metadata: { name, namespace },
    spec: {
      provider: 'aws',
      objectStorage: { bucket: s3.bucket, prefix: options.prefix },
      config: { region: s3.region, s3Url: options.s3Url ?? s3.endpoint, s3ForcePathStyle: 'true' },
      credential: { name: secret, key: 'cloud' },
      ...(options.isDefault ? { default: true } : {}),
    },
  };
  await ignoreExisting(createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition).create(location));
  return location;
}

/**
 * Stores `password` as the repository password (Secret `velero-repo-credentials`, key
 * `repository-password`) in `namespace`, replacing an existing one.
 */
export async function setRepositoryPassword(kube: KubeClient, namespace: string, password: string): Promise<void> {
  const name = VeleroObjectName.RepositoryCredentialsSecret;
  await kube.core.deleteNamespacedSecret({ name, namespace }).catch((error: unknown) => {
    if (!isNotFound(toKubeError(error, `delete Secret ${namespace}/${name}`))) throw error;
  });
  await kube.core.createNamespacedSecret({
    namespace,
    body: { metadata: { name }, type: 'Opaque', stringData: { [VeleroObjectName.RepositoryPasswordKey]: password } },
  });
}

/** Resolves once `creating` stored the object or found it there already (AlreadyExists); other errors reject. */
export async function ignoreExisting(creating: Promise<unknown>): Promise<void> {
  await creating.catch((error: unknown) => {
    if (!isAlreadyExists(toKubeError(error, 'create'))) throw error;
  });
}
