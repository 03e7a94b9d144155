// Which TLS certificates a download from a presigned URL trusts, as Velero's CLI decides
// (pkg/cmd/util/cacert and downloadrequest.download): the system roots plus the `--cacert` file,
// else the CA of the backup's storage location (its `caCertRef` Secret key, else the deprecated
// inline `caCert`); `--insecure-skip-tls-verify` checks nothing.
import { readFile } from 'node:fs/promises';
import type { Backup, BackupStorageLocation } from '@ferry/api';
import { getOrUndefined } from '@ferry/kube';
import type { CliIo } from '../cli-io';
import type { VeleroResources } from './velero-resources';

/** What a download trusts: extra PEM roots, or nothing checked; `failure` makes every download fail with it. */
export interface DownloadTrust {
  readonly insecureSkipTlsVerify: boolean;
  /** PEM certificates trusted besides the system roots. */
  readonly extraCa: readonly string[];
  /** Velero's `couldn't open cacert: …` when `--cacert` is unreadable and the location has no CA. */
  readonly failure?: string;
  /** Why the location's CA could not be read, when it could not (downloads go on without it). */
  readonly locationCaFailure?: string;
}

/** The TLS flags of the commands that download (`describe`, `logs`, `download`). */
export interface TlsFlags {
  readonly cacert?: string;
  readonly insecureSkipTlsVerify?: boolean;
}

/** Trust of the system roots only: what a download uses when no flag and no location CA says otherwise. */
export const systemTrust: DownloadTrust = { insecureSkipTlsVerify: false, extraCa: [] };

/** The message of a failure, also of one made in another realm (Node's fs errors under a test runner's VM). */
const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);

async function secretCa(resources: VeleroResources, namespace: string, ref: { name?: string; key: string }): Promise<string> {
  const name = ref.name ?? '';
  const secret = await getOrUndefined(`get Secret ${namespace}/${name}`, () =>
    resources.kube.core.readNamespacedSecret({ name, namespace }),
  );
  if (!secret) throw new Error(`certificate secret ${name} not found in namespace ${namespace}`);
  if (!ref.key) throw new Error('caCertRef key is empty');
  const data = secret.data?.[ref.key];
  if (data === undefined) throw new Error(`key ${ref.key} not found in secret ${name}`);
  return Buffer.from(data, 'base64').toString('utf8');
}

/**
 * Velero's `GetCACertFromBSL`: the PEM CA of location `name`, or '' when there is no name, no
 * location, or no CA on it. Rejects when its `caCertRef` Secret or key is missing or unreadable.
 */
export async function locationCaCert(resources: VeleroResources, namespace: string, name: string | undefined): Promise<string> {
  if (!name) return '';
  const location: BackupStorageLocation | undefined = await resources.storageLocations.find(namespace, name);
  const storage = location?.spec?.objectStorage;
  if (!storage) return '';
  if (storage.caCertRef) return secretCa(resources, namespace, storage.caCertRef);
  return storage.caCert ? Buffer.from(storage.caCert, 'base64').toString('utf8') : '';
}

/** Velero's `GetCACertFromRestore`: the CA of the location of the restore's backup ('' when the backup is gone). */
export async function backupLocationCaCert(resources: VeleroResources, namespace: string, backupName: string | undefined): Promise<string> {
  const backup: Backup | undefined = backupName ? await resources.backups.find(namespace, backupName) : undefined;
  return backup ? locationCaCert(resources, namespace, backup.spec?.storageLocation ?? undefined) : '';
}

/**
 * The trust of a download given the flags and a way to read the location's CA. A failure to read
 * the location's CA is a warning on stderr (Velero goes on without it); an unreadable `--cacert`
 * falls back to the location's CA with a warning, or fails every download without one.
 */
export async function downloadTrust(io: CliIo, flags: TlsFlags, readLocationCa: () => Promise<string>): Promise<DownloadTrust> {
  const insecureSkipTlsVerify = flags.insecureSkipTlsVerify === true;
  let locationCaFailure: string | undefined;
  const locationCa = await readLocationCa().catch((error: unknown) => {
    locationCaFailure = messageOf(error);
    io.err(`WARNING: Error getting cacert from BSL: ${locationCaFailure}\n`);
    return '';
  });
  const base = { insecureSkipTlsVerify, ...(locationCaFailure === undefined ? {} : { locationCaFailure }) };
  if (!flags.cacert) return { ...base, extraCa: locationCa ? [locationCa] : [] };
  try {
    return { ...base, extraCa: [await readFile(flags.cacert, 'utf8')] };
  } catch (error) {
    if (!locationCa) return { ...base, extraCa: [], failure: `couldn't open cacert: ${messageOf(error)}` };
    io.err(
      `Warning: Failed to open CA certificate file ${flags.cacert}: ${messageOf(error)}. Using CA certificate from backup storage location instead.\n`,
    );
    return { ...base, extraCa: [locationCa] };
  }
}
