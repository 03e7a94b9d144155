// Pure argument and environment builders for the kopia CLI (docs/velero-compatibility.md#kopia).
// Secrets (repository password, S3 keys) only ever go into the environment, never into argv.
import { join } from 'node:path';
import type { RepositoryAccess, S3RepositoryLocation } from '../uploader';

/** Kopia's snapshot owner as Velero writes it: user `default`, host `default`. */
export const kopiaSnapshotOwner = 'default@default';

/** Velero's repository prefix: `<bsl prefix>/kopia/<ns>/`, slashes trimmed, `kopia/<ns>/` without a prefix. */
export function kopiaRepositoryPrefix(location: S3RepositoryLocation): string {
  const prefix = location.prefix.replace(/^\/+|\/+$/g, '');
  return `${prefix ? `${prefix}/` : ''}kopia/${location.volumeNamespace}/`;
}

/** Flags every kopia command gets: config and logs in the access's private `workDir`. */
export function kopiaCommonArgs(access: RepositoryAccess): string[] {
  return [`--config-file=${join(access.workDir, 'kopia', 'repository.config')}`, `--log-dir=${join(access.workDir, 'kopia', 'logs')}`];
}

/** Path of the config file that `repository connect/create` writes (exists once connected). */
export function kopiaConfigPath(access: RepositoryAccess): string {
  return join(access.workDir, 'kopia', 'repository.config');
}

/**
 * `repository create s3 …` or `repository connect s3 …`. The endpoint is passed as `host:port`
 * (kopia takes no scheme): an `http://` endpoint adds `--disable-tls`. Credentials are not
 * persisted: every later command reads the password from `KOPIA_PASSWORD` again.
 */
export function kopiaRepositoryArgs(mode: 'create' | 'connect', access: RepositoryAccess): string[] {
  const { location } = access;
  const url = new URL(location.endpoint);
  return [
    'repository',
    mode,
    's3',
    `--bucket=${location.bucket}`,
    `--prefix=${kopiaRepositoryPrefix(location)}`,
    `--endpoint=${url.host}`,
    ...(location.region ? [`--region=${location.region}`] : []),
    ...(url.protocol === 'http:' ? ['--disable-tls'] : []),
    ...(location.insecureSkipTlsVerify ? ['--disable-tls-verification'] : []),
    '--override-username=default',
    '--override-hostname=default',
    '--no-persist-credentials',
    `--cache-directory=${join(access.workDir, 'kopia', 'cache')}`,
    ...kopiaCommonArgs(access),
  ];
}

/**
 * `snapshot create <dir> --override-source=default@default:<sourceName> --tags=k:v… --json`. Kopia
 * 0.22 supports `--override-source`, so the snapshot's source is Velero's `<ns>/<pvc>` path and
 * kopia picks its own parent (latest snapshot of the same source). Kopia stores tags as `tag:<k>`.
 * `fullBackup` re-hashes every file (`--force-hash=100`) instead of trusting the parent's metadata.
 */
export function kopiaSnapshotCreateArgs(
  access: RepositoryAccess,
  sourceDir: string,
  sourceName: string,
  tags: Readonly<Record<string, string>>,
  fullBackup = false,
): string[] {
  return [
    'snapshot',
    'create',
    sourceDir,
    `--override-source=${kopiaSnapshotOwner}:${sourceName}`,
    ...Object.entries(tags).map(([key, value]) => `--tags=${key}:${value}`),
    ...(fullBackup ? ['--force-hash=100'] : []),
    '--json',
    ...kopiaCommonArgs(access),
  ];
}

/** `snapshot list --all --json`: every source's snapshots, filtered by the parser. */
export function kopiaSnapshotListArgs(access: RepositoryAccess): string[] {
  return ['snapshot', 'list', '--all', '--json', ...kopiaCommonArgs(access)];
}

/** `snapshot restore <id> <target>`. */
export function kopiaSnapshotRestoreArgs(access: RepositoryAccess, snapshotId: string, targetDir: string): string[] {
  return ['snapshot', 'restore', snapshotId, targetDir, ...kopiaCommonArgs(access)];
}

/** `manifest show <id>`: the snapshot's manifest (exact size in `rootEntry.summ.size`) after `//` header lines. */
export function kopiaManifestShowArgs(access: RepositoryAccess, snapshotId: string): string[] {
  return ['manifest', 'show', ...kopiaCommonArgs(access), '--', snapshotId];
}

/**
 * `snapshot delete --delete -- <id>…` (Velero's kopia `Forget` deletes the snapshot manifests; the
 * contents go at maintenance). The ids follow `--`, so an id can never be read as a flag.
 */
export function kopiaSnapshotDeleteArgs(access: RepositoryAccess, snapshotIds: readonly string[]): string[] {
  return ['snapshot', 'delete', '--delete', ...kopiaCommonArgs(access), '--', ...snapshotIds];
}

/** `snapshot verify`: checks that every object all snapshots reference is present in the repository. */
export function kopiaSnapshotVerifyArgs(access: RepositoryAccess): string[] {
  return ['snapshot', 'verify', ...kopiaCommonArgs(access)];
}

/** The environment of every kopia run: password and S3 keys, and no update check. */
export function kopiaEnvironment(access: RepositoryAccess): Record<string, string> {
  const { location } = access;
  return {
    KOPIA_PASSWORD: access.password,
    AWS_ACCESS_KEY_ID: location.accessKeyId,
    AWS_SECRET_ACCESS_KEY: location.secretAccessKey,
    ...(location.sessionToken ? { AWS_SESSION_TOKEN: location.sessionToken } : {}),
    KOPIA_CHECK_FOR_UPDATES: 'false',
  };
}
