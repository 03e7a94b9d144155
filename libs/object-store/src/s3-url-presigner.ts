// Presigned GET URLs of a BSL's objects (@aws-sdk/s3-request-presigner: SigV4 in the query
// string), as Velero's object store plugins make them for DownloadRequests. Signing is local: no
// request reaches the store, so a URL of a missing object is made all the same (it answers 404).
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ObjectStoreError, ObjectStoreErrorCode } from './errors';
import { createS3Client } from './s3-object-store';
import { readStorageLocationAccess, type OpenStorageLocationOptions, type StorageLocationAccess } from './storage-location-opener';

/** What {@link presignObjectUrl} signs. */
export interface PresignRequest {
  /** The object's key in the bucket (prefix included). */
  readonly key: string;
  /** How long the URL is valid, in whole seconds (S3 allows 1 s to 7 days). */
  readonly expiresInSeconds: number;
}

/**
 * A GET URL of `request.key` in `access`'s bucket, valid `request.expiresInSeconds`, signed with
 * its credentials, at the plan's `publicEndpoint` when set (else its endpoint). The URL holds a
 * signature, never the secret key. Rejects with an ObjectStoreError (`REQUEST_FAILED`) when signing fails.
 */
export async function presignObjectUrl(access: StorageLocationAccess, request: PresignRequest): Promise<string> {
  const { plan, credentials } = access;
  const client = createS3Client(plan, credentials, {}, plan.publicEndpoint ?? plan.endpoint);
  try {
    return await getSignedUrl(client, new GetObjectCommand({ Bucket: plan.bucket, Key: request.key }), {
      expiresIn: request.expiresInSeconds,
    });
  } catch (cause) {
    throw new ObjectStoreError(
      ObjectStoreErrorCode.RequestFailed,
      `presign get ${request.key} in bucket "${plan.bucket}": signing failed`,
      {
        cause,
        retryable: false,
      },
    );
  } finally {
    client.destroy();
  }
}

/**
 * Reads `options.location`'s credentials (fresh from its Secret) and presigns the GET URL of the
 * key `keyOf` names from the location's plan (its prefix). Rejects as `openStorageLocation` does
 * (`LOCATION_INVALID`, `CREDENTIALS_NOT_FOUND`, `CREDENTIALS_INVALID`, `KUBE_UNAVAILABLE`) or as
 * {@link presignObjectUrl}.
 */
export async function presignStorageLocationUrl(
  options: OpenStorageLocationOptions,
  keyOf: (prefix: string) => string,
  expiresInSeconds: number,
): Promise<string> {
  const access = await readStorageLocationAccess(options);
  return presignObjectUrl(access, { key: keyOf(access.plan.prefix), expiresInSeconds });
}
