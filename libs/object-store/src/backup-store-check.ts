// Velero's backup store check (`IsValid`): the bucket answers a listing of the BSL's prefix with
// these credentials, and every folder directly under the prefix is one of Velero's own.
import { describeInvalidTopLevelDirectories, invalidTopLevelDirectories, rootPrefix } from '@ferry/storage-location';
import type { ObjectStore } from './s3-object-store';

/**
 * Lists the top level of `store`'s prefix. Resolves undefined when the store is usable, else
 * Velero's sentence naming the invalid top-level folders. Rejects with the ObjectStoreError of
 * the listing (bucket missing, credentials refused, endpoint unreachable).
 */
export async function checkBackupStore(store: ObjectStore, signal?: AbortSignal): Promise<string | undefined> {
  const listed = await store.listCommonPrefixes(rootPrefix(store.prefix), signal);
  return describeInvalidTopLevelDirectories(invalidTopLevelDirectories(store.prefix, listed));
}
