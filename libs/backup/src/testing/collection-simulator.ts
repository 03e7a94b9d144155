// Velero's collection loop (backup.go, item_collector.go, item_backupper.go) over the pure rules,
// against objects in memory: the specs compare the tarball entries it yields with Velero's
// backup_test.go tables. The adapter (resource-backup BackupRun) runs the same loop against an
// API server.
import type { BackupSpec, LabelSelector } from '@ferry/api';
import { labelSelectorMatches } from '@ferry/kube-values';
import { objectRef, podRelatedItems, pvcRelatedItems, type ObjectJson, type RelatedItem } from '../collection/additional-items';
import { collectionRulesOf, itemIncluded, listedResources, resourceListings, type CollectionRules } from '../collection/collection-rules';
import { itemEntryNames } from '../collection/item-archive';
import { NamespaceTracker } from '../collection/namespace-tracker';
import { buildResourceCatalog, type CatalogResource, type DiscoveredGroup } from '../collection/resource-catalog';
import { aResource } from './catalog-builder';

/** An object of the simulated cluster and the group-resource it is served as. */
export interface ClusterObject {
  readonly groupResource: string;
  readonly object: ObjectJson;
}

interface ObjectOptions {
  readonly labels?: Record<string, string>;
  readonly deleting?: boolean;
  readonly spec?: Record<string, unknown>;
  readonly status?: Record<string, unknown>;
}

/** An object of `groupResource` named `namespace/name` (`namespace` `""`: cluster-scoped). */
export function clusterObject(groupResource: string, namespace: string, name: string, options: ObjectOptions = {}): ClusterObject {
  const metadata: Record<string, unknown> = { name, ...(namespace ? { namespace } : {}) };
  if (options.labels) metadata['labels'] = options.labels;
  if (options.deleting) metadata['deletionTimestamp'] = '2026-01-01T00:00:00Z';
  const object: ObjectJson = { metadata };
  if (options.spec) object['spec'] = options.spec;
  if (options.status) object['status'] = options.status;
  return { groupResource, object };
}

/** A pod mounting the PVCs `claims`. */
export const podWithClaims = (namespace: string, name: string, ...claims: string[]): ClusterObject =>
  clusterObject('pods', namespace, name, {
    spec: { volumes: claims.map((claim) => ({ name: claim, persistentVolumeClaim: { claimName: claim } })) },
  });

/** A PVC bound to PV `volumeName`. */
export const boundClaim = (namespace: string, name: string, volumeName: string): ClusterObject =>
  clusterObject('persistentvolumeclaims', namespace, name, { spec: { volumeName }, status: { phase: 'Bound' } });

/** A Namespace object; `phase` undefined as Velero's builder leaves it. */
export const namespaceObject = (name: string, phase?: string, labels?: Record<string, string>): ClusterObject =>
  clusterObject('namespaces', '', name, { labels, ...(phase ? { status: { phase } } : {}) });

const served: Readonly<Record<string, readonly [group: string, version: string, kind: string, namespaced: boolean]>> = {
  pods: ['', 'v1', 'Pod', true],
  persistentvolumeclaims: ['', 'v1', 'PersistentVolumeClaim', true],
  persistentvolumes: ['', 'v1', 'PersistentVolume', false],
  secrets: ['', 'v1', 'Secret', true],
  namespaces: ['', 'v1', 'Namespace', false],
  'deployments.apps': ['apps', 'v1', 'Deployment', true],
  'deployments.extensions': ['extensions', 'v1', 'Deployment', true],
  'deployments.velero.io': ['velero.io', 'v1', 'Deployment', true],
  'backups.velero.io': ['velero.io', 'v1', 'Backup', true],
  'volumesnapshotlocations.velero.io': ['velero.io', 'v1', 'VolumeSnapshotLocation', true],
  'customresourcedefinitions.apiextensions.k8s.io': ['apiextensions.k8s.io', 'v1beta1', 'CustomResourceDefinition', false],
};

/** Discovery as Velero's test harness builds it: the types of `objects`, and `namespaces`. */
function discoveryOf(objects: readonly ClusterObject[]): DiscoveredGroup[] {
  const groups = new Map<string, { version: string; names: Set<string> }>();
  for (const groupResource of ['namespaces', ...objects.map((item) => item.groupResource)]) {
    const [group, version] = served[groupResource] ?? [];
    if (group === undefined || version === undefined) throw new Error(`${groupResource} is not served by the simulator`);
    const entry = groups.get(group) ?? { version, names: new Set<string>() };
    entry.names.add(groupResource);
    groups.set(group, entry);
  }
  return [...groups].map(([name, { version, names }]) => ({
    name,
    preferredVersion: version,
    versions: [
      {
        version,
        resources: [...names].map((groupResource) => {
          const [, , kind, namespaced] = served[groupResource] ?? ['', '', '', false];
          return aResource(groupResource.split('.')[0] ?? groupResource, kind, namespaced);
        }),
      },
    ],
  }));
}

