// What the mover reads from the cluster, set up for the benchmark: Ferry's namespace, a
// BackupStorageLocation on the environment's MinIO, its credential Secret (AWS INI) and the
// repository password Secret; and removal of repositories from the bucket between rounds.
import { DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createMinioStorageLocation, type S3Info, setRepositoryPassword } from '@ferry/devenv';
import { isAlreadyExists, toKubeError, type KubeClient } from '@ferry/kube';
import type { S3RepositoryLocation } from '@ferry/uploader';

/** The BSL the benchmark creates and the prefix its repositories live under. */
export interface BenchStorage {
  readonly bslName: string;
  readonly prefix: string;
}

/**
 * Creates `namespace` (if missing), the BSL `storage.bslName` on `s3` with prefix `storage.prefix`
 * (Velero's default credential Secret `cloud-credentials`) and the repository password Secret.
 * The secrets go to the API server only, never to output.
 */
export async function createBenchStorage(
  kube: KubeClient,
  namespace: string,
  s3: S3Info,
  storage: BenchStorage,
  password: string,
): Promise<void> {
  await kube.core.createNamespace({ body: { metadata: { name: namespace } } }).catch((error: unknown) => {
    if (!isAlreadyExists(toKubeError(error, `create namespace ${namespace}`))) throw error;
  });
  await createMinioStorageLocation(kube, s3, {
    namespace,
    name: storage.bslName,
    prefix: storage.prefix,
    credentialSecret: 'cloud-credentials',
    isDefault: true,
  });
  await setRepositoryPassword(kube, namespace, password);
}

/** The repository location the mover derives from the BSL for `volumeNamespace`; the plain tools use the same. */
export function benchLocation(s3: S3Info, storage: BenchStorage, volumeNamespace: string): S3RepositoryLocation {
  return {
    endpoint: s3.endpoint,
    region: s3.region,
    bucket: s3.bucket,
    prefix: storage.prefix,
    volumeNamespace,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
  };
}

/** Deletes every object under `prefix` in the bucket (the repositories of a finished round). */
export async function deleteObjects(s3: S3Info, prefix: string): Promise<number> {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
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
