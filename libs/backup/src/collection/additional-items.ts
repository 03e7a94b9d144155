// Velero's default backup item actions that add related items (pkg/backup/actions pod_action.go,
// backup_pv_action.go; pkg/util/actionhelpers): a pod adds its PriorityClass and its PVCs, a
// bound PVC adds its PV and is archived without its data source, its provisioning selector and
// stale Velero labels; a custom resource's CRD is added after the items (backup.go backupCRD).

/** A related item: group-resource, namespace (`""` cluster-scoped) and name. */
export interface RelatedItem {
  readonly groupResource: string;
  readonly namespace: string;
  readonly name: string;
}

/** The parsed JSON of an API object; only the fields read here are typed. */
export type ObjectJson = Record<string, unknown>;

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** `metadata.namespace` and `metadata.name` of an object. */
export function objectRef(object: ObjectJson): { namespace: string; name: string } {
  const metadata = record(object['metadata']);
  return { namespace: text(metadata['namespace']), name: text(metadata['name']) };
}

/** Velero's `RelatedItemsForPod`: the PriorityClass (if named), then each PVC volume's claim. Pure. */
export function podRelatedItems(pod: ObjectJson): RelatedItem[] {
  const { namespace } = objectRef(pod);
  const spec = record(pod['spec']);
  const items: RelatedItem[] = [];
  const priorityClass = text(spec['priorityClassName']);
  if (priorityClass !== '') items.push({ groupResource: 'priorityclasses.scheduling.k8s.io', namespace: '', name: priorityClass });
  const volumes = Array.isArray(spec['volumes']) ? spec['volumes'] : [];
  for (const volume of volumes) {
    const claim = text(record(record(volume)['persistentVolumeClaim'])['claimName']);
    if (claim !== '') items.push({ groupResource: 'persistentvolumeclaims', namespace, name: claim });
  }
  return items;
}

const isBound = (pvc: ObjectJson): boolean => record(pvc['status'])['phase'] === 'Bound' && text(record(pvc['spec'])['volumeName']) !== '';

/** Velero's PVC action: the bound PVC's PV; nothing for a PVC not Bound or without `volumeName`. Pure. */
export function pvcRelatedItems(pvc: ObjectJson): RelatedItem[] {
  if (!isBound(pvc)) return [];
  return [{ groupResource: 'persistentvolumes', namespace: '', name: text(record(pvc['spec'])['volumeName']) }];
}

/**
 * The PVC as Velero's PVC action archives it. A bound PVC loses `spec.dataSource` and
 * `spec.dataSourceRef`, its `spec.selector` unless `storageClassName` is `""`, `velero.io/` keys
 * of its selector's matchLabels, and the labels of earlier operations (restore name, must-include,
 * volume-snapshot name, a backup name other than `backupName`). A PVC not bound is unchanged.
 * Returns a new object; `pvc` is not modified. Pure.
 */
export function pvcForArchive(pvc: ObjectJson, backupName: string): ObjectJson {
  if (!isBound(pvc)) return pvc;
  const spec = { ...record(pvc['spec']) };
  delete spec['dataSource'];
  delete spec['dataSourceRef'];
  if (spec['storageClassName'] !== '') delete spec['selector'];
  else if (spec['selector']) {
    const selector = record(spec['selector']);
    const matchLabels = Object.entries(record(selector['matchLabels'])).filter(([key]) => !key.startsWith('velero.io/'));
    spec['selector'] = selector['matchLabels'] ? { ...selector, matchLabels: Object.fromEntries(matchLabels) } : selector;
  }
  const metadata = { ...record(pvc['metadata']) };
  if (metadata['labels']) {
    const stale = (key: string, value: unknown): boolean =>
      key === 'velero.io/restore-name' ||
      key === 'backup.velero.io/must-include-additional-items' ||
      key === 'velero.io/volume-snapshot-name' ||
      (key === 'velero.io/backup-name' && value !== backupName);
    const labels = Object.entries(record(metadata['labels'])).filter(([key, value]) => !stale(key, value));
    // Go's omitempty drops a label map left empty.
    if (labels.length > 0) metadata['labels'] = Object.fromEntries(labels);
    else delete metadata['labels'];
  }
  return { ...pvc, metadata, spec };
}
