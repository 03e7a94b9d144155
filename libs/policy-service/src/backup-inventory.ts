// The objects one backup plan reads, fetched with a constant number of list calls: one namespace
// list, one PV list (cluster-scoped), and PVCs and pods either once for all namespaces or once per
// namespace of a short explicit list. Never a GET per volume, never a pod list per PV.
import type { BackupSpec } from '@ferry/api';
import { builtinResources } from '@ferry/kube';
import type { PersistentVolumeClaimInput, PersistentVolumeInput, PodInput } from '@ferry/volume-policy';
import type { ClusterReader } from './cluster-reader';
import { includesAllNamespaces, resolveBackupNamespaces } from '@ferry/backup';

/** How PVCs and pods are listed. */
export const ListScope = {
  /** One list per kind across all namespaces, filtered here by namespace. */
  Cluster: 'cluster',
  /** One list per kind and namespace. */
  Namespace: 'namespace',
} as const;
/** One of {@link ListScope}. */
export type ListScope = (typeof ListScope)[keyof typeof ListScope];

/** Options of {@link readBackupInventory}. */
export interface InventoryOptions {
  /** Force a scope; default: chosen by {@link chooseListScope}. */
  readonly listScope?: ListScope;
  /** Largest explicit namespace list still read per namespace; default 4. */
  readonly maxNamespacesPerNamespaceLists?: number;
}

/** What a plan reads from the cluster. */
export interface BackupInventory {
  /** Namespaces the Backup covers (existing ones), sorted. */
  readonly namespaces: readonly string[];
  readonly listScope: ListScope;
  /** Every pod of those namespaces (label selectors are applied later: see `selectBackupItems`). */
  readonly pods: readonly PodInput[];
  /** Every PVC of those namespaces. */
  readonly persistentVolumeClaims: readonly PersistentVolumeClaimInput[];
  /** Every PV of the cluster (PVs are cluster-scoped; the plan keeps those bound to its PVCs). */
  readonly persistentVolumes: readonly PersistentVolumeInput[];
}

/** Default of {@link InventoryOptions.maxNamespacesPerNamespaceLists}. */
export const defaultMaxNamespacesPerNamespaceLists = 4;

/**
 * The list scope for a Backup covering `namespaceCount` namespaces. Per namespace only when the
 * Backup names its namespaces without wildcards and there are at most `maxPerNamespace` of them:
 * then the lists carry only the Backup's objects (a small namespace in a big cluster stays cheap)
 * and the request count is bounded by 2 + 2 × maxPerNamespace. Otherwise cluster-wide: exactly one
 * list per kind whatever the number of namespaces, at the price of reading other namespaces'
 * pods and PVCs. Either way the count never depends on the number of volumes. Pure.
 */
export function chooseListScope(
  spec: Pick<BackupSpec, 'includedNamespaces'>,
  namespaceCount: number,
  maxPerNamespace = defaultMaxNamespacesPerNamespaceLists,
): ListScope {
  const explicit = !includesAllNamespaces(spec) && (spec.includedNamespaces ?? []).every((p) => !p.includes('*') && !p.includes('?'));
  return explicit && namespaceCount <= maxPerNamespace ? ListScope.Namespace : ListScope.Cluster;
}

interface NamedObject {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
}

/**
 * Reads the namespaces, PVs, PVCs and pods a plan of this Backup needs. Requests: 1 namespace
 * list + 1 PV list + (cluster scope) 2 lists, or (namespace scope) 2 per namespace; each list
 * takes ⌈objects ÷ page size⌉ pages. Lists run concurrently. Rejects with `ClusterReadError`.
 */
export async function readBackupInventory(
  reader: ClusterReader,
  spec: BackupSpec,
  options: InventoryOptions = {},
): Promise<BackupInventory> {
  const [namespaceObjects, persistentVolumes] = await Promise.all([
    reader.list<NamedObject>(builtinResources.namespaces),
    reader.list<PersistentVolumeInput>(builtinResources.persistentVolumes),
  ]);
  const namespaces = resolveBackupNamespaces(
    spec,
    namespaceObjects.map((ns) => ns.metadata?.name ?? ''),
  );
  const listScope = options.listScope ?? chooseListScope(spec, namespaces.length, options.maxNamespacesPerNamespaceLists);
  const covered = new Set(namespaces);
  const [pods, persistentVolumeClaims] =
    listScope === ListScope.Cluster
      ? await Promise.all([
          reader.list<PodInput>(builtinResources.pods).then((all) => inNamespaces(all, covered)),
          reader.list<PersistentVolumeClaimInput>(builtinResources.persistentVolumeClaims).then((all) => inNamespaces(all, covered)),
        ])
      : await Promise.all([
          Promise.all(namespaces.map((ns) => reader.list<PodInput>(builtinResources.pods, ns))).then((lists) => lists.flat()),
          Promise.all(namespaces.map((ns) => reader.list<PersistentVolumeClaimInput>(builtinResources.persistentVolumeClaims, ns))).then(
            (lists) => lists.flat(),
          ),
        ]);
  return { namespaces, listScope, pods, persistentVolumeClaims, persistentVolumes };
}

function inNamespaces<T extends NamedObject>(objects: readonly T[], covered: ReadonlySet<string>): T[] {
  return objects.filter((object) => covered.has(object.metadata?.namespace ?? ''));
}
