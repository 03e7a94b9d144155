// From a BackupStorageLocation to the S3 coordinates of its object store
// (docs/velero-compatibility.md#repository-location): bucket and prefix from `spec.objectStorage`,
// endpoint, region and addressing from `spec.config`, credentials from `spec.credential` or
// Velero's default Secret. Pure.
import type { BackupStorageLocation } from '@ferry/api';
import { StorageLocationError, StorageLocationErrorCode } from './errors';

/** Velero's default credential Secret of a BSL without `spec.credential`, and its key. */
export const defaultCredentialSecret = { name: 'cloud-credentials', key: 'cloud' } as const;

/** What reaching a BSL's object store takes, before reading its credentials. */
export interface StorageLocationPlan {
  /** `http(s)://host[:port]`: `spec.config.s3Url`, else `https://s3.<region>.amazonaws.com`. */
  readonly endpoint: string;
  /**
   * `http(s)://host[:port]` of `spec.config.publicUrl`, when set: where download URLs point instead
   * of `endpoint` (Velero's AWS plugin presigns with it, for clients outside the cluster).
   */
  readonly publicEndpoint?: string;
  readonly region: string;
  /** `spec.objectStorage.bucket` without leading/trailing slashes. */
  readonly bucket: string;
  /** `spec.objectStorage.prefix` without leading/trailing slashes (`''` = the bucket's root). */
  readonly prefix: string;
  readonly insecureSkipTlsVerify: boolean;
  /** `spec.config.s3ForcePathStyle: "true"`: `endpoint/bucket/key` instead of `bucket.endpoint/key`. */
  readonly forcePathStyle: boolean;
  /** Profile of the credentials file: `spec.config.profile`, default `default`. */
  readonly profile: string;
  /** The Secret and key holding the credentials file. */
  readonly credential: { readonly name: string; readonly key: string };
}

/** `http(s)://host[:port]` of the URL `text` in `field`, or the error `invalid` makes. */
function endpointOf(
  text: string,
  field: string,
  invalid: (field: string, problem: string, cause?: unknown) => StorageLocationError,
): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw invalid(field, `${JSON.stringify(text)} is not a URL`, cause);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(field, `${JSON.stringify(text)} must start with http:// or https://`);
  return `${url.protocol}//${url.host}`;
}

const isTrue = (value: string | undefined): boolean => value?.trim().toLowerCase() === 'true';

/**
 * Reads what reaching the object store of `bsl` takes (`bsl` is called `where`, `namespace/name`,
 * in messages). Throws a {@link StorageLocationError} (`STORAGE_LOCATION_INVALID`) naming the
 * field: no spec, a provider other than AWS/S3-compatible, an empty bucket or one holding a `/`
 * (Velero's rule: the prefix goes in `prefix`), a malformed `s3Url` or `publicUrl`, or neither `s3Url` nor `region`.
 */
export function storageLocationPlan(bsl: BackupStorageLocation, where: string): StorageLocationPlan {
  const invalid = (field: string, problem: string, cause?: unknown) =>
    new StorageLocationError(StorageLocationErrorCode.Invalid, where, field, problem, { cause });
  const spec = bsl.spec;
  if (!spec) throw invalid('spec', 'is missing');
  if (!/^(velero\.io\/)?aws$/.test(spec.provider))
    throw invalid('spec.provider', `${JSON.stringify(spec.provider)} is not supported: Ferry speaks S3 (provider aws)`);
  const bucket = spec.objectStorage.bucket.trim().replace(/^\/+|\/+$/g, '');
  if (!bucket) throw invalid('spec.objectStorage.bucket', 'is empty');
  if (bucket.includes('/'))
    throw invalid(
      'spec.objectStorage.bucket',
      `${JSON.stringify(spec.objectStorage.bucket)} must not contain a '/': put a prefix in spec.objectStorage.prefix`,
    );
  const config = spec.config ?? {};
  const s3Url = config['s3Url']?.trim();
  const region = config['region']?.trim();
  const publicUrl = config['publicUrl']?.trim();
  let endpoint: string;
  if (s3Url) endpoint = endpointOf(s3Url, 'spec.config.s3Url', invalid);
  else if (region) endpoint = `https://s3.${region}.amazonaws.com`;
  else throw invalid('spec.config', 'has neither s3Url nor region: set region (AWS) or s3Url (other S3 stores)');
  if (spec.credential && !spec.credential.name)
    throw invalid('spec.credential.name', 'is empty: name the Secret holding the credentials file');
  return {
    endpoint,
    ...(publicUrl ? { publicEndpoint: endpointOf(publicUrl, 'spec.config.publicUrl', invalid) } : {}),
    region: region || 'us-east-1',
    bucket,
    prefix: (spec.objectStorage.prefix ?? '').replace(/^\/+|\/+$/g, ''),
    insecureSkipTlsVerify: isTrue(config['insecureSkipTLSVerify']),
    forcePathStyle: isTrue(config['s3ForcePathStyle']),
    profile: config['profile']?.trim() || 'default',
    credential: spec.credential?.name ? { name: spec.credential.name, key: spec.credential.key } : defaultCredentialSecret,
  };
}
