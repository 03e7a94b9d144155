// From a BackupStorageLocation to the S3 coordinates of a repository
// (docs/velero-compatibility.md#repository-location): bucket and prefix from `spec.objectStorage`,
// endpoint and region from `spec.config`, credentials from `spec.credential` or Velero's default
// Secret. Pure.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { BackupStorageLocation } from '@ferry/api';
import type { S3RepositoryLocation } from '@ferry/uploader';
import type { AwsCredentials } from './aws-credentials';
import { MoverServiceError, MoverServiceErrorCode } from './errors';

/** Velero's default credential Secret of a BSL without `spec.credential`, and its key. */
export const defaultCredentialSecret = { name: 'cloud-credentials', key: 'cloud' } as const;

/** What the mover needs from a BSL before reading its credentials. */
export interface StorageLocationPlan {
  /** `http(s)://host[:port]`: `spec.config.s3Url`, else `https://s3.<region>.amazonaws.com`. */
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly insecureSkipTlsVerify: boolean;
  /** Profile of the credentials file: `spec.config.profile`, default `default`. */
  readonly profile: string;
  /** The Secret and key holding the credentials file. */
  readonly credential: { readonly name: string; readonly key: string };
}

/**
 * Reads what the mover needs from `bsl` (called `where`, `namespace/name`, in messages). Throws
 * `MOVER_BSL_INVALID` naming the field: no spec, a provider other than AWS/S3-compatible, an
 * empty bucket, a malformed `s3Url`, or neither `s3Url` nor `region`.
 */
export function storageLocationPlan(bsl: BackupStorageLocation, where: string): StorageLocationPlan {
  const invalid = (field: string, problem: string) =>
    new MoverServiceError(MoverServiceErrorCode.StorageLocationInvalid, `BackupStorageLocation ${where}: ${field} ${problem}`);
  const spec = bsl.spec;
  if (!spec) throw invalid('spec', 'is missing');
  if (!/^(velero\.io\/)?aws$/.test(spec.provider))
    throw invalid('spec.provider', `${JSON.stringify(spec.provider)} is not supported: the mover speaks S3 (provider aws)`);
  const bucket = spec.objectStorage.bucket.trim();
  if (!bucket) throw invalid('spec.objectStorage.bucket', 'is empty');
  const config = spec.config ?? {};
  const s3Url = config['s3Url']?.trim();
  const region = config['region']?.trim();
  let endpoint: string;
  if (s3Url) {
    let url: URL;
    try {
      url = new URL(s3Url);
    } catch (cause) {
      throw new MoverServiceError(
        MoverServiceErrorCode.StorageLocationInvalid,
        `BackupStorageLocation ${where}: spec.config.s3Url ${JSON.stringify(s3Url)} is not a URL`,
        { cause },
      );
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw invalid('spec.config.s3Url', `${JSON.stringify(s3Url)} must start with http:// or https://`);
    endpoint = `${url.protocol}//${url.host}`;
  } else if (region) {
    endpoint = `https://s3.${region}.amazonaws.com`;
  } else {
    throw invalid('spec.config', 'has neither s3Url nor region: set region (AWS) or s3Url (other S3 stores)');
  }
  if (spec.credential && !spec.credential.name)
    throw invalid('spec.credential.name', 'is empty: name the Secret holding the credentials file');
  return {
    endpoint,
    region: region || 'us-east-1',
    bucket,
    prefix: (spec.objectStorage.prefix ?? '').replace(/^\/+|\/+$/g, ''),
    insecureSkipTlsVerify: config['insecureSkipTLSVerify']?.trim().toLowerCase() === 'true',
    profile: config['profile']?.trim() || 'default',
    credential: spec.credential?.name ? { name: spec.credential.name, key: spec.credential.key } : defaultCredentialSecret,
  };
}

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
