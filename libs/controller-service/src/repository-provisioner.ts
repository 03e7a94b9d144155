// The repository side the controller owns (docs/velero-compatibility.md#repositories): the shared password Secret
// `velero-repo-credentials` (auto-created with Velero's `static-passw0rd`) and one
// BackupRepository object per volume namespace, BSL and type, created Ready on first use. The
// mover initialises or connects the repository itself; it only reads these.
import {
  backupRepositoryDefinition,
  backupStorageLocationDefinition,
  BackupRepositoryPhase,
  VeleroLabel,
  VeleroObjectName,
  type BackupRepository,
  type BackupStorageLocation,
} from '@ferry/api';
import { backupRepositoryName, type MoverUploader } from '@ferry/data-movement';
import { createCustomResourceClient, createIfAbsent, getOrUndefined, type KubeClient } from '@ferry/kube';

// Velero's well-known default; the Secret exists so a repository always has a password.
const staticPassword = 'static-passw0rd';

/** Ensures the repository objects and checks backup storage locations. */
export interface RepositoryProvisioner {
  /** The BSL `name` in `namespace`, or undefined when absent. */
  findStorageLocation(namespace: string, name: string): Promise<BackupStorageLocation | undefined>;
  /**
   * Creates the password Secret in `namespace` if missing and the BackupRepository
   * `<volumeNamespace>-<bsl>-<type>` (phase Ready) if missing. Idempotent; remembers what it
   * created so repeated calls cost nothing. Resolves with the repository's name.
   */
  ensureRepository(namespace: string, bsl: string, volumeNamespace: string, uploader: MoverUploader): Promise<string>;
}

/** The provisioner over `kube`. */
export function createRepositoryProvisioner(kube: KubeClient): RepositoryProvisioner {
  const locations = createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition);
  const repositories = createCustomResourceClient<BackupRepository>(kube, backupRepositoryDefinition);
  const known = new Set<string>();
  const ensureSecret = async (namespace: string): Promise<void> => {
    const key = `secret/${namespace}`;
    if (known.has(key)) return;
    const name = VeleroObjectName.RepositoryCredentialsSecret;
    const read = () => kube.core.readNamespacedSecret({ namespace, name });
    if (!(await getOrUndefined(`get secret ${namespace}/${name}`, read))) {
      const body = {
        metadata: { name, namespace },
        type: 'Opaque',
        stringData: { [VeleroObjectName.RepositoryPasswordKey]: staticPassword },
      };
      await createIfAbsent(`secret ${namespace}/${name}`, () => kube.core.createNamespacedSecret({ namespace, body }), read);
    }
    known.add(key);
  };
  return {
    findStorageLocation: (namespace, name) => locations.find(namespace, name),
    async ensureRepository(namespace, bsl, volumeNamespace, uploader) {
      const name = backupRepositoryName(volumeNamespace, bsl, uploader);
      const key = `repo/${namespace}/${name}`;
      await ensureSecret(namespace);
      if (known.has(key)) return name;
      if (!(await repositories.find(namespace, name))) {
        const repository: BackupRepository = {
          apiVersion: 'velero.io/v1',
          kind: 'BackupRepository',
          metadata: {
            name,
            namespace,
            labels: {
              [VeleroLabel.VolumeNamespace]: volumeNamespace,
              [VeleroLabel.StorageLocation]: bsl,
              [VeleroLabel.RepositoryType]: uploader,
            },
          },
          spec: {
            volumeNamespace,
            backupStorageLocation: bsl,
            repositoryType: uploader,
            maintenanceFrequency: uploader === 'kopia' ? '1h0m0s' : '168h0m0s',
          },
          status: { phase: BackupRepositoryPhase.Ready },
        };
        await createIfAbsent(
          `backuprepository ${namespace}/${name}`,
          () => repositories.create(repository),
          () => repositories.get(namespace, name),
        );
      }
      known.add(key);
      return name;
    },
  };
}
