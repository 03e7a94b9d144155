// From a BackupStorageLocation's plan (@ferry/storage-location reads it from the BSL) to the S3
// coordinates of one repository (docs/velero-compatibility.md#repository-location), its work
// folder and its cluster-wide key. Pure.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { AwsCredentials, StorageLocationPlan } from '@ferry/storage-location';
import type { S3RepositoryLocation } from '@ferry/uploader';

/** The repository of `volumeNamespace` in the planned location with `credentials`. Pure. */
export function repositoryLocation(plan: StorageLocationPlan, credentials: AwsCredentials, volumeNamespace: string): S3RepositoryLocation {
  return {
    endpoint: plan.endpoint,
    region: plan.region,
    bucket: plan.bucket,
    prefix: plan.prefix,
    volumeNamespace,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    ...(plan.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
  };
}

/**
 * The tool's private folder for one repository under the mover's work folder:
 * `<workDir>/repositories/<uploader>-<hash of endpoint, bucket, prefix, namespace>` (no secret in
 * the name; one kopia connection per folder, so concurrent jobs of different repositories never share one).
 */
export function repositoryWorkDir(workDir: string, uploader: 'restic' | 'kopia', location: S3RepositoryLocation): string {
  const identity = JSON.stringify([location.endpoint, location.bucket, location.prefix, location.volumeNamespace]);
  return join(workDir, 'repositories', `${uploader}-${createHash('sha256').update(identity).digest('hex').slice(0, 16)}`);
}

/**
 * The cluster-wide identity of one repository, for the movers' creation claim: 32 hex digits of a
 * hash of tool, endpoint, bucket, prefix and volume namespace (no secret goes in). Every mover
 * that resolves the same repository computes the same key. Pure.
 */
export function repositoryKey(uploader: 'restic' | 'kopia', location: S3RepositoryLocation): string {
  const identity = JSON.stringify([uploader, location.endpoint, location.bucket, location.prefix, location.volumeNamespace]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}
