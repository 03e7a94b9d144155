// Test support only (never imported by library code): reads the upstream reference CRDs in
// libs/api/reference-crds/ and the committed manifests in deploy/crds/. Tests may do IO; keeping
// it in this one file leaves the library's own modules pure.
// eslint-disable-next-line no-restricted-imports -- test fixtures are files on disk
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Folder of the unchanged upstream CRDs. */
export const referenceCrdRoot = join(__dirname, '..', '..', 'reference-crds');
/** Folder of the committed generated manifests. */
export const deployCrdRoot = join(__dirname, '..', '..', '..', '..', 'deploy', 'crds');

/** The upstream reference folder holding a group's CRDs. */
export function referenceFolderOf(group: string): 'velero' | 'oadp' | 'snapshot' {
  if (group === 'velero.io') return 'velero';
  return group === 'snapshot.storage.k8s.io' ? 'snapshot' : 'oadp';
}

/** Relative paths (`velero/velero.io_backups.yaml`...) of every reference CRD. */
export function listReferenceCrdFiles(): string[] {
  return ['velero', 'oadp', 'snapshot'].flatMap((folder) => readdirSync(join(referenceCrdRoot, folder)).map((file) => `${folder}/${file}`));
}

/** Exact text of a reference CRD (path relative to the reference folder). */
export function readReferenceCrdText(path: string): string {
  return readFileSync(join(referenceCrdRoot, path), 'utf8');
}

/** A reference CRD parsed from YAML. */
export function readReferenceCrd<T>(path: string): T {
  return parse(readReferenceCrdText(path)) as T;
}

/** Relative paths of every file under deploy/crds/ (sub-folders as `snapshot/x.yaml`). */
export function listDeployCrdFiles(dir = deployCrdRoot, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listDeployCrdFiles(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

/** Exact text of a committed file under deploy/crds/. */
export function readDeployCrdText(path: string): string {
  return readFileSync(join(deployCrdRoot, path), 'utf8');
}
