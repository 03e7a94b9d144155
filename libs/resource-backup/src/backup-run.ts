// One Backup's collection (Velero's BackupWithResolvers, item collector and item backupper in one
// pass): discovery and namespaces, then every listed resource type streamed page by page through
// a bounded pool of `workers` listings; each item, with its related items (its item block), goes
// through the inclusion checks into the tarball; Namespace objects and CRDs follow.
import {
  BackupResultsBuilder,
  NamespaceTracker,
  ResourceListBuilder,
  ResultLevel,
  buildResourceCatalog,
  collectionRulesOf,
  encodeUnstructured,
  itemEntryNames,
  itemIncluded,
  listedResources,
  namespacesToList,
  objectRef,
  podHookWarnings,
  podRelatedItems,
  pvcForArchive,
  pvcRelatedItems,
  resourceListings,
  resourceOrderOf,
  sortByOrder,
  backupVersionEntry,
  type CatalogResource,
  type CollectionRules,
  type Listing,
  type ObjectJson,
  type RelatedItem,
} from '@ferry/backup';
import { labelSelectorMatches } from '@ferry/kube-values';
import type { LabelSelector } from '@ferry/api';
import { discoverApiGroups } from './api-discovery';
import { countingRequester, type CountingRequester } from './api-counter';
import { mapWithLimit } from './bounded-pool';
import { ResourceBackupError, ResourceBackupErrorCode } from './errors';
import { listPages } from './list-pager';
import { indexKey, indexedResources, RelatedItemIndex } from './related-item-index';
import type { BackedUpObjectRef, ResourceBackupDependencies, ResourceBackupRequest, ResourceBackupResult } from './resource-backup-request';
import { openTarballSink, type TarballSink, type TarFile } from './tarball-sink';

const namespacesResource: CatalogResource = {
  group: '',
  version: 'v1',
  resource: 'namespaces',
  kind: 'Namespace',
  namespaced: false,
  groupResource: 'namespaces',
  apiVersion: 'v1',
  singular: 'namespace',
  shortNames: ['ns'],
};
const crdResource = 'customresourcedefinitions.apiextensions.k8s.io';

type Metadata = {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  deletionTimestamp?: string;
  namespace?: string;
  name?: string;
};
const metadataOf = (object: ObjectJson): Metadata => (object['metadata'] ?? {}) as Metadata;
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The collection of one request; used once. */
export class BackupRun {
  private readonly requester: CountingRequester;
  private readonly results = new BackupResultsBuilder();
  private readonly resourceList = new ResourceListBuilder();
  private readonly backedUpResources = new Set<string>();
  private readonly pods: BackedUpObjectRef[] = [];
  private readonly claims: BackedUpObjectRef[] = [];
  private totalItems = 0;

  constructor(
    private readonly deps: ResourceBackupDependencies,
    private readonly request: ResourceBackupRequest,
  ) {
    this.requester = countingRequester(deps.kube.requester);
  }

  private get workers(): number {
    return Math.max(1, this.deps.workers ?? 8);
  }

  private get pageSize(): number {
    return this.deps.pageSize ?? 500;
  }

