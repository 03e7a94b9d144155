// Reads the tarball's entry names back (reference §9): `resources/<gr>/cluster/<name>.json`,
// `resources/<gr>/namespaces/<ns>/<name>.json`, and the same under a version directory
// (`<gr>/<ver>-preferredversion/…` or `<gr>/<ver>/…`, Velero's EnableAPIGroupVersions layout).
import { preferredVersionSuffix } from '@ferry/backup';

/** One item entry of the tarball. */
export interface ArchiveItemEntry {
  /** `deployments.apps`, core bare (`pods`). */
  readonly groupResource: string;
  /** `""` = the legacy path; else the version directory (`v1-preferredversion`, `v1beta1`). */
  readonly versionDir: string;
  /** `""` for cluster-scoped items. */
  readonly namespace: string;
  readonly name: string;
}

const jsonSuffix = '.json';

function scoped(parts: readonly string[]): { namespace: string; name: string } | undefined {
  const [scope, first, second, ...rest] = parts;
  if (rest.length > 0) return undefined;
  if (scope === 'cluster' && first !== undefined && second === undefined) return { namespace: '', name: first };
  if (scope === 'namespaces' && first && second !== undefined) return { namespace: first, name: second };
  return undefined;
}

/**
 * The item an entry name holds, or undefined for any other entry (`metadata/version`,
 * directories, unknown layouts). A leading `./` is ignored. Pure.
 */
export function parseArchiveEntry(entryName: string): ArchiveItemEntry | undefined {
  const path = entryName.replace(/^\.\//, '');
  if (!path.startsWith('resources/') || !path.endsWith(jsonSuffix)) return undefined;
  const [, groupResource, ...rest] = path.slice(0, -jsonSuffix.length).split('/');
  if (!groupResource || rest.length === 0) return undefined;
  const legacy = scoped(rest);
  if (legacy && (rest[0] === 'cluster' || rest[0] === 'namespaces')) return { groupResource, versionDir: '', ...legacy };
  const [versionDir, ...tail] = rest;
  const item = scoped(tail);
  return versionDir && item ? { groupResource, versionDir, ...item } : undefined;
}

/** The API version a version directory names (`v1-preferredversion` → `v1`). Pure. */
export function versionOfDir(versionDir: string): string {
  return versionDir.endsWith(preferredVersionSuffix) ? versionDir.slice(0, -preferredVersionSuffix.length) : versionDir;
}

/** Whether the directory is the backup cluster's preferred version. Pure. */
export function isPreferredVersionDir(versionDir: string): boolean {
  return versionDir.endsWith(preferredVersionSuffix);
}
