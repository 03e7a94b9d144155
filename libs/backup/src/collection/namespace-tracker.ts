// Which Namespace objects go into the tarball: Velero's nsTracker (item_collector.go). A namespace
// is taken when it is Active and matches the Backup's label selectors, or passes the namespace
// filter (unless the filter takes everything and selectors are set, velero#7105), or holds any
// collected item of an included namespace.
import { labelSelectorMatches } from '@ferry/kube-values';
import type { CollectionRules } from './collection-rules';
import { namespaceFilterIncludes, namespaceFilterIncludesEverything } from './namespace-selection';

/** The parts of a Namespace object the tracker reads. */
export interface NamespaceFacts {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>> | null | undefined;
  /** `status.phase`; only `Active` namespaces are taken by filter or selector. */
  readonly phase?: string | undefined;
}

/** Velero's nsTracker; not shared between backups. */
export class NamespaceTracker {
  private readonly names = new Set<string>();

  /** Velero's `nsTracker.init` over the cluster's namespaces. */
  constructor(
    private readonly rules: CollectionRules,
    namespaces: readonly NamespaceFacts[],
  ) {
    const { labelSelector, orLabelSelectors } = rules.spec;
    const selectors = orLabelSelectors ?? [];
    const selected = labelSelector !== undefined && labelSelector !== null;
    for (const namespace of namespaces) {
      if (namespace.phase !== 'Active') continue;
      if (selected && labelSelectorMatches(labelSelector, namespace.labels)) {
        this.names.add(namespace.name);
        continue;
      }
      if (selectors.some((selector) => labelSelectorMatches(selector, namespace.labels))) this.names.add(namespace.name);
      if (namespaceFilterIncludesEverything(rules.namespaces) && (selected || selectors.length > 0)) continue;
      if (namespaceFilterIncludes(rules.namespaces, namespace.name)) this.names.add(namespace.name);
    }
  }

  /** Records the namespace of a collected item (only namespaces the filter includes count). */
  track(namespace: string): void {
    if (namespace !== '' && !this.names.has(namespace) && namespaceFilterIncludes(this.rules.namespaces, namespace))
      this.names.add(namespace);
  }

  /** Whether the Namespace object `name` is taken. */
  isTracked(name: string): boolean {
    return this.names.has(name);
  }
}