  /** Runs the collection; rejects only when the tarball could not be written or the signal aborted. */
  async run(): Promise<ResourceBackupResult> {
    const { store, tarballKey, signal } = this.request;
    const sink = openTarballSink(store, tarballKey, signal);
    try {
      await sink.add([{ name: backupVersionEntry.name, body: Buffer.from(backupVersionEntry.body) }]);
      const { rules, namespaces } = await this.prepare();
      const tracker = new NamespaceTracker(
        rules,
        namespaces.map((ns) => ({
          name: objectRef(ns).name,
          labels: metadataOf(ns).labels,
          phase: (ns['status'] as { phase?: string } | undefined)?.phase,
        })),
      );
      const index = new RelatedItemIndex(
        this.requester,
        (gr) => rules.catalog.resolve(gr),
        namespacesToList(rules.namespaces),
        this.pageSize,
        signal,
      );
      const item = new ItemWriter(this, rules, sink, index);
      const listed = listedResources(rules);
      const tasks = listed.flatMap((resource) => {
        const listings = resourceListings(rules, resource);
        const order = resourceOrderOf(this.request.backup.spec?.orderedResources, resource.resource);
        if (order.length > 0) return [() => this.collectInOrder(item, tracker, index, resource, listings, order)];
        return listings.map((listing) => () => this.collect(item, tracker, index, resource, listing));
      });
      if (listed.some((resource) => resource.group !== '') && crdsFollow(rules)) {
        // Listed beside the items instead of after them; backupCrds awaits the same load (and its failure).
        index.of(crdResource).catch(() => undefined);
      }
      await mapWithLimit(tasks, this.workers, (collect) => collect());
      await this.backupNamespaces(item, rules, tracker, namespaces);
      await item.flush();
      await this.backupCrds(item, rules, index);
      await item.flush();
      const tarballBytes = await sink.finish();
      const count = this.resourceList.size;
      return {
        progress: { totalItems: count, itemsBackedUp: count },
        resourceList: this.resourceList.build(),
        results: this.results.build(),
        tarballBytes,
        apiRequests: this.requester.count,
        pods: this.pods,
        persistentVolumeClaims: this.claims,
      };
    } catch (error) {
      await sink.abort(error);
      throw this.failure(error);
    }
  }

  private failure(error: unknown): ResourceBackupError {
    const name = this.request.backup.metadata?.name ?? '';
    if (error instanceof ResourceBackupError) return error;
    if (this.request.signal?.aborted) {
      return new ResourceBackupError(ResourceBackupErrorCode.Aborted, `collection of backup ${name} was aborted; no tarball was left`, {
        cause: error,
      });
    }
    return new ResourceBackupError(
      ResourceBackupErrorCode.UploadFailed,
      `cannot write the tarball of backup ${name} to ${this.request.tarballKey}: ${errorText(error)}; check the storage location, then retry`,
      { cause: error },
    );
  }

  private async prepare(): Promise<{ rules: CollectionRules; namespaces: ObjectJson[] }> {
    const { signal, backup, resourcePolicies } = this.request;
    try {
      const [groups, namespaces] = await Promise.all([
        discoverApiGroups(this.requester, this.workers, signal),
        this.listAll(namespacesResource),
      ]);
      const catalog = buildResourceCatalog(groups);
      const names = namespaces.map((ns) => objectRef(ns).name);
      return { rules: collectionRulesOf(backup.spec ?? {}, catalog, names, resourcePolicies), namespaces };
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ResourceBackupError(
        ResourceBackupErrorCode.DiscoveryFailed,
        `cannot discover the API server's resources or namespaces for backup ${backup.metadata?.name ?? ''}: ${errorText(error)}; check the API server and the controller's RBAC, then retry`,
        { cause: error },
      );
    }
  }

  private async listAll(resource: CatalogResource): Promise<ObjectJson[]> {
    const all: ObjectJson[] = [];
    for await (const page of listPages(this.requester, resource, { namespace: '', labelSelector: '' }, this.pageSize, this.request.signal))
      all.push(...page);
    return all;
  }

  /** The pages of one listing, from the API (or the index); a listing error is a result and ends them. */
  private async *pagesOf(index: RelatedItemIndex, resource: CatalogResource, listing: Listing): AsyncGenerator<ObjectJson[]> {
    const pages = indexedResources.has(resource.groupResource)
      ? indexedPages(index, resource, listing)
      : listPages(this.requester, resource, listing, this.pageSize, this.request.signal);
    for (;;) {
      let next: IteratorResult<ObjectJson[]>;
      try {
        next = await pages.next();
      } catch (error) {
        if (this.request.signal?.aborted) throw error;
        this.results.log(ResultLevel.Error, {
          namespace: listing.namespace,
          resource: resource.resource,
          message: 'Error listing items',
          error: errorText(error),
        });
        return;
      }
      if (next.done) return;
      this.totalItems += next.value.length;
      yield next.value;
    }
  }

