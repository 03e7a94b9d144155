// What the mover reads from the cluster, set up for the benchmark: Ferry's namespace, a
// BackupStorageLocation on the environment's MinIO, its credential Secret (AWS INI) and the
// repository password Secret; and removal of repositories from the bucket between rounds.
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { backupStorageLocationDefinition, VeleroObjectName, type BackupStorageLocation } from '@ferry/api';
import type { S3Info } from '@ferry/devenv';
import { createCustomResourceClient, isAlreadyExists, type KubeClient } from '@ferry/kube';
import type { S3RepositoryLocation } from '@ferry/uploader';

/** The BSL the benchmark creates and the prefix its repositories live under. */
export interface BenchStorage {
  readonly bslName: string;
  readonly prefix: string;
}

/** Name and key of the BSL's credential Secret (Velero's default). */
const credentialSecret = { name: 'cloud-credentials', key: 'cloud' } as const;

async function ignoreExisting(creating: Promise<unknown>): Promise<void> {
  await creating.catch((error: unknown) => {
    if (!isAlreadyExists(error)) throw error;
  });
}

/**
 * Creates `namespace` (if missing), the BSL `storage.bslName` pointing at `s3` with prefix
 * `storage.prefix`, the `cloud-credentials` Secret and the `velero-repo-credentials` Secret holding
 * `password`. The secrets go to the API server only, never to output.
 */
export async function createBenchStorage(kube: KubeClient, namespace: string, s3: S3Info, storage: BenchStorage, password: string): Promise<void> {
  await ignoreExisting(kube.core.createNamespace({ body: { metadata: { name: namespace } } }));
  const ini = `[default]\naws_access_key_id=${s3.accessKeyId}\naws_secret_access_key=${s3.secretAccessKey}\n`;
  await kube.core.createNamespacedSecret({
    namespace,
    body: { metadata: { name: credentialSecret.name }, type: 'Opaque', stringData: { [credentialSecret.key]: ini } },
  });
  await kube.core.createNamespacedSecret({
    namespace,
    body: {
      metadata: { name: VeleroObjectName.RepositoryCredentialsSecret },
      type: 'Opaque',
      stringData: { [VeleroObjectName.RepositoryPasswordKey]: password },
    },
  });
  const bsl: BackupStorageLocation = {
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    metadata: { name: storage.bslName, namespace },
    spec: {
      provider: 'aws',
      config: { region: s3.region, s3Url: s3.endpoint, s3ForcePathStyle: 'true' },
      credential: { name: credentialSecret.name, key: credentialSecret.key },
      objectStorage: { bucket: s3.bucket, prefix: storage.prefix },
      default: true,
    },
  };
  await createCustomResourceClient<BackupStorageLocation>(kube, backupStorageLocationDefinition).create(bsl);
}

/** The repository location the mover derives from the BSL for `volumeNamespace`; the plain tools use the same. */
export function benchLocation(s3: S3Info, storage: BenchStorage, volumeNamespace: string): S3RepositoryLocation {
  return {
    endpoint: s3.endpoint, region: s3.region, bucket: s3.bucket, prefix: storage.prefix, volumeNamespace,
    accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey,
  };
}

/** Deletes every object under `prefix` in the bucket (the repositories of a finished round). */
export async function deleteObjects(s3: S3Info, prefix: string): Promise<number> {
  const client = new S3Client({
    endpoint: s3.endpoint, region: s3.region, forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  let deleted = 0;
  try {
    for (;;) {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix, MaxKeys: 1000 }));
      const keys = (listed.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
      if (keys.length === 0) return deleted;
      await client.send(new DeleteObjectsCommand({ Bucket: s3.bucket, Delete: { Objects: keys, Quiet: true } }));
      deleted += keys.length;
    }
  } finally {
    client.destroy();
  }
}
