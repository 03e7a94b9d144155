// From a BackupStorageLocation object to an ObjectStore: its plan (@ferry/storage-location), its
// credential Secret read from the API server on every call (a fixed Secret takes effect at the
// next open), the AWS credentials file parsed. No secret value reaches a message.
import type { BackupStorageLocation } from '@ferry/api';
import { getOrUndefined, isNotFound, KubeError, type KubeClient } from '@ferry/kube';
import {
  describeAwsCredentialsProblem,
  parseAwsCredentials,
  StorageLocationError,
  storageLocationPlan,
  type AwsCredentials,
  type StorageLocationPlan,
} from '@ferry/storage-location';
import { ObjectStoreError, ObjectStoreErrorCode } from './errors';
import { createS3ObjectStore, type ObjectStore, type ObjectStoreClientOptions } from './s3-object-store';

/** What {@link openStorageLocation} needs. */
export interface OpenStorageLocationOptions {
  readonly kube: KubeClient;
  /** Where the BSL and its credential Secret live (Velero's namespace). */
  readonly namespace: string;
  readonly location: BackupStorageLocation;
  readonly client?: ObjectStoreClientOptions;
}

/** An opened location: its plan and its store (the caller closes the store). */
export interface OpenedStorageLocation {
  readonly plan: StorageLocationPlan;
  readonly store: ObjectStore;
}

function planOf(location: BackupStorageLocation, where: string): StorageLocationPlan {
  try {
    return storageLocationPlan(location, where);
  } catch (error) {
    if (error instanceof StorageLocationError)
      throw new ObjectStoreError(ObjectStoreErrorCode.LocationInvalid, error.problem, { cause: error });
    throw error;
  }
}

async function readCredentialsFile(kube: KubeClient, namespace: string, plan: StorageLocationPlan): Promise<string> {
  const { name, key } = plan.credential;
  const what = `credential Secret ${namespace}/${name}`;
  let secret;
  try {
    secret = await getOrUndefined(`get ${what}`, () => kube.core.readNamespacedSecret({ name, namespace }));
  } catch (error) {
    const reason = error instanceof KubeError && !isNotFound(error) ? error.code : 'unknown failure';
    throw new ObjectStoreError(ObjectStoreErrorCode.KubeUnavailable, `cannot read ${what} (${reason})`, { cause: error });
  }
  if (!secret)
    throw new ObjectStoreError(ObjectStoreErrorCode.CredentialsNotFound, `${what} does not exist; create it or fix spec.credential`);
  const encoded = secret.data?.[key];
  if (encoded === undefined) {
    throw new ObjectStoreError(ObjectStoreErrorCode.CredentialsNotFound, `${what} has no key ${key}; add it or fix spec.credential.key`);
  }
  return Buffer.from(encoded, 'base64').toString('utf8');
}

/** A location's plan and its parsed credentials (never logged; the caller builds its client from them). */
export interface StorageLocationAccess {
  readonly plan: StorageLocationPlan;
  readonly credentials: AwsCredentials;
}

/**
 * Plans `options.location` and reads its credentials from its Secret. Rejects as
 * {@link openStorageLocation} does; sends nothing to the store.
 */
export async function readStorageLocationAccess(options: OpenStorageLocationOptions): Promise<StorageLocationAccess> {
  const { kube, namespace, location } = options;
  const plan = planOf(location, `${namespace}/${location.metadata?.name ?? ''}`);
  const text = await readCredentialsFile(kube, namespace, plan);
  const parsed = parseAwsCredentials(text, plan.profile);
  if (!parsed.ok) {
    throw new ObjectStoreError(
      ObjectStoreErrorCode.CredentialsInvalid,
      `credential Secret ${namespace}/${plan.credential.name} key ${plan.credential.key} ${describeAwsCredentialsProblem(parsed.problem)}`,
    );
  }
  return { plan, credentials: parsed.credentials };
}

/**
 * Opens the object store of `options.location`. Rejects with an ObjectStoreError:
 * `LOCATION_INVALID` (naming the field), `CREDENTIALS_NOT_FOUND` (naming the Secret and key),
 * `CREDENTIALS_INVALID` (naming the profile or key), `KUBE_UNAVAILABLE` (retryable). Sends nothing
 * to the store: its first request is the caller's.
 */
export async function openStorageLocation(options: OpenStorageLocationOptions): Promise<OpenedStorageLocation> {
  const { plan, credentials } = await readStorageLocationAccess(options);
  return { plan, store: createS3ObjectStore(plan, credentials, options.client) };
}
