// A backup tarball built the way Velero's backup writes it (reference §9), not by Ferry: gzip'd tar
// of regular entries with mode 0755, `metadata/version` = `1.1.0\n`, and each item's compact JSON
// under the legacy path and, for resources that have them, version directories
// (`<v>-preferredversion` and, as with EnableAPIGroupVersions, non-preferred `<v>`).
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** One backed-up item: where it lives and its body per directory (`""` = the legacy path). */
export interface VeleroTarballItem {
  /** The resource directory: `<resource>.<group>`, bare for the core group. */
  readonly resource: string;
  /** Its namespace; undefined for a cluster-scoped item. */
  readonly namespace?: string;
  readonly name: string;
  /** Directory → body, e.g. `{ '': v2, 'v2-preferredversion': v2, v1: v1 }`; a string is written as it is (a corrupt entry). */
  readonly bodies: Readonly<Record<string, object | string>>;
}

/** `resources/<resource>/[<dir>/]<cluster|namespaces/<ns>>/<name>.json`, as Velero's archive package spells it. */
export function veleroItemPath(resource: string, dir: string, namespace: string | undefined, name: string): string {
  const scope = namespace === undefined ? 'cluster' : `namespaces/${namespace}`;
  return `resources/${resource}/${dir === '' ? '' : `${dir}/`}${scope}/${name}.json`;
}

/** The gzip'd tarball of `items`, `metadata/version` first, every entry a 0755 regular file. */
export async function veleroLayoutTarball(items: readonly VeleroTarballItem[]): Promise<Buffer> {
  const archive = pack();
  const mtime = new Date();
  const add = (name: string, body: string) => archive.entry({ name, mode: 0o755, mtime, type: 'file' }, body);
  add('metadata/version', '1.1.0\n');
  for (const item of items)
    for (const [dir, body] of Object.entries(item.bodies))
      add(veleroItemPath(item.resource, dir, item.namespace, item.name), typeof body === 'string' ? body : JSON.stringify(body));
  archive.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of archive) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}
