// Pure argument and environment builders for the restic CLI, laid out as Velero's legacy restic
// path does (docs/velero-compatibility.md#restic). Secrets (repository password, S3 keys) only ever
// go into the environment; arguments hold the repository id, paths, tags and snapshot ids.
import { posix } from 'node:path';
import type { RepositoryAccess, S3RepositoryLocation } from '../uploader';

/** The host every snapshot is recorded with (Velero: `--host=velero`). */
export const resticHost = 'velero';

/** Tag that records the snapshot's source identity (`<namespace>/<pvc>`), as restic paths are mount paths. */
export const resticSourceTag = 'ferry-source';

/** Flags every restic command gets: repository, cache folder, TLS verification. */
export interface ResticGlobalOptions {
  readonly repository: string;
  readonly cacheDir: string;
  readonly insecureTls: boolean;
}

/** Filters of `restic snapshots`: all must match. */
export interface ResticSnapshotFilter {
  readonly tags?: Readonly<Record<string, string>>;
  readonly host?: string;
  readonly path?: string;
  /** Only the newest `latest` snapshots (per host and path group). */
  readonly latest?: number;
}

/**
 * The restic repository id of a location: `s3:<endpoint>/<bucket>/<prefix>/restic/<ns>`, the path
 * part normalized like Go's `path.Join` (no duplicate, leading or trailing slashes), the endpoint
 * without a trailing slash; no endpoint means AWS (`s3-<region>.amazonaws.com`).
 */
export function resticRepositoryId(location: S3RepositoryLocation): string {
  const endpoint = location.endpoint.trim().replace(/\/+$/, '') || `s3-${location.region}.amazonaws.com`;
  const path = posix.join(location.bucket, location.prefix, 'restic', location.volumeNamespace).replace(/^\/+|\/+$/g, '');
  return `s3:${endpoint}/${path}`;
}

/** The global options of a repository access; the cache lives under the access's work folder. */
export function resticGlobalOptions(access: RepositoryAccess): ResticGlobalOptions {
  return {
    repository: resticRepositoryId(access.location),
    cacheDir: posix.join(access.workDir, '.cache', 'restic'),
    insecureTls: access.location.insecureSkipTlsVerify === true,
  };
}

/**
 * The environment of a restic run: the password through `RESTIC_PASSWORD_FILE` when a (0600) file
 * is given, else `RESTIC_PASSWORD`; S3 credentials and region through the AWS variables; status
 * lines once a second.
 */
export function resticEnvironment(access: RepositoryAccess, passwordFile?: string): Record<string, string> {
  const { location } = access;
  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: location.accessKeyId,
    AWS_SECRET_ACCESS_KEY: location.secretAccessKey,
    AWS_DEFAULT_REGION: location.region,
    // Without a terminal restic prints status once a minute; once a second feeds live progress.
    RESTIC_PROGRESS_FPS: '1',
  };
  if (location.sessionToken) env['AWS_SESSION_TOKEN'] = location.sessionToken;
  if (passwordFile) env['RESTIC_PASSWORD_FILE'] = passwordFile;
  else env['RESTIC_PASSWORD'] = access.password;
  return env;
}

function globalArgs(options: ResticGlobalOptions): string[] {
  const args = [`--repo=${options.repository}`, `--cache-dir=${options.cacheDir}`];
  if (options.insecureTls) args.push('--insecure-tls');
  return args;
}

/** `k=v` tags in a stable order; throws on a comma, which restic would split into two tags. */
export function resticTags(tags: Readonly<Record<string, string>>): string[] {
  return Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => {
      const tag = `${key}=${value}`;
      if (tag.includes(',')) throw new RangeError(`restic tag "${tag}" contains a comma, which restic reads as two tags`);
      return tag;
    });
}

/** `restic cat config`: succeeds only when the repository exists and the password opens it. */
export function catConfigArgs(options: ResticGlobalOptions): string[] {
  return ['cat', 'config', ...globalArgs(options)];
}

/** `restic init`. */
export function initArgs(options: ResticGlobalOptions): string[] {
  return ['init', ...globalArgs(options)];
}

/**
 * `restic backup . --tag=k=v… --host=velero --json [--parent=<id> | --force]`; run with cwd = the
 * source folder. `parent` is a snapshot id, `none` (re-read every file) or undefined (no parent).
 */
export function backupArgs(
  options: ResticGlobalOptions,
  tags: Readonly<Record<string, string>>,
  parent?: { readonly id: string } | 'none',
): string[] {
  const args = ['backup', '.', ...resticTags(tags).map((tag) => `--tag=${tag}`), `--host=${resticHost}`, '--json'];
  if (parent === 'none') args.push('--force');
  else if (parent) args.push(`--parent=${parent.id}`);
  return [...args, ...globalArgs(options)];
}

/** `restic snapshots --json` with filters; all tags in one `--tag` so that all must match. */
export function snapshotsArgs(options: ResticGlobalOptions, filter: ResticSnapshotFilter = {}): string[] {
  const args = ['snapshots', '--json'];
  const tags = filter.tags ? resticTags(filter.tags) : [];
  if (tags.length > 0) args.push(`--tag=${tags.join(',')}`);
  if (filter.host) args.push(`--host=${filter.host}`);
  if (filter.path) args.push(`--path=${filter.path}`);
  if (filter.latest !== undefined) args.push(`--latest=${filter.latest}`);
  return [...args, ...globalArgs(options)];
}

/** `restic restore <id> --target=. --json` (status lines with restored and total bytes); run with cwd = the target folder. */
export function restoreArgs(options: ResticGlobalOptions, snapshotId: string): string[] {
  return ['restore', snapshotId, '--target=.', '--json', ...globalArgs(options)];
}

/** How long `forget` waits for a backup holding the repository lock before it fails `UPLOADER_REPOSITORY_LOCKED`. */
export const forgetLockWait = '2m';

/**
 * `restic forget --retry-lock=2m <id>…` (Velero's restic `Forget`; pruning is maintenance).
 * forget needs the exclusive lock, so it waits for a running backup of the same repository
 * instead of failing at once. The ids follow `--`, so an id can never be read as a flag.
 */
export function forgetArgs(options: ResticGlobalOptions, snapshotIds: readonly string[]): string[] {
  return ['forget', `--retry-lock=${forgetLockWait}`, ...globalArgs(options), '--', ...snapshotIds];
}

/** `restic check`. */
export function checkArgs(options: ResticGlobalOptions): string[] {
  return ['check', ...globalArgs(options)];
}
