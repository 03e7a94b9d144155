// The finalized volume items turned into tarball entries (reference §9): each object at its legacy
// path and its `-preferredversion` copy, the body as Velero encodes an unstructured object; each
// claim's two entries rewritten with Velero's CSI labels and annotations. Pure.
import type { ObjectJson } from '../collection/additional-items';
import { encodeUnstructured, itemEntryNames } from '../collection/item-archive';
import { finalizedClaim } from './finalized-claim';
import type { FinalizedVolumeItems } from './finalized-volume-items';

/** What to change in a backup tarball. */
export interface TarballUpdate {
  /** Entries to write: an existing entry of that name is replaced, a missing one appended. */
  readonly put: ReadonlyMap<string, Buffer>;
  /** Existing entries to rewrite: the new body from the old one. */
  readonly patch: ReadonlyMap<string, (body: Buffer) => Buffer>;
}

/** The group/resource and version of core claims in the tarball. */
const claimResource = { groupResource: 'persistentvolumeclaims', version: 'v1' } as const;

/**
 * The entries of `volumes` for a Backup named `backupName`. A claim entry that is not JSON is left
 * as it is (the patch returns the old body), so a corrupt entry never fails the finalizing.
 */
export function finalizedTarballUpdate(volumes: FinalizedVolumeItems, backupName: string): TarballUpdate {
  const put = new Map<string, Buffer>();
  for (const entry of volumes.items) {
    const body = Buffer.from(encodeUnstructured(entry.object));
    for (const name of itemEntryNames(entry.groupResource, entry.version, entry.namespace, entry.name)) put.set(name, body);
  }
  const patch = new Map<string, (body: Buffer) => Buffer>();
  for (const [key, refs] of volumes.claims) {
    const [namespace = '', name = ''] = key.split('/');
    const rewrite = (body: Buffer): Buffer => {
      let claim: ObjectJson;
      try {
        claim = JSON.parse(body.toString('utf8')) as ObjectJson;
      } catch {
        return body;
      }
      return Buffer.from(encodeUnstructured(finalizedClaim(claim, refs, backupName)));
    };
    for (const entry of itemEntryNames(claimResource.groupResource, claimResource.version, namespace, name)) patch.set(entry, rewrite);
  }
  return { put, patch };
}