const crds = 'customresourcedefinitions.apiextensions.k8s.io';

/**
 * The tarball entries Velero writes for `spec` over `objects`: listed items and their related
 * items (a pod's PVCs, a bound PVC's PV) through the inclusion checks, tracked Namespace
 * objects, then the CRDs of backed-up custom resources when CRDs are filtered neither way
 * (backup.go). In the order written.
 */
export function simulatedTarball(spec: BackupSpec, objects: readonly ClusterObject[]): string[] {
  const catalog = buildResourceCatalog(discoveryOf(objects));
  const namespaceObjects = objects.filter((item) => item.groupResource === 'namespaces').map((item) => item.object);
  // The cluster's namespaces: every Namespace object, and those items live in (Velero's harness creates them).
  const active = [
    ...new Set([...namespaceObjects.map((object) => objectRef(object).name), ...objects.map((item) => objectRef(item.object).namespace)]),
  ]
    .filter((name) => name !== '')
    .sort();
  const rules = collectionRulesOf(spec, catalog, active);
  const tracker = new NamespaceTracker(
    rules,
    namespaceObjects.map((object) => {
      const metadata = object['metadata'] as { name: string; labels?: Record<string, string> };
      return { name: metadata.name, labels: metadata.labels, phase: (object['status'] as { phase?: string } | undefined)?.phase };
    }),
  );
  const written = new Set<string>();
  const entries: string[] = [];
  const find = (item: RelatedItem): ObjectJson | undefined =>
    objects.find(
      ({ groupResource, object }) =>
        groupResource === item.groupResource && objectRef(object).namespace === item.namespace && objectRef(object).name === item.name,
    )?.object;
  const backup = (resource: CatalogResource, object: ObjectJson): void => {
    const { namespace, name } = objectRef(object);
    const metadata = object['metadata'] as { labels?: Record<string, string>; deletionTimestamp?: string };
    if (!itemIncluded(rules, { namespace, name, ...metadata }, resource.groupResource)) return;
    const key = `${resource.groupResource}/${namespace}/${name}`;
    if (written.has(key)) return;
    written.add(key);
    entries.push(...itemEntryNames(resource.groupResource, resource.version, namespace, name));
    for (const item of relatedItems(resource.groupResource, object)) {
      const found = find(item);
      const relatedResource = catalog.resolve(item.groupResource);
      if (found && relatedResource) backup(relatedResource, found);
    }
  };
  for (const resource of listedResources(rules)) {
    for (const listing of resourceListings(rules, resource)) {
      for (const { groupResource, object } of objects) {
        const { namespace } = objectRef(object);
        if (groupResource !== resource.groupResource || (listing.namespace !== '' && namespace !== listing.namespace)) continue;
        const labels = (object['metadata'] as { labels?: Record<string, string> }).labels;
        if (listing.selector && !labelSelectorMatches(listing.selector as LabelSelector, labels)) continue;
        tracker.track(namespace);
        backup(resource, object);
      }
    }
  }
  const namespaces = catalog.resolve('namespaces');
  if (namespaces && rules.resourceTypes.shouldInclude('namespaces')) {
    for (const object of namespaceObjects) if (tracker.isTracked(objectRef(object).name)) backup(namespaces, object);
  }
  collectCrds(rules, written, (name) => {
    const crd = objects.find((item) => item.groupResource === crds && objectRef(item.object).name === name);
    const resource = catalog.resolve(crds);
    if (crd && resource) backup(resource, crd.object);
  });
  return entries;
}

/** The related items Ferry's built-in actions add (Velero's pod and PVC actions). */
function relatedItems(groupResource: string, object: ObjectJson): RelatedItem[] {
  if (groupResource === 'pods') return podRelatedItems(object);
  return groupResource === 'persistentvolumeclaims' ? pvcRelatedItems(object) : [];
}

function collectCrds(rules: CollectionRules, written: ReadonlySet<string>, backupCrd: (name: string) => void): void {
  if (rules.resourceTypes.shouldExclude(crds) || rules.resourceTypes.shouldInclude(crds)) return;
  const grouped = new Set([...written].map((key) => key.split('/')[0] ?? '').filter((gr) => gr.includes('.')));
  for (const gr of [...grouped].sort()) backupCrd(gr);
}
