// The StorageLocationValidator role and its object-store implementation: open the BSL's bucket
// with its credential Secret and run Velero's backup store check.
import type { BackupStorageLocation } from '@ferry/api';
import type { KubeClient } from '@ferry/kube';
import {
  checkBackupStore,
  ObjectStoreError,
  ObjectStoreErrorCode,
  openStorageLocation,
  type ObjectStoreClientOptions,
} from '@ferry/object-store';

/** Checks that a BSL's object store can be used. */
export interface StorageLocationValidator {
  /**
   * Resolves undefined when `location` can be used, else the problem (a sentence naming the
   * bucket, endpoint, Secret, field or folders at fault; never a secret). Rejects only when the
   * check itself could not run (the API server unreachable, a bug): the reconcile retries.
   */
  validate(location: BackupStorageLocation, signal: AbortSignal): Promise<string | undefined>;
}

/** Options of {@link createObjectStoreValidator}. */
export interface ObjectStoreValidatorOptions {
  readonly kube: KubeClient;
  /** Where the BSLs and their credential Secrets live. */
  readonly namespace: string;
  readonly client?: ObjectStoreClientOptions;
}

/** A validator that opens the BSL's bucket (a new client per check: credentials may have changed) and lists its prefix. */
export function createObjectStoreValidator(options: ObjectStoreValidatorOptions): StorageLocationValidator {
  return {
    async validate(location, signal) {
      try {
        const { store } = await openStorageLocation({ ...options, location });
        try {
          return await checkBackupStore(store, signal);
        } finally {
          store.close();
        }
      } catch (error) {
        if (error instanceof ObjectStoreError && error.code !== ObjectStoreErrorCode.KubeUnavailable) return error.message;
        throw error;
      }
    },
  };
}
