// Which claims the restore volume info looks at: Velero's `RestoredPVCFromRestoredResourceList`
// (internal/volume/utils.go) over the restored resource list.

/** The resource list key of PersistentVolumeClaims. */
const claimResource = 'v1/PersistentVolumeClaim';

/** The last parenthesised group of an entry, as Velero's `\(([^)]+)\)` finds it. */
const groups = /\(([^)]+)\)/g;

/** A claim of the restored resource list. */
export interface RestoredClaimRef {
  readonly namespace: string;
  readonly name: string;
}

/**
 * The claims the restore created: the `v1/PersistentVolumeClaim` entries whose rightmost
 * parenthesised result is `created` (`ns/name(created)`; `updated` and `skipped` claims are left
 * out, as Velero does), each once, in list order. The collector reads these claims back from the
 * API server to build `RestoreVolumeInfoInputs.claims`. Pure.
 */
export function restoredClaimRefs(resourceList: Readonly<Record<string, readonly string[]>>): RestoredClaimRef[] {
  const seen = new Set<string>();
  const claims: RestoredClaimRef[] = [];
  for (const entry of resourceList[claimResource] ?? []) {
    const last = [...entry.matchAll(groups)].at(-1);
    if (last?.[1] !== 'created') continue;
    const key = entry.slice(0, entry.length - '(created)'.length);
    if (seen.has(key)) continue;
    seen.add(key);
    const [namespace = '', name = ''] = key.split('/');
    claims.push({ namespace, name });
  }
  return claims;
}
