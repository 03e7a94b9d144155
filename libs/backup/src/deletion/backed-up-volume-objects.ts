// The DataUploads and PodVolumeBackups a backup stored in the bucket, where Velero looks for the
// repository snapshots of a backup whose objects are not in the cluster (a backup synced from the
// bucket into a fresh cluster): DataUploads are items of the tarball (§9), PodVolumeBackups the
// `<b>-podvolumebackups.json.gz` list. Pure: callers read the bytes.
import { dataUploadSchema, podVolumeBackupSchema, type DataUpload, type PodVolumeBackup } from '@ferry/api';

const dataUploadEntry = /^resources\/datauploads\.velero\.io\/namespaces\/[^/]+\/[^/]+\.json$/;

/**
 * Whether a tarball entry is a DataUpload at its legacy path
 * (`resources/datauploads.velero.io/namespaces/<ns>/<name>.json`); the `-preferredversion` copy
 * of the same object is not (it would only repeat it).
 */
export function isDataUploadEntry(path: string): boolean {
  return dataUploadEntry.test(path.replace(/^\.\//, ''));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The DataUpload of a tarball entry's JSON; undefined when it is not one (the entry is skipped, never fatal). */
export function backedUpDataUpload(json: string): DataUpload | undefined {
  const parsed = dataUploadSchema.safeParse(parseJson(json));
  return parsed.success ? parsed.data : undefined;
}

/** The PodVolumeBackups of a `-podvolumebackups.json` document (a JSON list); entries that are not one are skipped. */
export function backedUpPodVolumeBackups(json: string): PodVolumeBackup[] {
  const list = parseJson(json);
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    const parsed = podVolumeBackupSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** `cluster` plus the `stored` objects whose name is not in it: the cluster's copy wins (it has the newest status). */
export function withStoredObjects<T extends { readonly metadata?: { readonly name?: string } }>(
  cluster: readonly T[],
  stored: readonly T[],
): T[] {
  const names = new Set(cluster.map((object) => object.metadata?.name));
  return [...cluster, ...stored.filter((object) => !names.has(object.metadata?.name))];
}
