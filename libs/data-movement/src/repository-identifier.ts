// The identifier of a backup repository (docs/velero-compatibility.md#repositories): one repository per backup storage
// location, uploader and volume namespace, named as Velero's `GetRepoIdentifier` names it
// (`s3:<s3Url|https://s3-<region>.amazonaws.com>/<bucket>/<prefix>/<tool>/<ns>`, `azure:<bucket>:/…`,
// `gs:<bucket>:/…`; the BSL's `resticRepoPrefix` overrides the restic location). Kopia repositories
// get the same form with `kopia` as the tool folder. Pure.
import type { BackupStorageLocation } from '@ferry/api';
import type { MoverUploader } from './data-mover-selection';

/** An identifier, or why the BSL cannot name a repository. */
export type RepositoryIdentifierResult =
  { readonly ok: true; readonly identifier: string } | { readonly ok: false; readonly message: string };

const trimSlashes = (value: string): string => value.replace(/^\/+|\/+$/g, '');
const joinPath = (...parts: string[]): string =>
  parts
    .map(trimSlashes)
    .filter((part) => part !== '')
    .join('/');

/**
 * The repository identifier for `volumeNamespace` in `bsl` with `uploader`. Providers `aws`
 * (also `velero.io/aws`), `azure` and `gcp`; another provider is an error naming the BSL.
 */
export function repositoryIdentifier(
  bsl: BackupStorageLocation,
  volumeNamespace: string,
  uploader: MoverUploader,
): RepositoryIdentifierResult {
  const spec = bsl.spec;
  const name = bsl.metadata?.name ?? '(unnamed)';
  if (!spec) return { ok: false, message: `BackupStorageLocation ${name} has no spec` };
  const config = spec.config ?? {};
  const override = config['resticRepoPrefix']?.trim();
  if (uploader === 'restic' && override) return { ok: true, identifier: `${override.replace(/\/+$/, '')}/${volumeNamespace}` };
  const bucket = spec.objectStorage.bucket;
  const path = joinPath(spec.objectStorage.prefix ?? '', uploader, volumeNamespace);
  const provider = spec.provider.replace(/^velero\.io\//, '');
  switch (provider) {
    case 'aws': {
      const endpoint = config['s3Url']?.trim() || `https://s3-${config['region']?.trim() || 'us-east-1'}.amazonaws.com`;
      return { ok: true, identifier: `s3:${endpoint.replace(/\/+$/, '')}/${joinPath(bucket, path)}` };
    }
    case 'azure':
      return { ok: true, identifier: `azure:${bucket}:/${path}` };
    case 'gcp':
      return { ok: true, identifier: `gs:${bucket}:/${path}` };
    default:
      return {
        ok: false,
        message: `BackupStorageLocation ${name}: provider "${spec.provider}" has no repository identifier (aws, azure and gcp do)`,
      };
  }
}

/** What an identifier says about its repository. */
export interface ParsedRepositoryIdentifier {
  /** The tool folder (`restic` or `kopia`); undefined when a `resticRepoPrefix` hides it. */
  readonly uploader?: MoverUploader;
  /** The last path segment: the volume namespace. */
  readonly volumeNamespace: string;
}

/** Parses `…/<tool>/<namespace>`; undefined when the identifier has no namespace segment. */
export function parseRepositoryIdentifier(identifier: string): ParsedRepositoryIdentifier | undefined {
  const segments = identifier.trim().replace(/\/+$/, '').split('/');
  const volumeNamespace = segments.at(-1) ?? '';
  if (segments.length < 2 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(volumeNamespace)) return undefined;
  const tool = segments.at(-2);
  return { volumeNamespace, ...(tool === 'restic' || tool === 'kopia' ? { uploader: tool } : {}) };
}

/**
 * The BSL among `locations` whose repository identifier (for the parsed namespace and tool, restic
 * when hidden) equals `identifier` (trailing slashes ignored); undefined when none does.
 */
export function locationOfRepository(identifier: string, locations: readonly BackupStorageLocation[]): BackupStorageLocation | undefined {
  const parsed = parseRepositoryIdentifier(identifier);
  if (!parsed) return undefined;
  const wanted = identifier.trim().replace(/\/+$/, '');
  return locations.find((bsl) => {
    const computed = repositoryIdentifier(bsl, parsed.volumeNamespace, parsed.uploader ?? 'restic');
    return computed.ok && computed.identifier === wanted;
  });
}