  /** One listing, written page by page, each item with its block. */
  private async collect(
    item: ItemWriter,
    tracker: NamespaceTracker,
    index: RelatedItemIndex,
    resource: CatalogResource,
    listing: Listing,
  ): Promise<void> {
    for await (const page of this.pagesOf(index, resource, listing)) await this.write(item, tracker, resource, page);
  }

  /** A resource `orderedResources` orders: every listing of it gathered, then written with the ordered items first. */
  private async collectInOrder(
    item: ItemWriter,
    tracker: NamespaceTracker,
    index: RelatedItemIndex,
    resource: CatalogResource,
    listings: readonly Listing[],
    order: readonly string[],
  ): Promise<void> {
    const listed: ObjectJson[] = [];
    for (const listing of listings) for await (const page of this.pagesOf(index, resource, listing)) listed.push(...page);
    const sorted = sortByOrder(listed, order, (object) => {
      const { namespace, name } = objectRef(object);
      return namespace === '' ? name : `${namespace}/${name}`;
    });
    for (const name of sorted.missing) this.results.log(ResultLevel.Warning, { message: `Cannot find resource '${name}'.` });
    await this.write(item, tracker, resource, sorted.items);
  }

  private async write(
    item: ItemWriter,
    tracker: NamespaceTracker,
    resource: CatalogResource,
    objects: readonly ObjectJson[],
  ): Promise<void> {
    for (const object of objects) {
      tracker.track(objectRef(object).namespace);
      await item.backup(resource, object);
    }
    await item.flush();
  }

  private async backupNamespaces(
    item: ItemWriter,
    rules: CollectionRules,
    tracker: NamespaceTracker,
    namespaces: readonly ObjectJson[],
  ): Promise<void> {
    const resource = rules.catalog.resolve('namespaces');
    if (!resource || !rules.resourceTypes.shouldInclude('namespaces')) return;
    for (const namespace of namespaces) {
      if (!tracker.isTracked(objectRef(namespace).name)) continue;
      this.totalItems++;
      await item.backup(resource, { apiVersion: resource.apiVersion, kind: resource.kind, ...namespace });
    }
  }

  /** Velero's backupCRD: the CRD of every backed-up custom resource type, unless CRDs are filtered either way. */
  private async backupCrds(item: ItemWriter, rules: CollectionRules, index: RelatedItemIndex): Promise<void> {
    const resource = rules.catalog.resolve(crdResource);
    if (!resource || !crdsFollow(rules)) return;
    const grouped = [...this.backedUpResources].filter((gr) => gr.includes('.')).sort();
    if (grouped.length === 0) return;
    const crds = await index.of(crdResource);
    for (const gr of grouped) {
      const crd = crds.get(gr);
      if (crd) await item.backup(resource, crd);
    }
  }

  /** Called by the item writer for every item written. */
  recordWritten(resource: CatalogResource, namespace: string, name: string): void {
    this.backedUpResources.add(resource.groupResource);
    if (resource.groupResource === 'pods') this.pods.push({ namespace, name });
    if (resource.groupResource === 'persistentvolumeclaims') this.claims.push({ namespace, name });
    const itemsBackedUp = this.resourceList.size;
    this.request.onProgress?.({ totalItems: Math.max(this.totalItems, itemsBackedUp), itemsBackedUp });
  }

  /** Shared state the item writer uses. */
  get state(): { results: BackupResultsBuilder; resourceList: ResourceListBuilder; backupName: string } {
    return { results: this.results, resourceList: this.resourceList, backupName: this.request.backup.metadata?.name ?? '' };
  }

  /** Counts an additional item found for an item. */
  countAdditional(): void {
    this.totalItems++;
  }
}

