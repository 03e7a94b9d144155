// Velero's resource list (`<b>-resource-list.json.gz`) with the finalizing's additions merged in:
// `{"<group/version>/<Kind>": ["ns/name" | "name", …]}`, each list without duplicates and sorted as
// Go's sort.Strings. Pure.
import { compareGoStrings } from '../encoding/go-json';

/** `base` plus `additions`; neither input is mutated. */
export function mergeResourceList(
  base: Readonly<Record<string, readonly string[]>>,
  additions: Readonly<Record<string, readonly string[]>>,
): Record<string, string[]> {
  const merged: Record<string, string[]> = {};
  for (const key of new Set([...Object.keys(base), ...Object.keys(additions)])) {
    merged[key] = [...new Set([...(base[key] ?? []), ...(additions[key] ?? [])])].sort(compareGoStrings);
  }
  return merged;
}
