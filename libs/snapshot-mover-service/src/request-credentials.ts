// The per-request credentials (OADP's on-demand restic secret): the user's secret named by
// `resticSecretRef` supplies RESTIC_PASSWORD, the BSL supplies the repository and its credentials
// file. Ferry copies them into a Secret per VSB/VSR next to the DataUpload/DataDownload (which names
// it in `dataMoverConfig.credentialsSecret`) and deletes it when the operation ends. Values never
// reach logs, statuses or Events: only key names appear in messages.
import type { BackupStorageLocation } from '@ferry/api';
import type { V1Secret } from '@kubernetes/client-node';
import { invalidRequest } from './errors';
import { RequestSecretKey } from './snapshot-mover-names';
import type { SnapshotMoverApi } from './snapshot-mover-api';

/** The secret material of one request. */
export interface RequestCredentials {
  readonly password: string;
  /** The BSL's credentials file (Velero's `cloud` format), when the BSL names one. */
  readonly cloud?: string;
}

function secretValue(secret: V1Secret, key: string): string | undefined {
  const plain = secret.stringData?.[key];
  if (plain !== undefined) return plain;
  const encoded = secret.data?.[key];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}

/**
 * Reads RESTIC_PASSWORD from the Secret `spec.resticSecretRef.name` in `namespace` (the protected
 * namespace, as OADP keeps it). Rejects with an InvalidRequest naming the field, the Secret or
 * the key when one is missing or empty.
 */
export async function readResticPassword(
  api: SnapshotMoverApi,
  namespace: string,
  ref: { name?: string | undefined } | undefined,
): Promise<string> {
  const name = ref?.name?.trim();
  if (!name)
    throw invalidRequest('spec.resticSecretRef.name is required: name the Secret (in the protected namespace) holding RESTIC_PASSWORD');
  const secret = await api.findSecret(namespace, name);
  if (!secret)
    throw invalidRequest(
      `spec.resticSecretRef.name: Secret ${namespace}/${name} does not exist: create it with key ${RequestSecretKey.Password}`,
    );
  const password = secretValue(secret, RequestSecretKey.Password)?.trim();
  if (!password)
    throw invalidRequest(`spec.resticSecretRef.name: Secret ${namespace}/${name} has no non-empty key ${RequestSecretKey.Password}`);
  return password;
}

/** The BSL's credentials file (`spec.credential` key of its Secret), undefined when it names none. */
export async function readLocationCredential(api: SnapshotMoverApi, bsl: BackupStorageLocation): Promise<string | undefined> {
  const credential = bsl.spec?.credential;
  const namespace = bsl.metadata?.namespace ?? '';
  if (!credential?.name) return undefined;
  const secret = await api.findSecret(namespace, credential.name);
  const value = secret ? secretValue(secret, credential.key) : undefined;
  if (value === undefined) {
    throw invalidRequest(
      `BackupStorageLocation ${namespace}/${bsl.metadata?.name ?? ''}: spec.credential names Secret ${credential.name} key ${credential.key}, which does not exist`,
    );
  }
  return value;
}

/** The per-request Secret's data: repository identifier, password and (when known) credentials file. */
export function requestSecretData(repository: string, credentials: RequestCredentials): Record<string, string> {
  return {
    [RequestSecretKey.Repository]: repository,
    [RequestSecretKey.Password]: credentials.password,
    ...(credentials.cloud !== undefined ? { [RequestSecretKey.Cloud]: credentials.cloud } : {}),
  };
}
