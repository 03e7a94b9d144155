// What a restore does when the object it creates already exists (velero pkg/restore/restore.go
// restoreItem after AlreadyExists, merge_service_account.go, generatePatch): the in-cluster object
// is normalised like the backed-up one; identical → skipped (with `update`, only the restore
// labels are written); different → ServiceAccounts merged and patched, else by
// `existingResourcePolicy`: unset or `none` → a warning, `update` → a JSON merge patch.
// managedFields are not compared (see withoutManagedFields).
import { ExistingResourcePolicy, VeleroLabel } from '@ferry/api';
import { addRestoreLabels, blankRestoreLabels, resetMetadataAndStatus } from './item-reset';
import { asObject, jsonEqual, stringMapOf, withoutKeys, type ItemJson } from './item-json';

/** The decision for one existing object. */
export type ExistingObjectDecision =
  /** Nothing to write; the item is reported `skipped` (`warning` set for a differing object). */
  | { readonly kind: 'skip'; readonly warning?: string; readonly labelPatch?: ItemJson }
  /** Write `patch` (a JSON merge patch); on success the item is `updated`. */
  | { readonly kind: 'patch'; readonly patch: ItemJson; readonly labelPatch?: ItemJson };

/**
 * RFC 7386 merge patch turning `from` into `to` (jsonpatch.CreateMergePatch): changed keys set,
 * removed keys `null`, arrays replaced whole. Pure.
 */
export function createMergePatch(from: ItemJson, to: ItemJson): ItemJson {
  const patch: ItemJson = {};
  for (const key of Object.keys(from)) if (to[key] === undefined && from[key] !== undefined) patch[key] = null;
  for (const [key, value] of Object.entries(to)) {
    if (value === undefined) continue;
    const before = from[key];
    const left = asObject(before);
    const right = asObject(value);
    if (left && right) {
      const nested = createMergePatch(left, right);
      if (Object.keys(nested).length > 0) patch[key] = nested;
    } else if (!jsonEqual(before, value)) patch[key] = value;
  }
  return patch;
}

function mergedByName(first: unknown, second: unknown): unknown[] | undefined {
  const left = Array.isArray(first) ? first : [];
  const right = Array.isArray(second) ? second : [];
  const names = new Set(left.map((entry) => asObject(entry)?.['name']));
  const merged = [...left, ...right.filter((entry) => !names.has(asObject(entry)?.['name']))];
  return merged.length > 0 ? merged : undefined;
}

/** Velero's `mergeServiceAccounts`: secrets and imagePullSecrets unioned by name; backed-up labels/annotations added where absent. Pure. */
export function mergeServiceAccounts(fromCluster: ItemJson, fromBackup: ItemJson): ItemJson {
  const metadata = asObject(fromCluster['metadata']) ?? {};
  const merge = (field: 'labels' | 'annotations') => {
    const merged = { ...stringMapOf(fromBackup, field), ...stringMapOf(fromCluster, field) };
    return Object.keys(merged).length > 0 ? merged : undefined;
  };
  const secrets = mergedByName(fromCluster['secrets'], fromBackup['secrets']);
  const pullSecrets = mergedByName(fromCluster['imagePullSecrets'], fromBackup['imagePullSecrets']);
  return {
    ...fromCluster,
    metadata: { ...metadata, labels: merge('labels'), annotations: merge('annotations') },
    ...(secrets ? { secrets } : {}),
    ...(pullSecrets ? { imagePullSecrets: pullSecrets } : {}),
  };
}

/**
 * The object without `metadata.managedFields`: Ferry creates an item in one write with the
 * backed-up managedFields, and the API server adds its own entry for the create (Velero writes
 * twice, the second a patch setting exactly the backed-up entries), so field-manager bookkeeping
 * is left out when deciding whether an existing object is the backed-up one.
 */
function withoutManagedFields(item: ItemJson): ItemJson {
  return { ...item, metadata: withoutKeys(asObject(item['metadata']) ?? {}, 'managedFields') };
}

function labelPatchOf(normalised: ItemJson, labelled: ItemJson): ItemJson | undefined {
  const patch = createMergePatch(blankRestoreLabels(normalised), labelled);
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/**
 * The decision for `desired` (the item as it would be created, restore labels set) against
 * `inCluster` (as read). `policy` is `spec.existingResourcePolicy`. Pure.
 */
export function decideExistingObject(
  desired: ItemJson,
  inCluster: ItemJson,
  groupResource: string,
  policy: string | null | undefined,
): ExistingObjectDecision {
  const labels = stringMapOf(desired, 'labels') ?? {};
  const normalised = addRestoreLabels(
    resetMetadataAndStatus(inCluster),
    labels[VeleroLabel.RestoreName] ?? '',
    labels[VeleroLabel.BackupName] ?? '',
  );
  const desiredWithoutStatus = withoutKeys(desired, 'status');
  const kind = String(desired['kind'] ?? '');
  const name = String(asObject(desired['metadata'])?.['name'] ?? '');
  const labelPatch = policy === ExistingResourcePolicy.Update ? labelPatchOf(resetMetadataAndStatus(inCluster), normalised) : undefined;
  if (jsonEqual(withoutManagedFields(normalised), withoutManagedFields(desiredWithoutStatus)))
    return { kind: 'skip', ...(labelPatch ? { labelPatch } : {}) };
  if (groupResource === 'serviceaccounts') {
    const patch = createMergePatch(normalised, mergeServiceAccounts(normalised, desiredWithoutStatus));
    return Object.keys(patch).length > 0 ? { kind: 'patch', patch, ...(labelPatch ? { labelPatch } : {}) } : { kind: 'skip' };
  }
  if (policy === ExistingResourcePolicy.Update) {
    return {
      kind: 'patch',
      patch: createMergePatch(blankRestoreLabels(normalised), desiredWithoutStatus),
      ...(labelPatch ? { labelPatch } : {}),
    };
  }
  const warning =
    policy === ExistingResourcePolicy.None
      ? `could not restore, ${kind} "${name}" already exists. Warning: the in-cluster version is different than the backed-up version`
      : `could not restore, ${kind}:${name} already exists. Warning: the in-cluster version is different than the backed-up version`;
  return { kind: 'skip', warning };
}
