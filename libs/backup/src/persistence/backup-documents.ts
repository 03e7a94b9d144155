// The small gzip'd JSON documents of a backup besides results and volume info, as Velero's
// `persistBackup` encodes them (json.Encoder, trailing newline) — including what it writes when a
// list is empty: the native snapshot list and the PodVolumeBackup list are nil slices (`null`), the
// item-operation list is initialised empty (`[]`), the resource list is a map (`{}`).
import { encodeGoJson, goMap, type GoJsonValue } from '../encoding/go-json';

/**
 * `<b>-resource-list.json.gz`: `{"<group/version>/<Kind>": ["ns/name" | "name", …]}`, keys sorted,
 * each list as given (the collector sorts them). Pure.
 */
export function encodeResourceList(resourceList: Readonly<Record<string, readonly string[]>>): string {
  return encodeGoJson(goMap(resourceList as Readonly<Record<string, GoJsonValue>>));
}

/** `<b>-itemoperations.json.gz`: the async item operations; `[]` when there are none. Pure. */
export function encodeItemOperations(operations: readonly unknown[]): string {
  return encodeGoJson(operations as readonly GoJsonValue[]);
}

/** `<b>-podvolumebackups.json.gz`: the PodVolumeBackup objects; `null` when there are none. Pure. */
export function encodePodVolumeBackups(podVolumeBackups: readonly unknown[]): string {
  return encodeGoJson(podVolumeBackups.length > 0 ? (podVolumeBackups as readonly GoJsonValue[]) : null);
}

/**
 * `<b>-volumesnapshots.json.gz`: Velero's native (volume snapshotter plugin) snapshots. Ferry takes
 * none, so it is always the nil list Velero writes for a backup without them: `null`. Pure.
 */
export function encodeNativeVolumeSnapshots(): string {
  return encodeGoJson(null);
}