/** Whether the CRDs of backed-up custom resources follow the items (CRDs served and filtered neither way). */
function crdsFollow(rules: CollectionRules): boolean {
  return (
    rules.catalog.resolve(crdResource) !== undefined &&
    !rules.resourceTypes.shouldExclude(crdResource) &&
    !rules.resourceTypes.shouldInclude(crdResource)
  );
}

/** The index of an indexed type as pages of one, filtered as the listing would be by the API server. */
async function* indexedPages(index: RelatedItemIndex, resource: CatalogResource, listing: Listing): AsyncGenerator<ObjectJson[]> {
  const objects = await index.of(resource.groupResource);
  const selected = [...objects.values()].filter((object) => {
    const { namespace } = objectRef(object);
    if (listing.namespace !== '' && namespace !== listing.namespace) return false;
    return !listing.selector || labelSelectorMatches(listing.selector as LabelSelector, metadataOf(object).labels);
  });
  yield selected;
}

/** Writes items (and their related items) into the tarball. */
class ItemWriter {
  private files: TarFile[] = [];

  constructor(
    private readonly run: BackupRun,
    private readonly rules: CollectionRules,
    private readonly sink: TarballSink,
    private readonly index: RelatedItemIndex,
  ) {}

  /** Velero's backupItem: inclusion checks, once per item, both paths, then its related items. */
  async backup(resource: CatalogResource, object: ObjectJson): Promise<void> {
    const metadata = metadataOf(object);
    const { namespace, name } = objectRef(object);
    const gr = resource.groupResource;
    const facts = { namespace, name, labels: metadata.labels, deletionTimestamp: metadata.deletionTimestamp };
    if (!itemIncluded(this.rules, facts, gr)) return;
    const { resourceList, backupName } = this.run.state;
    const apiVersion = typeof object['apiVersion'] === 'string' ? object['apiVersion'] : resource.apiVersion;
    const kind = typeof object['kind'] === 'string' ? object['kind'] : resource.kind;
    if (!resourceList.add(apiVersion, kind, namespace, name)) return;
    const archived = gr === 'persistentvolumeclaims' ? pvcForArchive(object, backupName) : object;
    const body = Buffer.from(encodeUnstructured(archived));
    const [legacy, preferred] = itemEntryNames(gr, resource.version, namespace, name);
    // Written with the rest of the page (flush): one tar buffer per page feeds gzip in large chunks.
    this.files.push({ name: legacy, body }, { name: preferred, body });
    this.run.recordWritten(resource, namespace, name);
    if (gr === 'pods') {
      // Ferry cannot exec into containers: each hook the pod asks for is a warning under its namespace, never a silent skip.
      for (const warning of podHookWarnings({ namespace, name, annotations: metadata.annotations })) {
        this.run.state.results.namespace(ResultLevel.Warning, namespace, warning);
      }
    }
    const related = gr === 'pods' ? podRelatedItems(object) : gr === 'persistentvolumeclaims' ? pvcRelatedItems(object) : [];
    for (const item of related) await this.backupRelated(item, gr);
  }

  /** Writes the entries gathered since the last flush; waits while gzip's buffer is full. */
  async flush(): Promise<void> {
    const files = this.files;
    this.files = [];
    await this.sink.add(files);
  }

  private async backupRelated(item: RelatedItem, parentResource: string): Promise<void> {
    const resource = this.rules.catalog.resolve(item.groupResource);
    if (!resource) return;
    const found = (await this.index.of(item.groupResource)).get(indexKey(item.namespace, item.name));
    if (!found) {
      this.run.state.results.log(ResultLevel.Warning, {
        namespace: item.namespace,
        resource: parentResource,
        name: item.name,
        message: "Additional item was not found in Kubernetes API, can't back it up",
      });
      return;
    }
    this.run.countAdditional();
    await this.backup(resource, found);
  }
}
