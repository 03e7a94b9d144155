// The DownloadUrlPresigner role and its object-store implementation: read the location's
// credential Secret (fresh: a fixed Secret takes effect at the next request) and presign a GET URL
// of the target's file. Signing sends nothing to the store, so a missing file still gets its URL
// (it answers 404, as Velero's does).
import type { BackupStorageLocation } from '@ferry/api';
import type { KubeClient } from '@ferry/kube';
import { ObjectStoreError, presignStorageLocationUrl } from '@ferry/object-store';
import { downloadUrlTtlMs } from '@ferry/storage-location';

/** The URL, or why the location cannot sign one (a sentence naming the field or Secret at fault; never a secret). */
export type PresignOutcome = { readonly url: string } | { readonly problem: string };

/** Signs download URLs in a BSL's bucket. */
export interface DownloadUrlPresigner {
  /**
   * A GET URL, valid for Velero's download TTL, of the key `keyOf` names from `location`'s prefix;
   * `{ problem }` when the location cannot be used as written (invalid BSL, missing or malformed
   * credentials: retrying cannot help). Rejects only when retrying can help (API server unreachable).
   */
  presign(location: BackupStorageLocation, keyOf: (prefix: string) => string): Promise<PresignOutcome>;
}

/** Options of {@link createObjectStorePresigner}. */
export interface ObjectStorePresignerOptions {
  readonly kube: KubeClient;
  /** Where the BSLs and their credential Secrets live. */
  readonly namespace: string;
}

/** A presigner over the location's S3 bucket, with its credentials read on every call. */
export function createObjectStorePresigner(options: ObjectStorePresignerOptions): DownloadUrlPresigner {
  return {
    async presign(location, keyOf) {
      try {
        const url = await presignStorageLocationUrl({ ...options, location }, keyOf, downloadUrlTtlMs / 1000);
        return { url };
      } catch (error) {
        if (!(error instanceof ObjectStoreError) || error.retryable) throw error;
        const name = location.metadata?.name ?? '';
        return { problem: `BackupStorageLocation "${name}" cannot sign a download URL: ${error.message}` };
      }
    },
  };
}
