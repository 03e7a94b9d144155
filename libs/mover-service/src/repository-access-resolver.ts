// Reads, per job, what opening its repository takes from the API server: the BackupStorageLocation,
// its credential Secret and the repository password Secret
// (docs/velero-compatibility.md#repositories). Nothing is cached: a fixed Secret or BSL takes
// effect at the next job. No secret value reaches a message or a log.
import { backupStorageLocationDefinition, VeleroObjectName, type BackupStorageLocation } from '@ferry/api';
import { createCustomResourceClient, hasKubeErrorCode, isNotFound, KubeErrorCode, toKubeError, type KubeClient } from '@ferry/kube';
import { describeAwsCredentialsProblem, parseAwsCredentials, StorageLocationError, storageLocationPlan } from '@ferry/storage-location';
import type { RepositoryAccess } from '@ferry/uploader';
import { MoverServiceError, MoverServiceErrorCode } from './errors';
import { repositoryLocation, repositoryWorkDir } from './storage-location-mapping';

/** The repository a job names: one per backup storage location and volume namespace. */
export interface RepositoryRef {
  readonly backupStorageLocation: string;
  readonly volumeNamespace: string;
}

/** Resolves a job's repository to the access an uploader takes. */
export interface RepositoryAccessResolver {
  /**
   * The access for `repository` with `uploader`'s private work folder. Rejects with a
   * `MoverServiceError`: `MOVER_BSL_NOT_FOUND`/`MOVER_BSL_INVALID`, `MOVER_SECRET_NOT_FOUND`/
   * `MOVER_SECRET_FORBIDDEN`/`MOVER_SECRET_INVALID` naming the object and key,
   * `MOVER_KUBE_UNAVAILABLE` (retryable).
   */
  resolve(uploader: 'restic' | 'kopia', repository: RepositoryRef): Promise<RepositoryAccess>;
}

/** Options of {@link createRepositoryAccessResolver}. */
export interface RepositoryAccessResolverOptions {
  readonly kube: KubeClient;
  /** Where the BSLs and Secrets live (`FERRY_NAMESPACE`, Velero's namespace). */
  readonly namespace: string;
  /** The mover's work folder; repositories get folders below it. */
  readonly workDir: string;
}

const volumeNamespacePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The BSL's plan; an unusable BSL is `MOVER_BSL_INVALID` (the code job results carry). */
function planOf(bsl: BackupStorageLocation, where: string) {
  try {
    return storageLocationPlan(bsl, where);
  } catch (error) {
    if (error instanceof StorageLocationError) {
      throw new MoverServiceError(MoverServiceErrorCode.StorageLocationInvalid, error.message, { cause: error });
    }
    throw error;
  }
}

/** A resolver reading from the API server on every call. */
export function createRepositoryAccessResolver(options: RepositoryAccessResolverOptions): RepositoryAccessResolver {
  const { kube, namespace } = options;
  const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);

  const unavailable = (what: string, error: unknown) =>
    new MoverServiceError(MoverServiceErrorCode.KubeUnavailable, `cannot read ${what}: ${toKubeError(error, `get ${what}`).message}`, {
      cause: error,
    });

  const readSecretKey = async (name: string, key: string, purpose: string): Promise<string> => {
    const what = `Secret ${namespace}/${name}`;
    let data: Record<string, string> | undefined;
    try {
      data = (await kube.core.readNamespacedSecret({ name, namespace })).data;
    } catch (error) {
      const kubeError = toKubeError(error, `get ${what}`);
      if (isNotFound(kubeError)) throw new MoverServiceError(MoverServiceErrorCode.SecretNotFound, `${what} (${purpose}) does not exist`);
      if (hasKubeErrorCode(kubeError, KubeErrorCode.Forbidden)) {
        throw new MoverServiceError(
          MoverServiceErrorCode.SecretForbidden,
          `the mover may not read ${what} (${purpose}): grant ServiceAccount ferry-mover get on Secret ${name} ` +
            `(add it to the resourceNames of Role ferry-mover, deploy/README.md "Secrets the movers read")`,
        );
      }
      throw unavailable(what, error);
    }
    const encoded = data?.[key];
    if (encoded === undefined) throw new MoverServiceError(MoverServiceErrorCode.SecretInvalid, `${what} (${purpose}) has no key ${key}`);
    return Buffer.from(encoded, 'base64').toString('utf8');
  };

  return {
    async resolve(uploader, repository) {
      if (!volumeNamespacePattern.test(repository.volumeNamespace)) {
        throw new MoverServiceError(
          MoverServiceErrorCode.StorageLocationInvalid,
          `volume namespace ${JSON.stringify(repository.volumeNamespace)} is not a namespace name`,
        );
      }
      const where = `${namespace}/${repository.backupStorageLocation}`;
      let bsl: BackupStorageLocation | undefined;
      try {
        bsl = await locations.find(namespace, repository.backupStorageLocation);
      } catch (error) {
        throw unavailable(`BackupStorageLocation ${where}`, error);
      }
      if (!bsl) throw new MoverServiceError(MoverServiceErrorCode.StorageLocationNotFound, `BackupStorageLocation ${where} does not exist`);
      const plan = planOf(bsl, where);
      const credentialsText = await readSecretKey(
        plan.credential.name,
        plan.credential.key,
        `credentials of BackupStorageLocation ${where}`,
      );
      const parsed = parseAwsCredentials(credentialsText, plan.profile);
      if (!parsed.ok) {
        throw new MoverServiceError(
          MoverServiceErrorCode.SecretInvalid,
          `Secret ${namespace}/${plan.credential.name} key ${plan.credential.key} ${describeAwsCredentialsProblem(parsed.problem)}`,
        );
      }
      const password = (
        await readSecretKey(VeleroObjectName.RepositoryCredentialsSecret, VeleroObjectName.RepositoryPasswordKey, 'repository password')
      ).trim();
      if (!password) {
        throw new MoverServiceError(
          MoverServiceErrorCode.SecretInvalid,
          `Secret ${namespace}/${VeleroObjectName.RepositoryCredentialsSecret} key ${VeleroObjectName.RepositoryPasswordKey} is empty`,
        );
      }
      const location = repositoryLocation(plan, parsed.credentials, repository.volumeNamespace);
      return { location, password, workDir: repositoryWorkDir(options.workDir, uploader, location) };
    },
  };
}
